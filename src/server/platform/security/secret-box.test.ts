import { describe, expect, it } from 'vitest'
import { createSecretBox, SecretUnreadableError } from './secret-box.js'

describe('secret box', () => {
  const box = createSecretBox('a key of at least thirty-two characters!', 'channel-secrets')

  it('opens what it sealed, and seals the same value differently each time', () => {
    const secret = { kind: 'webhook', url: 'https://example.com/hook', secret: 's3cret-value' }
    const first = box.seal(secret)
    expect(box.open(first)).toEqual(secret)
    expect(box.seal(secret)).not.toBe(first)
    expect(first).not.toContain('s3cret')
  })

  it('refuses a tampered value, another key and another purpose', () => {
    const sealed = box.seal({ password: 'hunter2' })
    const [version, iv, tag, body] = sealed.split('.') as [string, string, string, string]
    const flipped = `${body.slice(0, -2)}${body.endsWith('AA') ? 'AB' : 'AA'}`
    expect(() => box.open([version, iv, tag, flipped].join('.'))).toThrow(SecretUnreadableError)
    expect(() => createSecretBox('another key of at least thirty-two chars', 'channel-secrets').open(sealed)).toThrow(SecretUnreadableError)
    expect(() => createSecretBox('a key of at least thirty-two characters!', 'other-purpose').open(sealed)).toThrow(SecretUnreadableError)
    expect(() => box.open('not sealed at all')).toThrow(SecretUnreadableError)
  })
})
