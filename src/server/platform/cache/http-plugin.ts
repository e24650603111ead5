import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { visibilityScope } from '../http/actor.js'
import type { Cache } from './cache.js'
import { type ChangeScope, organizationTag, RESOURCES, type Resource, scopeTag } from './changes.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A cacheable GET: its answer is kept per caller scope and parameters, under `namespace`. */
    cache?: {
      namespace: string
      /**
       * What invalidates it: `scope` (default) — a write, in the caller's scope, to a kind of record in
       * `reads`; `organization` — writes to the organization in `params.id` or its children; `none` —
       * only `extraTags`.
       */
      dependsOn?: 'scope' | 'organization' | 'none'
      /**
       * The kinds of record the answer shows: with `scope` (default: all of them), and with
       * `organization` for a nested list (default: the organization's detail tag).
       */
      reads?: readonly Resource[]
      extraTags?: readonly string[]
    }
  }
  interface FastifyRequest {
    cacheFlight: { key: string; settle?: (value: string | undefined) => void } | null
  }
}

function appendServerTiming(reply: FastifyReply, entry: string) {
  const existing = reply.getHeader('server-timing')
  reply.header('server-timing', existing ? `${String(existing)}, ${entry}` : entry)
}

function etagOf(payload: string) {
  return `"c${createHash('sha1').update(payload).digest('base64url').slice(0, 22)}"`
}

/** Stored as `etag\npayload`, so a hit answers 304 or the body without hashing again. */
function pack(etag: string, payload: string) {
  return `${etag}\n${payload}`
}
function unpack(value: string) {
  const newline = value.indexOf('\n')
  return { etag: value.slice(0, newline), payload: value.slice(newline + 1) }
}

function sendCached(request: FastifyRequest, reply: FastifyReply, value: string, source: string) {
  const { etag, payload } = unpack(value)
  reply.header('etag', etag).header('cache-control', 'private, no-cache')
  appendServerTiming(reply, `cache;desc=${source}`)
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  return reply.code(200).type('application/json; charset=utf-8').serializer((body: unknown) => body as string).send(payload)
}

/**
 * Route-config caching (`config.cache`) and write invalidation. Reads: the key holds the route, its
 * validated params and query, the caller's visibility scope and the generations of that scope's tag,
 * so a rep's cached answer is never another rep's and a write is never followed by a stale read.
 * Writes: the owners a service touched become tags bumped before the response leaves.
 */
export const cachePlugin = fp<{ cache: Cache; changes: ChangeScope }>(
  async (app, { cache, changes }) => {
    app.decorateRequest('cacheFlight', null)

    app.addHook('onRequest', (request, _reply, done) => {
      if (request.method === 'GET' || !request.routeOptions.config.invalidates) return done()
      changes.run(done)
    })

    app.addHook('preHandler', async (request, reply) => {
      const config = request.routeOptions.config.cache
      if (!config || !cache.isEnabled || request.method !== 'GET' || !request.actor) return
      const scope = visibilityScope(request.actor) ?? 'all'
      const dependsOn = config.dependsOn ?? 'scope'
      const organizationId = (request.params as { id?: string }).id
      const tags = [
        ...(dependsOn === 'scope'
          ? (config.reads ?? RESOURCES).map((resource) => scopeTag(scope, resource))
          : dependsOn === 'organization' && organizationId
            ? config.reads
              ? config.reads.map((resource) => organizationTag(organizationId, resource))
              : [organizationTag(organizationId)]
            : []),
        ...(config.extraTags ?? []),
      ]
      const key = await cache.keyFor(config.namespace, [request.routeOptions.url, request.params, request.query, scope], tags)
      const found = await cache.read(config.namespace, key)
      if (found) return sendCached(request, reply, found.value, 'hit')
      const flight = cache.join(key)
      if (!flight.isLeader) {
        const shared = await flight.wait
        if (shared !== undefined) return sendCached(request, reply, shared, 'hit')
        request.cacheFlight = { key }
        return
      }
      request.cacheFlight = { key, settle: flight.settle }
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const flight = request.cacheFlight
      if (flight) {
        request.cacheFlight = null
        if (reply.statusCode === 200 && typeof payload === 'string') {
          // Lists get a content hash. Item routes carry their version (If-Match needs it) and get the
          // hash appended: a detail also holds derived data (counts, names) that changes without the
          // record's version, and a 304 must never hide that.
          const existing = reply.getHeader('etag')
          const hash = etagOf(payload)
          const etag = typeof existing === 'string' ? `${existing.slice(0, -1)}.${hash.slice(1)}` : hash
          const value = pack(etag, payload)
          await cache.write(flight.key, value)
          flight.settle?.(value)
          reply.header('etag', etag).header('cache-control', 'private, no-cache')
          appendServerTiming(reply, 'cache;desc=miss')
          if (request.headers['if-none-match'] === etag) {
            reply.code(304)
            return ''
          }
        } else {
          flight.settle?.(undefined)
        }
        return payload
      }
      if (request.method !== 'GET' && request.routeOptions.config.invalidates && reply.statusCode < 400) {
        const tags = changes.touchedTags()
        if (tags.length > 0) await cache.bump(tags)
      }
      return payload
    })
  },
  { name: 'cache', dependencies: ['access'] },
)
