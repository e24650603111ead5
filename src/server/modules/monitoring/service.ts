import { desc, asc, eq } from 'drizzle-orm'
import type { MonitoringConfig } from '../../platform/config/config.js'
import { defineQuery } from '../../platform/db/query.js'
import { errorGroups } from '../../platform/db/schema/index.js'
import type { Db, PoolStats } from '../../platform/db/types.js'
import { iso } from '../../platform/http/dto.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Monitor } from '../../platform/monitoring/monitor.js'
import { mergeAll } from '../../platform/monitoring/ring.js'
import { mergeRollupRows, readRollups, type Rollups } from '../../platform/monitoring/rollups.js'
import { summarize } from '../../platform/monitoring/summary.js'
import {
  MONITORING_WINDOWS,
  type MonitoringHealth,
  type MonitoringWindow,
  type SeriesQuery,
} from '../../../shared/schemas/monitoring.js'
import type { HealthService } from '../health/service.js'

/** Rates are judged only on a window with this many requests; three requests and one 500 is not an outage. */
const MIN_REQUESTS_FOR_RATES = 20
const TOP = 10

const listErrorGroups = defineQuery('monitoring.errorGroups', async (db: Db, sort: string, limit: number) => {
  const column = sort.endsWith('count') ? errorGroups.count : errorGroups.lastSeen
  return db
    .select()
    .from(errorGroups)
    .orderBy(sort.startsWith('-') ? desc(column) : asc(column))
    .limit(limit)
})

const findErrorGroup = defineQuery('monitoring.errorGroup', async (db: Db, id: string) => {
  const [row] = await db.select().from(errorGroups).where(eq(errorGroups.id, id))
  return row
})

function toGroup(row: typeof errorGroups.$inferSelect) {
  return {
    id: row.id,
    type: row.type,
    message: row.message,
    topFrame: row.topFrame,
    count: row.count,
    firstSeen: iso(row.firstSeen),
    lastSeen: iso(row.lastSeen),
    routes: row.routes,
  }
}

const ratio = (hits: number, misses: number) => (hits + misses > 0 ? hits / (hits + misses) : null)

/** Hit ratio overall and per namespace, from `<namespace>\t<outcome>` counters of one window. */
function cacheFigures(outcomes: Map<string, number>) {
  const namespaces = new Map<string, { hits: number; misses: number }>()
  let evictions = 0
  let redisErrors = 0
  for (const [key, count] of outcomes) {
    const [name = '', result] = key.split('\t')
    if (result === 'eviction') evictions += count
    else if (result === 'error') redisErrors += count
    else if (result === 'hit' || result === 'miss') {
      const entry = namespaces.get(name) ?? { hits: 0, misses: 0 }
      if (result === 'hit') entry.hits += count
      else entry.misses += count
      namespaces.set(name, entry)
    }
  }
  const rows = [...namespaces].map(([name, { hits, misses }]) => ({ name, hits, misses, hitRatio: ratio(hits, misses) }))
  const hits = rows.reduce((sum, row) => sum + row.hits, 0)
  const misses = rows.reduce((sum, row) => sum + row.misses, 0)
  return { hits, misses, hitRatio: ratio(hits, misses), evictions, redisErrors, namespaces: rows.sort((a, b) => b.hits + b.misses - (a.hits + a.misses)) }
}

