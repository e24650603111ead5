import type { Clock } from '../runtime/runtime.js'
import { createHistogram, type Histogram } from './histogram.js'

/** Outcome counters kept beside each histogram: status classes for requests, errors for queries. */
export const OUTCOMES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'error'] as const
export type Outcome = (typeof OUTCOMES)[number]

export interface Series {
  histogram: Histogram
  counts: Record<Outcome, number>
}

interface Bucket {
  /** Index of the bucket in time (start / bucketMs); -1 when unused. */
  epoch: number
  series: Map<string, Series>
}

export interface RingOptions {
  bucketMs: number
  bucketCount: number
  clock: Clock
  /** Upper bound on distinct keys per bucket; further keys fold into `other` so memory stays fixed. */
  maxKeysPerBucket: number
}

function emptyCounts(): Record<Outcome, number> {
  return { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, error: 0 }
}

export const OVERFLOW_KEY = 'other'

/**
 * A fixed ring of time buckets, each holding one histogram per key. Recording is O(1); a bucket is
 * reused (histograms reset and recycled) when time comes round again, so memory does not grow with
 * traffic. Any window is answered by merging the buckets it covers.
 */
export function createMetricRing(options: RingOptions) {
  const { bucketMs, bucketCount, clock, maxKeysPerBucket } = options
  const buckets: Bucket[] = Array.from({ length: bucketCount }, () => ({ epoch: -1, series: new Map() }))
  const spare: Series[] = []

  function bucketAt(epoch: number): Bucket {
    const bucket = buckets[epoch % bucketCount] as Bucket
    if (bucket.epoch !== epoch) {
      for (const series of bucket.series.values()) {
        series.histogram.reset()
        series.counts = emptyCounts()
        spare.push(series)
      }
      bucket.series.clear()
      bucket.epoch = epoch
    }
    return bucket
  }

  function seriesFor(bucket: Bucket, key: string): Series {
    let series = bucket.series.get(key)
    if (!series) {
      const target = bucket.series.size >= maxKeysPerBucket ? OVERFLOW_KEY : key
      series = bucket.series.get(target)
      if (!series) {
        series = spare.pop() ?? { histogram: createHistogram(), counts: emptyCounts() }
        bucket.series.set(target, series)
      }
    }
    return series
  }

  function merge(fromMs: number, toMs: number, filter?: (key: string) => boolean): Map<string, Series> {
    const merged = new Map<string, Series>()
    // Buckets starting in [fromMs, toMs): a bucket that began before `fromMs` is not counted.
    const first = Math.ceil(fromMs / bucketMs)
    const last = Math.ceil(toMs / bucketMs) - 1
    const current = Math.floor(clock.now().getTime() / bucketMs)
    for (let epoch = Math.max(first, current - bucketCount + 1); epoch <= Math.min(last, current); epoch++) {
      const bucket = buckets[epoch % bucketCount] as Bucket
      if (bucket.epoch !== epoch) continue
      for (const [key, series] of bucket.series) {
        if (filter && !filter(key)) continue
        let target = merged.get(key)
        if (!target) {
          target = { histogram: createHistogram(), counts: emptyCounts() }
          merged.set(key, target)
        }
        target.histogram.add(series.histogram)
        for (const outcome of OUTCOMES) target.counts[outcome] += series.counts[outcome]
      }
    }
    return merged
  }

  return {
    bucketMs,
    /** Oldest instant the ring still covers. */
    horizonMs: () => clock.now().getTime() - bucketMs * (bucketCount - 1),

    record(key: string, durationMicros: number, outcome: Outcome) {
      const series = seriesFor(bucketAt(Math.floor(clock.now().getTime() / bucketMs)), key)
      series.histogram.recordValue(Math.max(1, Math.round(durationMicros)))
      series.counts[outcome] += 1
    },

    /**
     * Merged series per key for buckets starting in [fromMs, toMs). Buckets older than the ring are
     * gone: they were reused, and their epoch no longer matches.
     */
    merge,

    /** The last `windowMs`, up to now. */
    window(windowMs: number, filter?: (key: string) => boolean) {
      const now = clock.now().getTime()
      return merge(now - windowMs, now + 1, filter)
    },
  }
}

export type MetricRing = ReturnType<typeof createMetricRing>

export function mergeAll(series: Iterable<Series>): Series {
  const total: Series = { histogram: createHistogram(), counts: emptyCounts() }
  for (const item of series) {
    total.histogram.add(item.histogram)
    for (const outcome of OUTCOMES) total.counts[outcome] += item.counts[outcome]
  }
  return total
}
