import { describe, expect, it } from 'vitest'
import { createManualClock } from '../runtime/runtime.js'
import { createErrorStore, errorType, normalizeMessage } from './errors.js'

describe('error store', () => {
  it('groups by type, normalized message and top frame; evicts the least recently seen group', () => {
    const store = createErrorStore({ clock: createManualClock(new Date('2026-03-15T12:00:00Z')), maxGroups: 2, maxSamples: 3 })
    const boom = (id: number) => new Error(`Order ${id} for 6f9619ff-8b86-4011-b42d-00cf4fc964ff failed`)
    for (let id = 0; id < 5; id++) store.capture({ error: boom(id), route: 'GET /a' })
    expect(store.groups()).toHaveLength(1)
    expect(store.groups()[0]).toMatchObject({ count: 5, message: 'Order <n> for <id> failed', routes: ['GET /a'] })
    expect(store.groups()[0]?.samples).toHaveLength(3)

    store.capture({ error: new TypeError('x is undefined') })
    store.capture({ error: new RangeError('too far') })
    expect(store.groups().map((group) => group.type)).toEqual(['TypeError', 'RangeError'])
  })

  it('names database trouble apart from bugs', () => {
    expect(errorType(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('DatabaseUnavailable')
    expect(errorType(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe('DatabaseTimeout')
    expect(errorType(new Error('timeout exceeded when trying to connect'))).toBe('DatabasePoolExhausted')
    expect(errorType(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe('DatabaseError')
    expect(errorType(new TypeError('nope'))).toBe('TypeError')
    expect(normalizeMessage('Failed query: select 1\nparams: secret@example.com,hunter2')).toBe('Failed query: select <n>')
  })
})
