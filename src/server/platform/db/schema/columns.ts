import { sql } from 'drizzle-orm'
import { customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core'

// Millisecond precision everywhere: JavaScript dates (and so keyset cursors) carry no microseconds.
const nowMs = sql`date_trunc('milliseconds', now())`

/** Columns every CRM table shares: identity, audit times, soft delete and optimistic-concurrency version. */
export function recordColumns() {
  return {
    id: uuid('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(nowMs),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(nowMs),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
  }
}

export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector'
  },
})
