import type { alertRules } from '../../platform/db/schema/index.js'

type DefaultRule = Omit<typeof alertRules.$inferInsert, 'id' | 'createdAt' | 'updatedAt'> & { defaultKey: string }

/**
 * The rules every installation starts with (the original design's five), created once each: an admin
 * may change or disable them, and a deleted one stays deleted. They notify every enabled channel.
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    defaultKey: 'p95-latency',
    name: 'Slow responses',
    description: 'p95 response time of all requests above 2 s for a minute.',
    metric: 'latencyP95',
    windowSeconds: 300,
    comparison: '>',
    threshold: 2000,
    forSeconds: 60,
    severity: 'high',
    repeatIntervalSeconds: 3600,
  },
  {
    defaultKey: 'error-rate',
    name: 'Server errors',
    description: 'More than 5 % of requests answered with a 5xx for a minute.',
    metric: 'errorRate',
    windowSeconds: 300,
    comparison: '>',
    threshold: 0.05,
    forSeconds: 60,
    severity: 'critical',
    repeatIntervalSeconds: 1800,
  },
  {
    defaultKey: 'heap',
    name: 'Memory pressure',
    description: 'Heap above 85 % of its limit for two minutes.',
    metric: 'heapShare',
    windowSeconds: 60,
    comparison: '>',
    threshold: 0.85,
    forSeconds: 120,
    severity: 'medium',
    repeatIntervalSeconds: 3600,
  },
  {
    defaultKey: 'database-errors',
    name: 'Database errors',
    description: 'More than 10 failed database calls in an hour.',
    metric: 'databaseErrors',
    windowSeconds: 3600,
    comparison: '>',
    threshold: 10,
    forSeconds: 0,
    severity: 'critical',
    repeatIntervalSeconds: 3600,
  },
  {
    defaultKey: 'failed-logins',
    name: 'Failed sign-ins',
    description: 'More than 50 failed sign-ins in an hour: someone may be guessing passwords.',
    metric: 'failedLogins',
    windowSeconds: 3600,
    comparison: '>',
    threshold: 50,
    forSeconds: 0,
    severity: 'high',
    repeatIntervalSeconds: 3600,
  },
]
