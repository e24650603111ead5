import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { problemSchema } from '../../../shared/schemas/common.js'
import {
  errorGroupDetailSchema,
  errorGroupListSchema,
  errorGroupParams,
  listErrorsQuery,
  monitoringHealthSchema,
  namedListSchema,
  overviewSchema,
  seriesQuery,
  seriesSchema,
  windowQuery,
} from '../../../shared/schemas/monitoring.js'
import { ForbiddenError, UnauthorizedError } from '../../platform/http/errors.js'
import type { PrometheusMetrics } from '../../platform/monitoring/prometheus.js'
import type { MonitoringService } from './service.js'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema }

/** Admins and managers only: reps get 403 (these are not records with an owner to hide). */
export const monitoringRoutes: FastifyPluginAsyncZod<{ service: MonitoringService }> = async (app, { service }) => {
  const config = { access: 'manager' as const }
  app.get('/overview', { config, schema: { tags: ['monitoring'], summary: 'Totals, percentiles, throughput, process figures, slowest routes and queries', querystring: windowQuery, response: { 200: overviewSchema, ...errors } } }, async (request) =>
    service.overview(request.query.window),
  )
  app.get('/routes', { config, schema: { tags: ['monitoring'], summary: 'Per-route figures', querystring: windowQuery, response: { 200: namedListSchema, ...errors } } }, async (request) =>
    service.routes(request.query.window),
  )
  app.get('/queries', { config, schema: { tags: ['monitoring'], summary: 'Per-query figures', querystring: windowQuery, response: { 200: namedListSchema, ...errors } } }, async (request) =>
    service.queries(request.query.window),
  )
  app.get('/errors', { config, schema: { tags: ['monitoring'], summary: 'Error groups', querystring: listErrorsQuery, response: { 200: errorGroupListSchema, ...errors } } }, async (request) =>
    service.errors(request.query.sort, request.query.limit),
  )
  app.get('/errors/:id', { config, schema: { tags: ['monitoring'], summary: 'One error group with its latest samples', params: errorGroupParams, response: { 200: errorGroupDetailSchema, 404: problemSchema, ...errors } } }, async (request) =>
    service.error(request.params.id),
  )
  app.get('/series', { config, schema: { tags: ['monitoring'], summary: 'A time series of p95, throughput or error rate', querystring: seriesQuery, response: { 200: seriesSchema, ...errors } } }, async (request) =>
    service.series(request.query),
  )
  app.get('/health', { config, schema: { tags: ['monitoring'], summary: 'healthy, degraded or unhealthy, with reasons', response: { 200: monitoringHealthSchema, ...errors } } }, async () =>
    service.health(),
  )
}

const PRIVATE_ADDRESS = /^(?:::ffff:)?(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)|^(::1$|fc|fd)/

function tokenMatches(header: string | undefined, token: string) {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Prometheus exposition. With METRICS_TOKEN: bearer token required. Without: open in demo mode; in
 * production, only from loopback and private addresses (a scraper inside the network).
 */
export const metricsRoutes: FastifyPluginAsyncZod<{ metrics: PrometheusMetrics; token?: string; isOpen: boolean }> = async (app, { metrics, token, isOpen }) => {
  function authorize(request: FastifyRequest) {
    if (token) {
      if (!tokenMatches(request.headers.authorization, token)) throw new UnauthorizedError('A valid bearer token is required')
      return
    }
    // The socket's address, not request.ip: a trusted proxy's X-Forwarded-For is the client's to write.
    if (!isOpen && !PRIVATE_ADDRESS.test(request.socket.remoteAddress ?? '')) throw new ForbiddenError('Metrics are served to internal addresses only')
  }
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    authorize(request)
    reply.type(metrics.registry.contentType)
    return metrics.registry.metrics()
  })
}
