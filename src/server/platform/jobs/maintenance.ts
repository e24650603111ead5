import { lt } from 'drizzle-orm'
import { defineQuery } from '../db/query.js'
import { authEvents, idempotencyKeys, sessions } from '../db/schema/index.js'
import type { Db } from '../db/types.js'
import type { Clock } from '../runtime/runtime.js'

const DAY_MS = 86_400_000

/** Hourly housekeeping: expired sessions, idempotency keys past their 24 h, sign-in events past 30 days. */
export const pruneExpired = defineQuery('maintenance.prune', async (db: Db, now: Date) => {
  await db.delete(sessions).where(lt(sessions.expiresAt, now))
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - DAY_MS)))
  await db.delete(authEvents).where(lt(authEvents.createdAt, new Date(now.getTime() - 30 * DAY_MS)))
})

export function createMaintenance(deps: { db: Db; clock: Clock }) {
  return { prune: () => pruneExpired(deps.db, deps.clock.now()) }
}
