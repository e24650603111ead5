import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 'v1'

/**
 * Seals small secrets (channel credentials) for storage: AES-256-GCM with a key derived (HKDF-SHA256)
 * from key material in the environment, a fresh IV per value, and the purpose bound in as associated
 * data so a value sealed for one use cannot be opened for another.
 */
export function createSecretBox(keyMaterial: string, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'kitchen-pantry-crm', purpose, 32))
  const aad = Buffer.from(purpose)

  return {
    seal(value: unknown): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad)
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    },

    /** Throws SecretUnreadableError when the key changed or the value was tampered with. */
    open<T>(sealed: string): T {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretUnreadableError()
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(aad)
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
        return JSON.parse(text) as T
      } catch {
        throw new SecretUnreadableError()
      }
    },
  }
}

export type SecretBox = ReturnType<typeof createSecretBox>

export class SecretUnreadableError extends Error {
  constructor() {
    super('stored secret cannot be read with the current key (was ALERT_SECRETS_KEY or SESSION_SECRET changed?); enter it again')
    this.name = 'SecretUnreadableError'
  }
}
