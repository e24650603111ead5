import { sql } from 'drizzle-orm'
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { recordColumns } from './columns.js'
import { users } from './users.js'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * Where notifications go. Non-secret settings (sender, recipients, a masked target) are plain;
 * credentials (SMTP URL, webhook URLs and secrets) are one AES-GCM sealed JSON, never sent to clients.
 */
export const alertChannels = pgTable(
  'alert_channels',
  {
    ...recordColumns(),
    kind: varchar('kind', { length: 16 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    isEnabled: boolean('is_enabled').notNull().default(true),
    /** Set for the channels made from the environment (`email`, `slack`, `webhook`); null for the API's. */
    environmentKey: varchar('environment_key', { length: 16 }),
    settings: jsonb('settings').$type<{ target: string; from?: string; to?: string[] }>().notNull(),
    sealedSecret: text('sealed_secret').notNull(),
  },
  (t) => [uniqueIndex('alert_channels_environment_key_key').on(t.environmentKey), check('alert_channels_kind_check', sql`${t.kind} IN ('email', 'slack', 'webhook')`)],
)

export const alertRules = pgTable(
  'alert_rules',
  {
    ...recordColumns(),
    name: varchar('name', { length: 120 }).notNull(),
    description: varchar('description', { length: 1000 }),
    metric: varchar('metric', { length: 32 }).notNull(),
    route: varchar('route', { length: 300 }),
    windowSeconds: integer('window_seconds').notNull(),
    comparison: varchar('comparison', { length: 2 }).notNull(),
    threshold: doublePrecision('threshold').notNull(),
    forSeconds: integer('for_seconds').notNull(),
    severity: varchar('severity', { length: 16 }).notNull(),
    repeatIntervalSeconds: integer('repeat_interval_seconds').notNull(),
    channelIds: jsonb('channel_ids').$type<string[] | null>(),
    isEnabled: boolean('is_enabled').notNull().default(true),
    /** The shipped rules carry a key, so they are created once and never again after an admin deletes one. */
    defaultKey: varchar('default_key', { length: 32 }),
    lastValue: doublePrecision('last_value'),
    lastEvaluatedAt: at('last_evaluated_at'),
    /** Set when an admin resolves its alert by hand: no new alert until the condition has cleared once. */
    isQuietUntilClear: boolean('is_quiet_until_clear').notNull().default(false),
  },
  (t) => [uniqueIndex('alert_rules_default_key_key').on(t.defaultKey)],
)

/** One episode of a rule's condition holding. At most one is open (pending or firing) per rule. */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id),
    ruleName: varchar('rule_name', { length: 120 }).notNull(),
    metric: varchar('metric', { length: 32 }).notNull(),
    route: varchar('route', { length: 300 }),
    severity: varchar('severity', { length: 16 }).notNull(),
    comparison: varchar('comparison', { length: 2 }).notNull(),
    threshold: doublePrecision('threshold').notNull(),
    windowSeconds: integer('window_seconds').notNull(),
    state: varchar('state', { length: 16 }).notNull(),
    value: doublePrecision('value'),
    peakValue: doublePrecision('peak_value'),
    startedAt: at('started_at').notNull(),
    firedAt: at('fired_at'),
    /** When the condition last stopped holding while firing; it resolves once clear for the rule's window. */
    clearSince: at('clear_since'),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: at('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    lastNotifiedAt: at('last_notified_at'),
    notificationCount: integer('notification_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('alerts_one_open_per_rule_key').on(t.ruleId).where(sql`${t.state} IN ('pending', 'firing')`),
    index('alerts_started_idx').on(t.startedAt.desc(), t.id.desc()),
    index('alerts_fired_idx').on(t.firedAt),
    check('alerts_state_check', sql`${t.state} IN ('pending', 'firing', 'resolved')`),
  ],
)

export const alertEvents = pgTable(
  'alert_events',
  {
    id: uuid('id').primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 16 }).notNull(),
    at: at('at').notNull(),
    value: doublePrecision('value'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('alert_events_at_idx').on(t.at.desc(), t.id.desc()), index('alert_events_alert_idx').on(t.alertId)],
)

/** One message to one channel: its content is fixed when queued, so every retry sends the same. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey(),
    alertId: uuid('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
    ruleId: uuid('rule_id').references(() => alertRules.id),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => alertChannels.id),
    kind: varchar('kind', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    /** The pg-boss job that sends it: queuing it again under this id never queues it twice. */
    jobId: uuid('job_id').notNull().default(sql`gen_random_uuid()`),
    attempts: integer('attempts').notNull().default(0),
    lastError: varchar('last_error', { length: 500 }),
    message: jsonb('message').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    sentAt: at('sent_at'),
  },
  (t) => [
    index('alert_deliveries_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('alert_deliveries_status_idx').on(t.status).where(sql`${t.status} <> 'sent'`),
    index('alert_deliveries_alert_idx').on(t.alertId),
  ],
)
