import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { defineQuery } from '../../platform/db/query.js'
import { authEvents, sessions, users } from '../../platform/db/schema/index.js'

export const findSessionUser = defineQuery('auth.sessionUser', async (db, tokenHash: string, now: Date) => {
  const [row] = await db
    .select({ sessionId: sessions.id, expiresAt: sessions.expiresAt, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.isActive, true), isNull(users.deletedAt)))
  return row
})

export const insertSession = defineQuery('auth.insertSession', async (db, values: typeof sessions.$inferInsert) => {
  await db.insert(sessions).values(values)
})

export const deleteSession = defineQuery('auth.deleteSession', async (db, tokenHash: string) => {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
})

export const recordFailedLogin = defineQuery(
  'auth.recordFailure',
  async (db, userId: string, maxFailures: number, lockUntil: Date) => {
    // One statement, so concurrent failures cannot both read 4 and both write 5.
    const [row] = await db
      .update(users)
      .set({
        failedLoginCount: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${maxFailures} THEN 0 ELSE ${users.failedLoginCount} + 1 END`,
        lockedUntil: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${maxFailures} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
      })
      .where(eq(users.id, userId))
      .returning({ lockedUntil: users.lockedUntil })
    return row
  },
)

export const recordSuccessfulLogin = defineQuery('auth.recordSuccess', async (db, userId: string, now: Date) => {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, userId))
})

export const insertAuthEvent = defineQuery('auth.insertEvent', async (db, values: typeof authEvents.$inferInsert) => {
  await db.insert(authEvents).values(values)
})

export const countAuthEventsSince = defineQuery('auth.countEvents', async (db, kind: string, since: Date) => {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(authEvents)
    .where(and(eq(authEvents.kind, kind), gt(authEvents.createdAt, since)))
  return row?.count ?? 0
})
