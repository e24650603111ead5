import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { LIMITS } from '../../../../shared/schemas/enums.js'
import { recordColumns } from './columns.js'
import { userRole } from './enums.js'

export const users = pgTable(
  'users',
  {
    ...recordColumns(),
    email: varchar('email', { length: LIMITS.email }).notNull(),
    name: varchar('name', { length: LIMITS.name }).notNull(),
    role: userRole('role').notNull().default('rep'),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    isActive: boolean('is_active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_role_idx').on(t.role).where(sql`${t.deletedAt} IS NULL`),
    check('users_failed_login_count_check', sql`${t.failedLoginCount} >= 0`),
  ],
)

export type UserRow = typeof users.$inferSelect
