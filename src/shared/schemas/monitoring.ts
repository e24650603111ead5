import { z } from 'zod'
import { timestampSchema } from './common.js'

export const MONITORING_WINDOWS = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 } as const
export type MonitoringWindow = keyof typeof MONITORING_WINDOWS

export const windowQuery = z.strictObject({
  window: z.enum(Object.keys(MONITORING_WINDOWS) as [MonitoringWindow, ...MonitoringWindow[]]).default('5m'),
})

export const latencySummarySchema = z.object({
  count: z.number(),
  perSecond: z.number(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  statusCounts: z.object({ '2xx': z.number(), '3xx': z.number(), '4xx': z.number(), '5xx': z.number() }),
  errors: z.number(),
  errorRate: z.number(),
})

export const namedSummarySchema = latencySummarySchema.extend({ name: z.string() })

export const processSampleSchema = z.object({
  at: timestampSchema,
  eventLoopDelayP50Ms: z.number(),
  eventLoopDelayP99Ms: z.number(),
  eventLoopDelayMaxMs: z.number(),
  heapUsedBytes: z.number(),
  heapLimitBytes: z.number(),
  heapShare: z.number(),
  rssBytes: z.number(),
  gcPauseMs: z.number(),
  cpuPercent: z.number(),
})

const cacheNamespaceSchema = z.object({
  name: z.string(),
  hits: z.number().int(),
  misses: z.number().int(),
  /** hits / (hits + misses); null when the namespace was not read in the window. */
  hitRatio: z.number().min(0).max(1).nullable(),
})

export const cacheOverviewSchema = z.object({
  hits: z.number().int(),
  misses: z.number().int(),
  hitRatio: z.number().min(0).max(1).nullable(),
  /** In-process entries pushed out by the size bounds. */
  evictions: z.number().int(),
  /** Redis calls that failed or timed out (each served from the in-process cache instead). */
  redisErrors: z.number().int(),
  namespaces: z.array(cacheNamespaceSchema),
})

export const overviewSchema = z.object({
  window: z.string(),
  instanceId: z.string(),
  requests: latencySummarySchema,
  queries: latencySummarySchema,
  process: processSampleSchema,
  /** node-postgres pool gauges; null on the embedded database. */
  databasePool: z.object({ total: z.number(), idle: z.number(), waiting: z.number() }).nullable(),
  slowestRoutes: z.array(namedSummarySchema),
  slowestQueries: z.array(namedSummarySchema),
  cache: cacheOverviewSchema,
})

export const namedListSchema = z.object({ window: z.string(), data: z.array(namedSummarySchema) })

export const errorGroupSchema = z.object({
  id: z.string(),
  type: z.string(),
  message: z.string(),
  topFrame: z.string().nullable(),
  count: z.number(),
  firstSeen: timestampSchema,
  lastSeen: timestampSchema,
  routes: z.array(z.string()),
})
export const errorSampleSchema = z.object({
  at: z.string(),
  requestId: z.string().nullable(),
  route: z.string().nullable(),
  userId: z.string().nullable(),
  message: z.string(),
  stack: z.string(),
})
export const errorGroupDetailSchema = errorGroupSchema.extend({ samples: z.array(errorSampleSchema) })

export const listErrorsQuery = z.strictObject({
  sort: z.enum(['count', '-count', 'lastSeen', '-lastSeen']).default('-lastSeen'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export const errorGroupListSchema = z.object({ data: z.array(errorGroupSchema) })
export const errorGroupParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, { message: 'Not an error group id' }) })

export const seriesQuery = z
  .strictObject({
    metric: z.enum(['p95', 'rps', 'errorRate']),
    route: z.string().max(300).optional(),
    from: timestampSchema,
    to: timestampSchema,
    step: z.coerce.number().int().min(10).max(86_400).default(60),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: '`from` must be before `to`', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 1000 / q.step <= 1000, {
    message: 'At most 1,000 points: widen `step` or narrow the range',
    path: ['step'],
  })
export type SeriesQuery = z.infer<typeof seriesQuery>
export const seriesSchema = z.object({
  metric: z.string(),
  route: z.string().nullable(),
  step: z.number(),
  points: z.array(z.object({ at: timestampSchema, value: z.number().nullable(), source: z.enum(['ring', 'rollups']) })),
})

export const HEALTH_STATUSES = ['healthy', 'degraded', 'unhealthy'] as const
export const monitoringHealthSchema = z.object({
  status: z.enum(HEALTH_STATUSES),
  reasons: z.array(z.string()),
  figures: z.object({ p95Ms: z.number(), errorRate: z.number(), heapShare: z.number(), requests: z.number() }),
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']) })),
})
export type MonitoringHealth = z.infer<typeof monitoringHealthSchema>
