import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core'

/**
 * One minute of one route or query on one instance. Each instance writes only its own rows, once per
 * minute, and readers sum them; the encoded HDR histogram lets readers merge percentiles exactly.
 */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    instanceId: varchar('instance_id', { length: 100 }).notNull(),
    minute: timestamp('minute', { withTimezone: true, mode: 'date' }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    name: varchar('name', { length: 300 }).notNull(),
    count: integer('count').notNull(),
    errors: integer('errors').notNull(),
    p50Ms: doublePrecision('p50_ms').notNull(),
    p95Ms: doublePrecision('p95_ms').notNull(),
    p99Ms: doublePrecision('p99_ms').notNull(),
    maxMs: doublePrecision('max_ms').notNull(),
    histogram: text('histogram').notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.minute, t.kind, t.name] }), index('metric_rollups_kind_minute_idx').on(t.kind, t.minute)],
)

/** Error groups merged across instances: counts are added, samples kept newest first and capped. */
export const errorGroups = pgTable(
  'error_groups',
  {
    id: varchar('id', { length: 32 }).primaryKey(),
    type: varchar('type', { length: 120 }).notNull(),
    message: varchar('message', { length: 400 }).notNull(),
    topFrame: varchar('top_frame', { length: 300 }),
    count: bigint('count', { mode: 'number' }).notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true, mode: 'date' }).notNull(),
    routes: jsonb('routes').$type<string[]>().notNull(),
    samples: jsonb('samples').$type<unknown[]>().notNull(),
  },
  (t) => [index('error_groups_last_seen_idx').on(t.lastSeen), index('error_groups_count_idx').on(t.count)],
)
