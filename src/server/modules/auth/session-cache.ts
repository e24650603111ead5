import { LRUCache } from 'lru-cache'
import type { User } from '../../../shared/schemas/users.js'
import type { Cache } from '../../platform/cache/cache.js'
import { USERS_TAG } from '../../platform/cache/changes.js'
import type { Actor } from '../../platform/http/actor.js'
import type { Clock } from '../../platform/runtime/runtime.js'

/** Bumped by every sign-out; any change to a user bumps USERS_TAG. Either drops every cached session. */
export const SESSIONS_TAG = 'sessions'

export interface ResolvedSession {
  actor: Actor
  user: User
}

/**
 * Resolved sessions kept in process for a few seconds, so a signed-in request costs no session query.
 * An entry is only trusted while the generations of `sessions` and `users` are those it was read under:
 * a sign-out, a new password, a deactivation or a role or name change on this instance ends it at once,
 * on other instances as soon as Redis pub/sub delivers the bump (and after the TTL without Redis).
 */
export function createSessionCache(deps: { cache: Cache; clock: Clock; ttlSeconds: number; maxEntries?: number }) {
  const { cache, clock } = deps
  const isEnabled = cache.isEnabled && deps.ttlSeconds > 0
  const entries = new LRUCache<string, { session: ResolvedSession; stamp: string; expiresAtMs: number }>({ max: deps.maxEntries ?? 50_000 })
  const stamp = () => `${cache.localGeneration(USERS_TAG)}:${cache.localGeneration(SESSIONS_TAG)}`

  return {
    /** The stamp to pass to `set`: taken before the database read, so a change during it is never hidden. */
    stamp,

    get(tokenHash: string): ResolvedSession | undefined {
      if (!isEnabled) return undefined
      const entry = entries.get(tokenHash)
      if (!entry) return undefined
      if (entry.stamp !== stamp() || entry.expiresAtMs <= clock.now().getTime()) {
        entries.delete(tokenHash)
        return undefined
      }
      return entry.session
    },

    set(tokenHash: string, session: ResolvedSession, sessionExpiresAt: Date, readStamp: string) {
      if (!isEnabled) return
      const expiresAtMs = Math.min(sessionExpiresAt.getTime(), clock.now().getTime() + deps.ttlSeconds * 1000)
      entries.set(tokenHash, { session, stamp: readStamp, expiresAtMs })
    },

    /** After a sign-out: this entry now, every instance's entries through the shared generation. */
    async revoke(tokenHash: string) {
      entries.delete(tokenHash)
      if (isEnabled) await cache.bump([SESSIONS_TAG])
    },
  }
}

export type SessionCache = ReturnType<typeof createSessionCache>
