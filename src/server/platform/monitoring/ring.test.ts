import { describe, expect, it } from 'vitest'
import { createManualClock } from '../runtime/runtime.js'
import { createMetricRing, mergeAll, OVERFLOW_KEY } from './ring.js'
import { summarize } from './summary.js'

function ring(clock = createManualClock(new Date('2026-03-15T12:00:00Z'))) {
  return { clock, ring: createMetricRing({ bucketMs: 10_000, bucketCount: 361, clock, maxKeysPerBucket: 50 }) }
}

describe('metric ring', () => {
  it('answers percentiles of a known distribution within the histogram precision', () => {
    const { ring: r, clock } = ring()
    for (let ms = 1; ms <= 1000; ms++) {
      r.record('GET /x', ms * 1000, ms % 100 === 0 ? '5xx' : '2xx')
      if (ms % 100 === 0) clock.advance(5_000)
    }
    const summary = summarize(mergeAll(r.window(3_600_000).values()), 3_600_000, '5xx')
    expect(summary.count).toBe(1000)
    expect(summary.p50Ms).toBeGreaterThan(495)
    expect(summary.p50Ms).toBeLessThan(505)
    expect(summary.p95Ms).toBeGreaterThan(940)
    expect(summary.p95Ms).toBeLessThan(960)
    expect(summary.p99Ms).toBeGreaterThan(980)
    expect(summary.maxMs).toBeGreaterThan(990)
    expect(summary.statusCounts['5xx']).toBe(10)
    expect(summary.errorRate).toBeCloseTo(0.01)
  })

  it('answers a window from the buckets it covers and forgets buckets older than the ring', () => {
    const { ring: r, clock } = ring()
    r.record('GET /old', 5_000, '2xx')
    clock.advance(10 * 60_000)
    r.record('GET /recent', 7_000, '2xx')
    expect([...r.window(60_000).keys()]).toEqual(['GET /recent'])
    expect([...r.window(3_600_000).keys()].sort()).toEqual(['GET /old', 'GET /recent'])

    clock.advance(61 * 60_000)
    r.record('GET /new', 1_000, '2xx')
    expect([...r.window(3_600_000).keys()]).toEqual(['GET /new'])
    expect(r.merge(0, clock.now().getTime() + 1).get('GET /old')).toBeUndefined()
  })

  it('keeps memory bounded: extra keys in one bucket fold into one overflow series', () => {
    const { ring: r } = ring()
    for (let index = 0; index < 80; index++) r.record(`GET /k${index}`, 1_000, '2xx')
    const keys = [...r.window(60_000).keys()]
    expect(keys).toHaveLength(51)
    expect(keys).toContain(OVERFLOW_KEY)
    expect(r.window(60_000).get(OVERFLOW_KEY)?.histogram.totalCount).toBe(30)
  })
})
