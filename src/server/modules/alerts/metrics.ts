import { and, eq, gte, lt, ne, or, sql } from 'drizzle-orm'
import type { AlertMetric } from '../../../shared/schemas/alerts.js'
import { defineQuery } from '../../platform/db/query.js'
import { metricRollups } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'
import { decodeHistogram } from '../../platform/monitoring/histogram.js'
import type { Monitor } from '../../platform/monitoring/monitor.js'
import { mergeAll, type Series } from '../../platform/monitoring/ring.js'
import type { Clock } from '../../platform/runtime/runtime.js'
import { countAuthEventsSince } from '../auth/queries.js'

/** Too few requests to judge a percentile or a rate: one slow request of three is not an incident. */
export const MIN_REQUESTS = { latency: 10, errorRate: 20, cacheReads: 20 } as const

export interface MetricQuestion {
  metric: AlertMetric
  route: string | null
  windowSeconds: number
}

type RollupScope = { instanceId: string; kind: 'route' | 'query'; from: Date; to: Date; ringStart: Date; name: string | null }

/**
 * Rollup minutes in the window that this instance's ring does not hold: every other instance's, and
 * this instance's own older than its ring (windows over an hour).
 */
function beyondRing(scope: RollupScope) {
  return and(
    eq(metricRollups.kind, scope.kind),
    gte(metricRollups.minute, scope.from),
    lt(metricRollups.minute, scope.to),
    scope.name ? eq(metricRollups.name, scope.name) : undefined,
    or(ne(metricRollups.instanceId, scope.instanceId), lt(metricRollups.minute, scope.ringStart)),
  )
}

/** Histograms, for percentiles only. */
const histogramsBeyondRing = defineQuery('alerts.rollupHistograms', async (db: Db, scope: RollupScope) =>
  db.select({ histogram: metricRollups.histogram }).from(metricRollups).where(beyondRing(scope)),
)

/** Counts, summed by the database: rates and totals need no histogram. */
const totalsBeyondRing = defineQuery('alerts.rollupTotals', async (db: Db, scope: RollupScope) => {
  const [row] = await db
    .select({ count: sql<number>`coalesce(sum(${metricRollups.count}), 0)::int`, errors: sql<number>`coalesce(sum(${metricRollups.errors}), 0)::int` })
    .from(metricRollups)
    .where(beyondRing(scope))
  return { count: row?.count ?? 0, errors: row?.errors ?? 0 }
})

/**
 * The figure a rule watches, from the APM store: this instance's rings (10 s buckets), plus the minute
 * rollups other instances have written, so one evaluating instance judges the whole cluster. Null when
 * there was too little traffic in the window to judge.
 */
export function createMetricReader(deps: { db: Db; monitor: Monitor; clock: Clock }) {
  const { db, monitor, clock } = deps

  function scopeOf(question: MetricQuestion, kind: 'route' | 'query') {
    const windowMs = question.windowSeconds * 1000
    const ring = kind === 'route' ? monitor.requests : monitor.queries
    const now = clock.now().getTime()
    // The ring answers from its oldest whole minute on; rollups fill in before that.
    const ringStart = Math.ceil(ring.horizonMs() / 60_000) * 60_000
    const own = mergeAll(ring.merge(Math.max(now - windowMs, ringStart), now + 1, question.route ? (key) => key === question.route : undefined).values())
    const scope: RollupScope = { instanceId: monitor.instanceId, kind, from: new Date(now - windowMs), to: new Date(now), ringStart: new Date(ringStart), name: question.route }
    return { own, scope }
  }

  /** Requests (or queries) and their failures in the window, across instances. */
  async function totals(question: MetricQuestion, kind: 'route' | 'query') {
    const { own, scope } = scopeOf(question, kind)
    const others = await totalsBeyondRing(db, scope)
    return { count: own.histogram.totalCount + others.count, errors: own.counts[kind === 'route' ? '5xx' : 'error'] + others.errors }
  }

  /** The merged latency histogram of the window, across instances. */
  async function latencies(question: MetricQuestion): Promise<Series> {
    const { own, scope } = scopeOf(question, 'route')
    for (const row of await histogramsBeyondRing(db, scope)) own.histogram.add(decodeHistogram(row.histogram))
    return own
  }

  const percentileMs = (series: Series, percentile: number) =>
    Math.round((Math.min(series.histogram.getValueAtPercentile(percentile), series.histogram.maxValue) / 1000) * 100) / 100

  return async function read(question: MetricQuestion): Promise<number | null> {
    const windowMs = question.windowSeconds * 1000
    switch (question.metric) {
      case 'latencyP95':
      case 'latencyP99': {
        const series = await latencies(question)
        if (series.histogram.totalCount < MIN_REQUESTS.latency) return null
        return percentileMs(series, question.metric === 'latencyP95' ? 95 : 99)
      }
      case 'errorRate': {
        const { count, errors } = await totals(question, 'route')
        return count < MIN_REQUESTS.errorRate ? null : errors / count
      }
      case 'throughput': {
        const { count } = await totals(question, 'route')
        return Math.round((count / question.windowSeconds) * 100) / 100
      }
      case 'databaseErrors':
        return (await totals({ ...question, route: null }, 'query')).errors
      case 'slowQueries':
        return monitor.events.window(windowMs).get('slowQuery') ?? 0
      case 'failedLogins':
        return countAuthEventsSince(db, 'login_failed', new Date(clock.now().getTime() - windowMs))
      case 'heapShare':
        return monitor.sampler.latest().heapShare
      case 'eventLoopDelay':
        return monitor.sampler.latest().eventLoopDelayP99Ms
      case 'cacheHitRatio': {
        let hits = 0
        let misses = 0
        for (const [key, count] of monitor.cacheOutcomes.window(windowMs)) {
          if (key.endsWith('\thit')) hits += count
          else if (key.endsWith('\tmiss')) misses += count
        }
        return hits + misses < MIN_REQUESTS.cacheReads ? null : hits / (hits + misses)
      }
    }
  }
}

export type MetricReader = ReturnType<typeof createMetricReader>
