import type { Clock } from '../runtime/runtime.js'

interface Bucket {
  epoch: number
  counts: Map<string, number>
}

/**
 * Counters in a fixed ring of time buckets (the same buckets as the latency rings): adding is O(1),
 * memory is bounded by buckets × keys, and any window is the sum of the buckets it covers.
 */
export function createCounterRing(options: { bucketMs: number; bucketCount: number; clock: Clock; maxKeysPerBucket: number }) {
  const { bucketMs, bucketCount, clock, maxKeysPerBucket } = options
  const buckets: Bucket[] = Array.from({ length: bucketCount }, () => ({ epoch: -1, counts: new Map() }))

  return {
    add(key: string, amount = 1) {
      const epoch = Math.floor(clock.now().getTime() / bucketMs)
      const bucket = buckets[epoch % bucketCount] as Bucket
      if (bucket.epoch !== epoch) {
        bucket.counts.clear()
        bucket.epoch = epoch
      }
      const target = bucket.counts.has(key) || bucket.counts.size < maxKeysPerBucket ? key : 'other'
      bucket.counts.set(target, (bucket.counts.get(target) ?? 0) + amount)
    },

    /** Sums per key over the last `windowMs`. */
    window(windowMs: number): Map<string, number> {
      const now = Math.floor(clock.now().getTime() / bucketMs)
      const oldest = now - Math.ceil(windowMs / bucketMs) + 1
      const sums = new Map<string, number>()
      for (const bucket of buckets) {
        if (bucket.epoch < oldest || bucket.epoch > now) continue
        for (const [key, count] of bucket.counts) sums.set(key, (sums.get(key) ?? 0) + count)
      }
      return sums
    },
  }
}
