import { createHash } from 'node:crypto'
import { and, eq, isNull, lte, or } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { idempotencyKeys } from '../db/schema/index.js'
import { defineQuery } from '../db/query.js'
import type { Db } from '../db/types.js'
import type { Clock } from '../runtime/runtime.js'
import { AppError, ValidationError } from './errors.js'
import { sendProblem, problemType } from './problem.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST that honours `Idempotency-Key`: a repeat by the same user within 24 h replays the first answer. */
    isIdempotent?: boolean
    /** Tags whose listeners run after a successful write, before the response is sent. */
    invalidates?: string[]
  }
  interface FastifyRequest {
    idempotency: { key: string; userId: string } | null
  }
}

export type ChangeListener = (tags: string[]) => Promise<void> | void

export interface WriteEffects {
  onChange(listener: ChangeListener): void
  /** Runs the listeners for `tags`; a listener that fails is logged, never fails the write. */
  notify(tags: string[], log: FastifyRequest['log']): Promise<void>
}

export function createWriteEffects(): WriteEffects {
  const listeners: ChangeListener[] = []
  return {
    onChange(listener) {
      listeners.push(listener)
    },
    async notify(tags, log) {
      for (const listener of listeners) {
        try {
          await listener(tags)
        } catch (error) {
          log.warn({ err: error, tags }, 'change listener failed')
        }
      }
    },
  }
}

const REPLAY_WINDOW_MS = 24 * 3_600_000
const ABANDONED_CLAIM_MS = 60_000
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

class IdempotencyError extends AppError {}

const keyIs = (userId: string, key: string) => and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))

/**
 * Claims the key; false when a live claim exists. A key past its 24 h is reused, and so is a claim
 * never completed within a minute (its request died before answering), so clients can retry.
 */
const claimKey = defineQuery('idempotency.claim', async (db: Db, values: typeof idempotencyKeys.$inferInsert, expiredBefore: Date, abandonedBefore: Date) => {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        keyIs(values.userId, values.key),
        or(lte(idempotencyKeys.createdAt, expiredBefore), and(isNull(idempotencyKeys.statusCode), lte(idempotencyKeys.createdAt, abandonedBefore))),
      ),
    )
  const claimed = await db.insert(idempotencyKeys).values(values).onConflictDoNothing().returning({ key: idempotencyKeys.key })
  return claimed.length > 0
})

const findKey = defineQuery('idempotency.find', async (db: Db, userId: string, key: string) => {
  const [row] = await db.select().from(idempotencyKeys).where(keyIs(userId, key))
  return row
})

const releaseKey = defineQuery('idempotency.release', async (db: Db, userId: string, key: string) => {
  await db.delete(idempotencyKeys).where(keyIs(userId, key))
})

const completeKey = defineQuery(
  'idempotency.complete',
  async (db: Db, userId: string, key: string, values: Pick<typeof idempotencyKeys.$inferInsert, 'statusCode' | 'responseBody' | 'location'>) => {
    await db.update(idempotencyKeys).set(values).where(keyIs(userId, key))
  },
)

/**
 * Idempotency-Key replays and change notifications for write routes. The key row is claimed before
 * the handler runs, so two concurrent repeats cannot both create: the second gets 409 until the
 * first finishes. A failed (5xx) first attempt releases the key so the client may retry.
 */
export const writeEffectsPlugin = fp<{ db: Db; clock: Clock; effects: WriteEffects }>(
  async (app, { db, clock, effects }) => {
    app.decorateRequest('idempotency', null)

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['idempotency-key']
      if (!request.routeOptions.config.isIdempotent || key === undefined || !request.actor) return
      if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
        throw new ValidationError([{ path: 'headers.idempotency-key', message: 'Must be 1–255 visible ASCII characters' }], 'Invalid Idempotency-Key')
      }
      const userId = request.actor.id
      const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex')
      const now = clock.now()
      const since = new Date(now.getTime() - REPLAY_WINDOW_MS)
      const abandonedBefore = new Date(now.getTime() - ABANDONED_CLAIM_MS)
      const claim = () => claimKey(db, { userId, key, requestHash, createdAt: now }, since, abandonedBefore)
      let existing: Awaited<ReturnType<typeof findKey>>
      for (let attempt = 0; attempt < 2; attempt++) {
        if (await claim()) {
          request.idempotency = { key, userId }
          return
        }
        existing = await findKey(db, userId, key)
        if (existing) break
      }
      if (!existing) {
        throw new IdempotencyError(409, 'idempotency-in-progress', 'Conflict', 'A request with this Idempotency-Key is still being processed')
      }
      if (existing.requestHash !== requestHash) {
        throw new IdempotencyError(422, 'idempotency-mismatch', 'Unprocessable Content', 'This Idempotency-Key was used for a different request')
      }
      if (existing.statusCode === null) {
        throw new IdempotencyError(409, 'idempotency-in-progress', 'Conflict', 'A request with this Idempotency-Key is still being processed')
      }
      reply.header('idempotent-replayed', 'true')
      if (existing.location) reply.header('location', existing.location)
      if (existing.statusCode >= 400) {
        return sendProblem(reply, existing.responseBody as never)
      }
      const body = existing.responseBody as { version?: number } | null
      if (body && typeof body.version === 'number') reply.header('etag', `"${body.version}"`)
      return reply.code(existing.statusCode).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body)
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const isSuccess = reply.statusCode < 400
      const tags = request.routeOptions.config.invalidates
      if (tags && isSuccess && request.method !== 'GET' && reply.getHeader('idempotent-replayed') === undefined) {
        await effects.notify(tags, request.log)
      }
      const claim = request.idempotency
      if (!claim) return payload
      request.idempotency = null
      if (reply.statusCode >= 500) {
        await releaseKey(db, claim.userId, claim.key)
        return payload
      }
      const location = reply.getHeader('location')
      try {
        await completeKey(db, claim.userId, claim.key, {
          statusCode: reply.statusCode,
          responseBody: typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null,
          location: typeof location === 'string' ? location : null,
        })
      } catch (error) {
        // The write itself committed: answer it. The open claim expires and a retry is then served afresh.
        request.log.warn({ err: error }, 'could not store the idempotent response')
      }
      return payload
    })
  },
  { name: 'write-effects', dependencies: ['access'] },
)
