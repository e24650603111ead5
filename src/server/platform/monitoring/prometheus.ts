import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { getHeapStatistics } from 'node:v8'
import type { PoolStats } from '../db/types.js'

// Buckets around our budgets (DESIGN.md §6): 20 ms cached, 50 ms p95 under load, 1 s slow.
const REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]
const QUERY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1, 5]

// prom-client names these gauges `…_total`, which Prometheus reserves for counters; promtool rejects them.
const NON_CONFORMING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']

/** One registry per app (never the global one), so tests and instances never share figures. */
export function createPrometheusMetrics(deps: { poolStats: () => PoolStats | undefined }) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })
  for (const name of NON_CONFORMING_DEFAULTS) registry.removeSingleMetric(name)

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  })
  const queryDuration = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Database call duration by query name',
    labelNames: ['query'] as const,
    buckets: QUERY_BUCKETS,
    registers: [registry],
  })
  const dbErrors = new Counter({ name: 'db_errors_total', help: 'Failed database calls by error type', labelNames: ['type'] as const, registers: [registry] })
  const cacheRequests = new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups by cache level and result',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
  })
  const failedLogins = new Counter({ name: 'auth_failed_logins_total', help: 'Failed sign-in attempts', registers: [registry] })
  const alertDeliveries = new Counter({
    name: 'alert_deliveries_total',
    help: 'Alert notification attempts by channel kind and result (sent, failed: will retry, dead: retries spent)',
    labelNames: ['channel', 'result'] as const,
    registers: [registry],
  })
  const appErrors = new Counter({ name: 'app_errors_total', help: 'Captured server errors (5xx and unhandled) by type', labelNames: ['type'] as const, registers: [registry] })
  const pool = (name: string, help: string, pick: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = deps.poolStats()
        if (stats) this.set(pick(stats))
      },
    })
  pool('db_pool_connections', 'Connections open in the database pool', (stats) => stats.total)
  pool('db_pool_idle_connections', 'Idle connections in the database pool', (stats) => stats.idle)
  pool('db_pool_waiting_clients', 'Callers waiting for a database connection', (stats) => stats.waiting)

  new Gauge({
    name: 'nodejs_heap_size_limit_bytes',
    help: "V8's heap size limit (the heap cannot grow past it)",
    registers: [registry],
    collect() {
      this.set(getHeapStatistics().heap_size_limit)
    },
  })

  return { registry, httpDuration, queryDuration, dbErrors, cacheRequests, failedLogins, appErrors, alertDeliveries }
}

export type PrometheusMetrics = ReturnType<typeof createPrometheusMetrics>
