import * as hdr from 'hdr-histogram-js'

export type Histogram = hdr.Histogram

/**
 * Latencies in microseconds, 1 µs to 60 s (auto-resizing above), two significant digits (≤ 1 % error).
 * Packed storage keeps only the counts in use: a ten-second bucket of one route costs ~2 KB, not 11.
 */
export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 'packed',
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 2,
  })
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram)
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 'packed')
}