export function createMonitoringService(deps: {
  db: Db
  monitor: Monitor
  rollups: Rollups
  health: HealthService
  config: MonitoringConfig
  poolStats: () => PoolStats | undefined
}) {
  const { db, monitor, rollups, config } = deps

  function named(ring: Monitor['requests'], windowMs: number, errorsFrom: '5xx' | 'error') {
    return [...ring.window(windowMs)].map(([name, series]) => ({ name, ...summarize(series, windowMs, errorsFrom) }))
  }

  return {
    overview(window: MonitoringWindow) {
      const windowMs = MONITORING_WINDOWS[window]
      const routes = monitor.requests.window(windowMs)
      const queries = monitor.queries.window(windowMs)
      const bySlowest = <T extends { p95Ms: number }>(items: T[]) => items.sort((a, b) => b.p95Ms - a.p95Ms).slice(0, TOP)
      return {
        window,
        instanceId: monitor.instanceId,
        requests: summarize(mergeAll(routes.values()), windowMs, '5xx'),
        queries: summarize(mergeAll(queries.values()), windowMs, 'error'),
        process: monitor.sampler.latest(),
        databasePool: deps.poolStats() ?? null,
        slowestRoutes: bySlowest([...routes].map(([name, series]) => ({ name, ...summarize(series, windowMs, '5xx') }))),
        slowestQueries: bySlowest([...queries].map(([name, series]) => ({ name, ...summarize(series, windowMs, 'error') }))),
        cache: cacheFigures(monitor.cacheOutcomes.window(windowMs)),
      }
    },

    routes(window: MonitoringWindow) {
      return { window, data: named(monitor.requests, MONITORING_WINDOWS[window], '5xx').sort((a, b) => b.count - a.count) }
    },

    queries(window: MonitoringWindow) {
      return { window, data: named(monitor.queries, MONITORING_WINDOWS[window], 'error').sort((a, b) => b.count - a.count) }
    },

    /** Groups from every instance: this one's new occurrences are written first. */
    async errors(sort: string, limit: number) {
      await rollups.flush()
      return { data: (await listErrorGroups(db, sort, limit)).map(toGroup) }
    },

    async error(id: string) {
      await rollups.flush()
      const row = await findErrorGroup(db, id)
      if (!row) throw new NotFoundError('Error group')
      return { ...toGroup(row), samples: row.samples as never }
    },

    /** Recent points from this instance's ring; older ones from the rollups of all instances. */
    async series(query: SeriesQuery) {
      const from = Date.parse(query.from)
      const to = Date.parse(query.to)
      const stepMs = query.step * 1000
      const horizon = monitor.requests.horizonMs()
      const filter = query.route ? (key: string) => key === query.route : undefined
      const olderRows = from < horizon ? await readRollups(db, 'route', new Date(from), new Date(Math.min(to, horizon)), query.route) : []
      const points: { at: string; value: number | null; source: 'ring' | 'rollups' }[] = []
      for (let start = from; start < to; start += stepMs) {
        const end = Math.min(start + stepMs, to)
        let count: number
        let errors: number
        let p95Micros: () => number
        let source: 'ring' | 'rollups'
        if (start >= horizon) {
          const merged = mergeAll(monitor.requests.merge(start, end, filter).values())
          count = merged.histogram.totalCount
          errors = merged.counts['5xx']
          p95Micros = () => merged.histogram.getValueAtPercentile(95)
          source = 'ring'
        } else {
          const merged = mergeRollupRows(olderRows.filter((row) => row.minute.getTime() >= start && row.minute.getTime() < end))
          count = merged.count
          errors = merged.errors
          p95Micros = () => merged.histogram.getValueAtPercentile(95)
          source = 'rollups'
        }
        const value =
          query.metric === 'rps' ? count / ((end - start) / 1000) : count === 0 ? null : query.metric === 'errorRate' ? errors / count : p95Micros() / 1000
        points.push({ at: new Date(start).toISOString(), value, source })
      }
      return { metric: query.metric, route: query.route ?? null, step: query.step, points }
    },

    async health(): Promise<MonitoringHealth> {
      const windowMs = MONITORING_WINDOWS['5m']
      const requests = summarize(mergeAll(monitor.requests.window(windowMs).values()), windowMs, '5xx')
      const heapShare = monitor.sampler.latest().heapShare
      const readiness = await deps.health.readiness()
      const limits = config.health
      const reasons: string[] = []
      let level = 0
      const raise = (to: 1 | 2, reason: string) => {
        level = Math.max(level, to)
        reasons.push(reason)
      }
      if (readiness.checks.database?.status === 'down') raise(2, 'database unreachable')
      if (readiness.checks.redis?.status === 'down') raise(1, 'redis unreachable: running on the in-process cache only')
      if (requests.count >= MIN_REQUESTS_FOR_RATES) {
        if (requests.p95Ms > limits.p95UnhealthyMs) raise(2, `p95 ${requests.p95Ms} ms over ${limits.p95UnhealthyMs} ms`)
        else if (requests.p95Ms > limits.p95DegradedMs) raise(1, `p95 ${requests.p95Ms} ms over ${limits.p95DegradedMs} ms`)
        const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`
        if (requests.errorRate > limits.errorRateUnhealthy) raise(2, `error rate ${percent(requests.errorRate)} over ${percent(limits.errorRateUnhealthy)}`)
        else if (requests.errorRate > limits.errorRateDegraded) raise(1, `error rate ${percent(requests.errorRate)} over ${percent(limits.errorRateDegraded)}`)
      }
      if (heapShare > limits.heapUnhealthy) raise(2, `heap at ${Math.round(heapShare * 100)} % of its limit`)
      else if (heapShare > limits.heapDegraded) raise(1, `heap at ${Math.round(heapShare * 100)} % of its limit`)
      return {
        status: (['healthy', 'degraded', 'unhealthy'] as const)[level] ?? 'unhealthy',
        reasons,
        figures: { p95Ms: requests.p95Ms, errorRate: requests.errorRate, heapShare, requests: requests.count },
        checks: readiness.checks,
      }
    },
  }
}

export type MonitoringService = ReturnType<typeof createMonitoringService>
