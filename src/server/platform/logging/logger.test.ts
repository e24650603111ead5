import { DrizzleQueryError } from 'drizzle-orm/errors'
import { describe, expect, it } from 'vitest'
import { safeError } from './logger.js'

describe('safeError', () => {
  it("keeps a failed query's SQL and code but never its parameter values", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })
    const error = new DrizzleQueryError('insert into "users" ("email", "password_hash") values ($1, $2)', ['rosa@example.com', '$argon2id$v=19$secret'], cause)
    const logged = JSON.stringify(safeError(error))
    expect(logged).toContain('insert into \\"users\\"')
    expect(logged).toContain('23505')
    expect(logged).not.toContain('rosa@example.com')
    expect(logged).not.toContain('argon2id')
  })
})
