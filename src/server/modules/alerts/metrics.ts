import { and, eq, gte, lt, ne, or } from 'drizzle-orm'
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

/**
 * Rollup minutes in the window that this instance's ring does not hold: every other instance's, and
 * this instance's own older than its ring (windows over an hour).
 */
const rollupsBeyondRing = defineQuery(
  'alerts.rollupsBeyondRing',
  async (db: Db, instanceId: string, kind: 'route' | 'query', from: Date, to: Date, ringStart: Date) =>
    db
      .select({ name: metricRollups.name, errors: metricRollups.errors, histogram: metricRollups.histogram })
      .from(metricRollups)
      .where(
        and(
          eq(metricRollups.kind, kind),
          gte(metricRollups.minute, from),
          lt(metricRollups.minute, to),
          or(ne(metricRollups.instanceId, instanceId), lt(metricRollups.minute, ringStart)),
        ),
      ),
)

/**
 * The figure a rule watches, from the APM store: this instance's rings (10 s buckets), plus the minute
 * rollups other instances have written, so one evaluating instance judges the whole cluster. Null when
 * there was too little traffic in the window to judge.
 */
export function createMetricReader(deps: { db: Db; monitor: Monitor; clock: Clock }) {
  const { db, monitor, clock } = deps

  async function requests(question: MetricQuestion, kind: 'route' | 'query'): Promise<Series> {
    const windowMs = question.windowSeconds * 1000
    const ring = kind === 'route' ? monitor.requests : monitor.queries
    const filter = question.route ? (key: string) => key === question.route : undefined
    const now = clock.now().getTime()
    // The ring answers from its oldest whole minute on; rollups fill in before that.
    const ringStart = new Date(Math.ceil(ring.horizonMs() / 60_000) * 60_000)
    const own = mergeAll(ring.merge(Math.max(now - windowMs, ringStart.getTime()), now + 1, filter).values())
    const others = await rollupsBeyondRing(db, monitor.instanceId, kind, new Date(now - windowMs), new Date(now), ringStart)
    for (const row of others) {
      if (question.route && row.name !== question.route) continue
      const histogram = decodeHistogram(row.histogram)
      own.histogram.add(histogram)
      own.counts[kind === 'route' ? '5xx' : 'error'] += row.errors
      own.counts['2xx'] += histogram.totalCount - row.errors
    }
    return own
  }

  const percentileMs = (series: Series, percentile: number) =>
    Math.round((Math.min(series.histogram.getValueAtPercentile(percentile), series.histogram.maxValue) / 1000) * 100) / 100

  return async function read(question: MetricQuestion): Promise<number | null> {
    const windowMs = question.windowSeconds * 1000
    switch (question.metric) {
      case 'latencyP95':
      case 'latencyP99': {
        const series = await requests(question, 'route')
        if (series.histogram.totalCount < MIN_REQUESTS.latency) return null
        return percentileMs(series, question.metric === 'latencyP95' ? 95 : 99)
      }
      case 'errorRate': {
        const series = await requests(question, 'route')
        const count = series.histogram.totalCount
        return count < MIN_REQUESTS.errorRate ? null : series.counts['5xx'] / count
      }
      case 'throughput': {
        const series = await requests(question, 'route')
        return Math.round((series.histogram.totalCount / question.windowSeconds) * 100) / 100
      }
      case 'databaseErrors':
        return (await requests({ ...question, route: null }, 'query')).counts.error
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
