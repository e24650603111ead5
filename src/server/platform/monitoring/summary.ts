import type { Series } from './ring.js'

export interface LatencySummary {
  count: number
  perSecond: number
  p50Ms: number
  p90Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  statusCounts: { '2xx': number; '3xx': number; '4xx': number; '5xx': number }
  errors: number
  /** 5xx share for requests; failed share for queries. */
  errorRate: number
}

const ms = (micros: number) => Math.round(micros / 10) / 100

export function summarize(series: Series, windowMs: number, errorsFrom: '5xx' | 'error'): LatencySummary {
  const { histogram, counts } = series
  const count = histogram.totalCount
  const errors = counts[errorsFrom]
  // HDR reports a bucket's highest equivalent value, which can sit just above the true maximum.
  const at = (percentile: number) => ms(Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue))
  return {
    count,
    perSecond: Math.round((count / (windowMs / 1000)) * 100) / 100,
    p50Ms: count ? at(50) : 0,
    p90Ms: count ? at(90) : 0,
    p95Ms: count ? at(95) : 0,
    p99Ms: count ? at(99) : 0,
    maxMs: count ? ms(histogram.maxValue) : 0,
    statusCounts: { '2xx': counts['2xx'], '3xx': counts['3xx'], '4xx': counts['4xx'], '5xx': counts['5xx'] },
    errors,
    errorRate: count ? errors / count : 0,
  }
}
