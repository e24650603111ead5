// An overview for the Performance component tests, each part overridable.
import type { MonitoringOverview, NamedSummary } from '../../api/types.js'

export function summary(name: string, overrides: Partial<NamedSummary> = {}): NamedSummary {
  return {
    name,
    count: 1200,
    perSecond: 4,
    p50Ms: 12.34,
    p90Ms: 40,
    p95Ms: 55.5,
    p99Ms: 180,
    maxMs: 420,
    statusCounts: { '2xx': 1190, '3xx': 0, '4xx': 5, '5xx': 5 },
    errors: 5,
    errorRate: 5 / 1200,
    ...overrides,
  }
}

export function overview(overrides: Partial<MonitoringOverview> = {}): MonitoringOverview {
  const { name: _name, ...requests } = summary('all', { count: 12_345, perSecond: 41.15, p50Ms: 8.2, p95Ms: 64.4, p99Ms: 1250.4, errors: 62, errorRate: 0.005 })
  const { name: _query, ...queries } = summary('all queries')
  return {
    window: '5m',
    instanceId: 'a1',
    requests,
    queries,
    process: {
      at: '2025-05-20T14:00:00.000Z',
      eventLoopDelayP50Ms: 1.1,
      eventLoopDelayP99Ms: 23.7,
      eventLoopDelayMaxMs: 40,
      heapUsedBytes: 96 * 1024 * 1024,
      heapLimitBytes: 2 * 1024 * 1024 * 1024,
      heapShare: 0.046875,
      rssBytes: 210 * 1024 * 1024,
      gcPauseMs: 3,
      cpuPercent: 37.25,
    },
    databasePool: null,
    slowestRoutes: [summary('GET /api/v1/search'), summary('GET /api/v1/organizations')],
    slowestQueries: [summary('organizations.list')],
    cache: {
      hits: 900,
      misses: 100,
      hitRatio: 0.9,
      evictions: 3,
      redisErrors: 0,
      namespaces: [
        { name: 'organizations', hits: 900, misses: 100, hitRatio: 0.9 },
        { name: 'dashboard', hits: 0, misses: 0, hitRatio: null },
      ],
    },
    ...overrides,
  }
}
