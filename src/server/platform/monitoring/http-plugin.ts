import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Monitor } from './monitor.js'
import { statusClass } from './monitor.js'

/** `METHOD /route/:template`; every unmatched URL shares one label, so cardinality stays bounded. */
export function routeKey(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? 'unmatched'}`
}

function appendServerTiming(reply: FastifyReply, entry: string) {
  const existing = reply.getHeader('server-timing')
  reply.header('server-timing', existing ? `${String(existing)}, ${entry}` : entry)
}

/**
 * Times every request with hooks, not per-route code: the request's database time is gathered in an
 * AsyncLocalStorage, reported in Server-Timing, and the whole request recorded under its route template.
 */
export const monitoringPlugin = fp<{ monitor: Monitor; slowRequestMs: number }>(
  async (app, { monitor, slowRequestMs }) => {
    app.addHook('onRequest', (request, _reply, done) => {
      monitor.inFlight.set(request.id, routeKey(request))
      monitor.requestTiming.run({ dbMs: 0, dbCalls: 0 }, done)
    })

    // onResponse does not run when the client goes away first.
    app.addHook('onRequestAbort', async (request) => {
      monitor.inFlight.delete(request.id)
    })

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api/')) {
        const timing = monitor.requestTiming.getStore()
        const totalMs = reply.elapsedTime
        const dbMs = timing?.dbMs ?? 0
        appendServerTiming(reply, `db;dur=${dbMs.toFixed(1)};desc="${timing?.dbCalls ?? 0} queries", app;dur=${Math.max(0, totalMs - dbMs).toFixed(1)}`)
      }
      return payload
    })

    app.addHook('onResponse', async (request, reply) => {
      monitor.inFlight.delete(request.id)
      const route = routeKey(request)
      const durationMs = reply.elapsedTime
      const outcome = statusClass(reply.statusCode)
      monitor.requests.record(route, durationMs * 1000, outcome)
      monitor.prometheus.httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_class: outcome },
        durationMs / 1000,
      )
      if (durationMs > slowRequestMs) {
        request.log.warn({ route, status: reply.statusCode, durationMs: Math.round(durationMs), userId: request.actor?.id }, 'slow request')
      }
    })
  },
  { name: 'monitoring' },
)
