import { createHmac, randomBytes } from 'node:crypto'
import { verify } from '@node-rs/argon2'
import type { LoginInput } from '../../../shared/schemas/auth.js'
import type { User } from '../../../shared/schemas/users.js'
import type { Db } from '../../platform/db/types.js'
import { LockedError, UnauthorizedError } from '../../platform/http/errors.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { findUserByEmail } from '../users/queries.js'
import { hashPassword, toUser } from '../users/service.js'
import type { Actor } from '../../platform/http/actor.js'
import type { SessionCache } from './session-cache.js'
import {
  countAuthEventsSince,
  deleteSession,
  findSessionUser,
  insertAuthEvent,
  insertSession,
  recordFailedLogin,
  recordSuccessfulLogin,
} from './queries.js'

export const SESSION_COOKIE = 'kp_session'

export interface AuthPolicy {
  sessionSecret: string
  sessionTtlHours: number
  maxFailedLogins: number
  lockoutMinutes: number
}

export interface LoginContext {
  ip: string
  userAgent?: string
}

export function createAuthService(deps: { db: Db; clock: Clock; ids: Ids; policy: AuthPolicy; sessions?: SessionCache; onFailedLogin?: () => void }) {
  const { db, clock, ids, policy } = deps
  // Verifying against a real hash when the e-mail is unknown keeps response times alike,
  // so timing does not reveal which addresses have accounts.
  const decoyHash = hashPassword(randomBytes(16).toString('hex'))

  function hashToken(token: string): string {
    return createHmac('sha256', policy.sessionSecret).update(token).digest('hex')
  }

  async function fail(kind: string, context: LoginContext, email: string, userId?: string) {
    deps.onFailedLogin?.()
    await insertAuthEvent(db, { id: ids.next(), kind, userId, email: email.slice(0, 320), ip: context.ip.slice(0, 64), createdAt: clock.now() })
  }

  return {
    async login(input: LoginInput, context: LoginContext): Promise<{ user: User; token: string; expiresAt: Date }> {
      const email = input.email.toLowerCase()
      const user = await findUserByEmail(db, email)
      const now = clock.now()
      if (!user) {
        await verify(await decoyHash, input.password)
        await fail('login_failed', context, email)
        throw new UnauthorizedError('Wrong e-mail or password')
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        await fail('login_locked', context, email, user.id)
        throw new LockedError((user.lockedUntil.getTime() - now.getTime()) / 1000)
      }
      const isValid = await verify(user.passwordHash, input.password)
      if (!isValid) {
        await fail('login_failed', context, email, user.id)
        const lockUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000)
        const result = await recordFailedLogin(db, user.id, policy.maxFailedLogins, lockUntil)
        if (result?.lockedUntil && result.lockedUntil > now) throw new LockedError(policy.lockoutMinutes * 60)
        throw new UnauthorizedError('Wrong e-mail or password')
      }
      if (!user.isActive) {
        await fail('login_inactive', context, email, user.id)
        throw new UnauthorizedError('Wrong e-mail or password')
      }
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(now.getTime() + policy.sessionTtlHours * 3_600_000)
      await recordSuccessfulLogin(db, user.id, now)
      await insertSession(db, {
        id: ids.next(),
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        expiresAt,
        ip: context.ip.slice(0, 64),
        userAgent: context.userAgent?.slice(0, 512),
      })
      await insertAuthEvent(db, { id: ids.next(), kind: 'login_succeeded', userId: user.id, email, ip: context.ip.slice(0, 64), createdAt: now })
      return { user: toUser({ ...user, lastLoginAt: now, failedLoginCount: 0, lockedUntil: null }), token, expiresAt }
    },

    async logout(token: string) {
      const tokenHash = hashToken(token)
      await deleteSession(db, tokenHash)
      await deps.sessions?.revoke(tokenHash)
    },

    /** The user behind a session cookie, or null when it is unknown, expired or the user is inactive. */
    async resolve(token: string): Promise<{ actor: Actor; user: User } | null> {
      if (token.length > 128) return null
      const tokenHash = hashToken(token)
      const cached = deps.sessions?.get(tokenHash)
      if (cached) return cached
      const stamp = deps.sessions?.stamp()
      const row = await findSessionUser(db, tokenHash, clock.now())
      if (!row) return null
      const session = { actor: { id: row.user.id, role: row.user.role, name: row.user.name }, user: toUser(row.user) }
      if (stamp !== undefined) deps.sessions?.set(tokenHash, session, row.expiresAt, stamp)
      return session
    },

    /** Failed sign-ins across all instances since `since`, from the shared table. */
    countFailedLogins(since: Date) {
      return countAuthEventsSince(db, 'login_failed', since)
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
