import { AsyncLocalStorage } from 'node:async_hooks'
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import type { MonitoringConfig } from '../config/config.js'
import type { Database, QueryObserver } from '../db/types.js'
import type { Clock } from '../runtime/runtime.js'
import { type CapturedError, createErrorStore, errorType } from './errors.js'
import { createProcessSampler } from './process-sampler.js'
import { createCounterRing } from './counter-ring.js'
import { createPrometheusMetrics } from './prometheus.js'
import { createMetricRing, type Outcome } from './ring.js'

export const BUCKET_MS = 10_000
/** One hour of ten-second buckets, plus the one being filled. */
export const BUCKET_COUNT = 361
const MAX_KEYS_PER_BUCKET = 300

/** Per-request figures gathered while it runs (database time for Server-Timing). */
export interface RequestTiming {
  dbMs: number
  dbCalls: number
}

interface QueryContext {
  sql: string | undefined
}

export function statusClass(status: number): Outcome {
  if (status >= 500) return '5xx'
  if (status >= 400) return '4xx'
  if (status >= 300) return '3xx'
  if (status >= 200) return '2xx'
  return '1xx'
}

/**
 * The in-process APM: fixed-memory rings of HDR histograms for requests and queries, the error store,
 * process sampling and the Prometheus registry. Built once per app by createPlatform.
 */
export function createMonitor(deps: { config: MonitoringConfig; clock: Clock; log: Logger; database: Database }) {
  const { config, clock, log, database } = deps
  // A boot nonce even with INSTANCE_ID: a restart within the same minute must not collide with the rows
  // its predecessor flushed on shutdown.
  const instanceId = `${(config.instanceId ?? hostname()).slice(0, 60)}-${process.pid}-${randomBytes(3).toString('hex')}`
  const ringOptions = { bucketMs: BUCKET_MS, bucketCount: BUCKET_COUNT, clock, maxKeysPerBucket: MAX_KEYS_PER_BUCKET }
  const requests = createMetricRing(ringOptions)
  const queries = createMetricRing(ringOptions)
  // Cache outcomes per namespace (`<namespace>\t<hit|miss|eviction|error>`), for the overview's windows.
  const cacheOutcomes = createCounterRing(ringOptions)
  // Occurrences the rings cannot answer (a histogram has no "count above"): slow queries.
  const events = createCounterRing(ringOptions)
  const errors = createErrorStore({ clock, maxGroups: 200, maxSamples: 10 })
  const prometheus = createPrometheusMetrics({ poolStats: () => database.poolStats() })
  const requestTiming = new AsyncLocalStorage<RequestTiming>()
  const queryContext = new AsyncLocalStorage<QueryContext>()
  const inFlight = new Map<string, string>()
  const sampler = createProcessSampler({
    intervalMs: config.processSampleMs,
    heapSpikeBytes: config.heapSpikeBytes,
    log,
    inFlightRoutes: () => [...new Set(inFlight.values())],
    now: () => clock.now(),
  })

  const queryObserver: QueryObserver = {
    async observe(name, run) {
      const context: QueryContext = { sql: undefined }
      const started = performance.now()
      let failure: unknown
      try {
        return await queryContext.run(context, run)
      } catch (error) {
        failure = error
        throw error
      } finally {
        const durationMs = performance.now() - started
        queries.record(name, durationMs * 1000, failure === undefined ? '2xx' : 'error')
        prometheus.queryDuration.observe({ query: name }, durationMs / 1000)
        const timing = requestTiming.getStore()
        if (timing) {
          timing.dbMs += durationMs
          timing.dbCalls += 1
        }
        if (failure !== undefined) prometheus.dbErrors.inc({ type: errorType(failure) })
        if (durationMs > config.slowQueryMs) {
          events.add('slowQuery')
          // The SQL text Drizzle sent, never its parameter values.
          log.warn({ query: name, durationMs: Math.round(durationMs), sql: context.sql?.slice(0, 2000) }, 'slow query')
        }
      }
    },
  }

  return {
    instanceId,
    requests,
    queries,
    cacheOutcomes,
    events,

    /** One cache outcome: into `cache_requests_total` and the windowed ring. */
    recordCache(namespace: string, result: 'hit' | 'miss' | 'eviction' | 'error') {
      prometheus.cacheRequests.inc({ cache: namespace, result })
      cacheOutcomes.add(`${namespace}\t${result}`)
    },
    errors,
    prometheus,
    sampler,
    requestTiming,
    queryObserver,
    inFlight,

    /** Drizzle hands each statement's SQL to the query being observed. */
    attach() {
      database.setQueryListener((sql) => {
        const context = queryContext.getStore()
        if (context) context.sql = sql
      })
      sampler.start()
    },

    detach() {
      database.setQueryListener(undefined)
      sampler.stop()
    },

    captureError(captured: CapturedError) {
      const group = errors.capture(captured)
      prometheus.appErrors.inc({ type: group.type })
      return group
    },
  }
}

export type Monitor = ReturnType<typeof createMonitor>
