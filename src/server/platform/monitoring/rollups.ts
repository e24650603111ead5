import { createHash } from 'node:crypto'
import { and, eq, gte, lt, sql } from 'drizzle-orm'
import type { Logger } from 'pino'
import { defineQuery } from '../db/query.js'
import { errorGroups, metricRollups } from '../db/schema/index.js'
import type { Db } from '../db/types.js'
import type { Clock } from '../runtime/runtime.js'
import type { ErrorGroup, ErrorSample } from './errors.js'
import { decodeHistogram, encodeHistogram, type Histogram, createHistogram } from './histogram.js'
import type { Monitor } from './monitor.js'
import type { MetricRing } from './ring.js'

const MINUTE_MS = 60_000
const MAX_SAMPLES = 10

export function errorGroupId(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('hex').slice(0, 32)
}

const insertRollups = defineQuery('monitoring.insertRollups', async (db: Db, rows: (typeof metricRollups.$inferInsert)[]) => {
  for (let start = 0; start < rows.length; start += 500) {
    await db.insert(metricRollups).values(rows.slice(start, start + 500)).onConflictDoNothing()
  }
})

const upsertErrorGroup = defineQuery(
  'monitoring.upsertErrorGroup',
  async (db: Db, group: ErrorGroup, newCount: number, newSamples: ErrorSample[]) => {
    await db
      .insert(errorGroups)
      .values({
        id: errorGroupId(group.fingerprint),
        type: group.type.slice(0, 120),
        message: group.message.slice(0, 400),
        topFrame: group.topFrame?.slice(0, 300) ?? null,
        count: newCount,
        firstSeen: new Date(group.firstSeen),
        lastSeen: new Date(group.lastSeen),
        routes: group.routes,
        samples: newSamples,
      })
      .onConflictDoUpdate({
        target: errorGroups.id,
        set: {
          count: sql`${errorGroups.count} + excluded.count`,
          lastSeen: sql`greatest(${errorGroups.lastSeen}, excluded.last_seen)`,
          routes: sql`(SELECT coalesce(jsonb_agg(DISTINCT r), '[]'::jsonb) FROM jsonb_array_elements_text(${errorGroups.routes} || excluded.routes) AS r)`,
          samples: sql`(SELECT coalesce(jsonb_agg(s ORDER BY i), '[]'::jsonb) FROM (SELECT s, i FROM jsonb_array_elements(excluded.samples || ${errorGroups.samples}) WITH ORDINALITY AS t(s, i) ORDER BY i LIMIT ${MAX_SAMPLES}) AS kept)`,
        },
      })
  },
)

const pruneRollups = defineQuery('monitoring.prune', async (db: Db, before: Date) => {
  await db.delete(metricRollups).where(lt(metricRollups.minute, before))
  await db.delete(errorGroups).where(lt(errorGroups.lastSeen, before))
})

export const readRollups = defineQuery(
  'monitoring.readRollups',
  async (db: Db, kind: 'route' | 'query', from: Date, to: Date, name: string | undefined) =>
    db
      .select({ minute: metricRollups.minute, name: metricRollups.name, count: metricRollups.count, errors: metricRollups.errors, histogram: metricRollups.histogram })
      .from(metricRollups)
      .where(and(eq(metricRollups.kind, kind), gte(metricRollups.minute, from), lt(metricRollups.minute, to), name ? eq(metricRollups.name, name) : undefined))
      .orderBy(metricRollups.minute),
)

function rowsForMinute(instanceId: string, kind: 'route' | 'query', ring: MetricRing, minuteStart: number, errorsFrom: '5xx' | 'error') {
  const rows: (typeof metricRollups.$inferInsert)[] = []
  for (const [name, series] of ring.merge(minuteStart, minuteStart + MINUTE_MS)) {
    const histogram: Histogram = series.histogram
    if (histogram.totalCount === 0) continue
    rows.push({
      instanceId,
      minute: new Date(minuteStart),
      kind,
      name: name.slice(0, 300),
      count: histogram.totalCount,
      errors: series.counts[errorsFrom],
      p50Ms: histogram.getValueAtPercentile(50) / 1000,
      p95Ms: histogram.getValueAtPercentile(95) / 1000,
      p99Ms: histogram.getValueAtPercentile(99) / 1000,
      maxMs: histogram.maxValue / 1000,
      histogram: encodeHistogram(histogram),
    })
  }
  return rows
}

/**
 * Minute rollups and error groups into PostgreSQL. Each instance writes only its own completed
 * minutes (its rows are keyed by its instance id) and only the error occurrences new since its last
 * flush, so readers can sum everything without counting anything twice.
 */
export function createRollups(deps: { db: Db; monitor: Monitor; clock: Clock; log: Logger; retentionDays: number }) {
  const { db, monitor, clock, log } = deps
  let lastFlushedMinute = Math.floor(clock.now().getTime() / MINUTE_MS) - 1
  let timer: NodeJS.Timeout | undefined
  let flushing: Promise<void> | undefined

  async function flushNow(options: { includeCurrentMinute: boolean }) {
    const currentMinute = Math.floor(clock.now().getTime() / MINUTE_MS)
    const end = options.includeCurrentMinute ? currentMinute + 1 : currentMinute
    const rows: (typeof metricRollups.$inferInsert)[] = []
    for (let minute = lastFlushedMinute + 1; minute < end; minute++) {
      rows.push(...rowsForMinute(monitor.instanceId, 'route', monitor.requests, minute * MINUTE_MS, '5xx'))
      rows.push(...rowsForMinute(monitor.instanceId, 'query', monitor.queries, minute * MINUTE_MS, 'error'))
    }
    if (rows.length > 0) await insertRollups(db, rows)
    lastFlushedMinute = Math.max(lastFlushedMinute, end - 1)

    const changes = monitor.errors.takePending()
    let written = 0
    try {
      for (const change of changes) {
        await upsertErrorGroup(db, change.group, change.newCount, change.newSamples)
        written += 1
      }
    } catch (error) {
      // Only what was not written goes back: the rest is already counted in the table.
      monitor.errors.restorePending(changes.slice(written))
      throw error
    }
  }

  return {
    /** Writes completed minutes (and, on shutdown, the current one) and new error occurrences. */
    async flush(options: { includeCurrentMinute: boolean } = { includeCurrentMinute: false }) {
      // One flush at a time: a timer tick and an API read must not write the same minute twice.
      // Another caller's failure is theirs to report: wait for it, not for its error.
      while (flushing) await flushing.catch(() => undefined)
      flushing = flushNow(options).finally(() => {
        flushing = undefined
      })
      return flushing
    },
    start(intervalMs = 15_000) {
      timer = setInterval(() => {
        this.flush().catch((error: unknown) => log.warn({ err: error }, 'monitoring flush failed; will retry'))
      }, intervalMs)
      timer.unref()
    },
    stop() {
      clearInterval(timer)
    },
    prune() {
      return pruneRollups(db, new Date(clock.now().getTime() - deps.retentionDays * 86_400_000))
    },
  }
}

export type Rollups = ReturnType<typeof createRollups>

/** Sums rollup rows (all instances) into one histogram and counts. */
export function mergeRollupRows(rows: { count: number; errors: number; histogram: string }[]) {
  const histogram = createHistogram()
  let count = 0
  let errors = 0
  for (const row of rows) {
    histogram.add(decodeHistogram(row.histogram))
    count += row.count
    errors += row.errors
  }
  return { histogram, count, errors }
}
