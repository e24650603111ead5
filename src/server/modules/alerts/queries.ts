import { and, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { ListAlertsQuery, ListDeliveriesQuery, AlertHistoryQuery } from '../../../shared/schemas/alerts.js'
import { keysetPage } from '../../platform/db/keyset.js'
import { defineQuery, live, rowsOf } from '../../platform/db/query.js'
import { alertChannels, alertDeliveries, alertEvents, alertRules, alerts, errorGroups, users } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'

export type ChannelRow = typeof alertChannels.$inferSelect
export type RuleRow = typeof alertRules.$inferSelect
export type AlertRow = typeof alerts.$inferSelect
export type DeliveryRow = typeof alertDeliveries.$inferSelect

const acknowledger = alias(users, 'acknowledger')
const resolver = alias(users, 'resolver')

// ── channels ────────────────────────────────────────────────────────────────────────────────────

export const listChannels = defineQuery('alerts.listChannels', async (db: Db) =>
  db.select().from(alertChannels).where(live(alertChannels)).orderBy(alertChannels.createdAt, alertChannels.id),
)

export const findChannel = defineQuery('alerts.findChannel', async (db: Db, id: string) => {
  const [row] = await db.select().from(alertChannels).where(and(eq(alertChannels.id, id), live(alertChannels)))
  return row
})

export const insertChannel = defineQuery('alerts.insertChannel', async (db: Db, values: typeof alertChannels.$inferInsert) => {
  const [row] = await db.insert(alertChannels).values(values).returning()
  return row as ChannelRow
})

/** The environment's channels: created on first start, their settings replaced on every later one. */
export const upsertEnvironmentChannel = defineQuery('alerts.upsertEnvironmentChannel', async (db: Db, values: typeof alertChannels.$inferInsert) => {
  await db
    .insert(alertChannels)
    .values(values)
    .onConflictDoUpdate({
      target: alertChannels.environmentKey,
      set: {
        kind: values.kind,
        name: values.name,
        settings: values.settings,
        sealedSecret: values.sealedSecret,
        deletedAt: null,
        updatedAt: values.updatedAt,
        version: sql`${alertChannels.version} + 1`,
      },
    })
})

/** Environment channels whose variable is gone are retired (kept for the delivery log). */
export const retireEnvironmentChannels = defineQuery('alerts.retireEnvironmentChannels', async (db: Db, keep: string[], now: Date) => {
  await db
    .update(alertChannels)
    .set({ deletedAt: now, updatedAt: now })
    .where(and(sql`${alertChannels.environmentKey} IS NOT NULL`, keep.length ? sql`${alertChannels.environmentKey} NOT IN ${keep}` : undefined, live(alertChannels)))
})

export const updateChannel = defineQuery('alerts.updateChannel', async (db: Db, id: string, version: number, values: Partial<typeof alertChannels.$inferInsert>) => {
  const [row] = await db
    .update(alertChannels)
    .set({ ...values, version: version + 1 })
    .where(and(eq(alertChannels.id, id), eq(alertChannels.version, version), live(alertChannels)))
    .returning()
  return row
})

// ── rules ───────────────────────────────────────────────────────────────────────────────────────

export const listRules = defineQuery('alerts.listRules', async (db: Db, onlyEnabled = false) =>
  db
    .select({ rule: alertRules, openState: alerts.state })
    .from(alertRules)
    .leftJoin(alerts, and(eq(alerts.ruleId, alertRules.id), inArray(alerts.state, ['pending', 'firing'])))
    .where(and(live(alertRules), onlyEnabled ? eq(alertRules.isEnabled, true) : undefined))
    .orderBy(alertRules.createdAt, alertRules.id),
)

export const findRule = defineQuery('alerts.findRule', async (db: Db, id: string) => {
  const [row] = await db
    .select({ rule: alertRules, openState: alerts.state })
    .from(alertRules)
    .leftJoin(alerts, and(eq(alerts.ruleId, alertRules.id), inArray(alerts.state, ['pending', 'firing'])))
    .where(and(eq(alertRules.id, id), live(alertRules)))
  return row
})

export const insertRules = defineQuery('alerts.insertRules', async (db: Db, values: (typeof alertRules.$inferInsert)[]) =>
  db.insert(alertRules).values(values).onConflictDoNothing().returning(),
)

export const updateRule = defineQuery('alerts.updateRule', async (db: Db, id: string, version: number, values: Partial<typeof alertRules.$inferInsert>) => {
  const [row] = await db
    .update(alertRules)
    .set({ ...values, version: version + 1 })
    .where(and(eq(alertRules.id, id), eq(alertRules.version, version), live(alertRules)))
    .returning()
  return row
})

export const recordEvaluation = defineQuery('alerts.recordEvaluation', async (db: Db, id: string, value: number | null, at: Date) => {
  await db.update(alertRules).set({ lastValue: value, lastEvaluatedAt: at }).where(eq(alertRules.id, id))
})

// ── alerts ──────────────────────────────────────────────────────────────────────────────────────

const alertColumns = {
  alert: alerts,
  acknowledgedByName: acknowledger.name,
  resolvedByName: resolver.name,
}

function alertsWithActors(db: Db) {
  return db
    .select(alertColumns)
    .from(alerts)
    .leftJoin(acknowledger, eq(acknowledger.id, alerts.acknowledgedBy))
    .leftJoin(resolver, eq(resolver.id, alerts.resolvedBy))
}

export type AlertWithActors = { alert: AlertRow; acknowledgedByName: string | null; resolvedByName: string | null }

export const listAlerts = defineQuery('alerts.list', async (db: Db, query: ListAlertsQuery) => {
  const page = keysetPage({ field: 'startedAt', direction: 'desc', spec: { column: alerts.startedAt, kind: 'timestamp' }, id: alerts.id, cursor: query.cursor })
  return alertsWithActors(db)
    .where(
      and(
        page.where,
        query.state ? inArray(alerts.state, query.state) : undefined,
        query.severity ? inArray(alerts.severity, query.severity) : undefined,
        query.metric ? inArray(alerts.metric, query.metric) : undefined,
        query.ruleId ? eq(alerts.ruleId, query.ruleId) : undefined,
        query.from ? gte(alerts.startedAt, new Date(query.from)) : undefined,
        query.to ? lt(alerts.startedAt, new Date(query.to)) : undefined,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(query.limit + 1)
})

export const findAlert = defineQuery('alerts.find', async (db: Db, id: string) => {
  const [row] = await alertsWithActors(db).where(eq(alerts.id, id))
  return row
})

export const findOpenAlert = defineQuery('alerts.findOpenOfRule', async (db: Db, ruleId: string) => {
  const [row] = await db.select().from(alerts).where(and(eq(alerts.ruleId, ruleId), inArray(alerts.state, ['pending', 'firing'])))
  return row
})

export const setQuietUntilClear = defineQuery('alerts.setQuiet', async (db: Db, ruleId: string, isQuiet: boolean) => {
  await db.update(alertRules).set({ isQuietUntilClear: isQuiet }).where(eq(alertRules.id, ruleId))
})

/** The channels an alert's firing (or repeat) messages went to: they are the ones to hear it resolved. */
export const channelsNotified = defineQuery('alerts.channelsNotified', async (db: Db, alertId: string) =>
  (
    await db
      .selectDistinct({ channelId: alertDeliveries.channelId })
      .from(alertDeliveries)
      .where(and(eq(alertDeliveries.alertId, alertId), inArray(alertDeliveries.kind, ['firing', 'repeat'])))
  ).map((row) => row.channelId),
)

/** The evaluation's transaction lock: false when another evaluation holds it. */
export const tryEvaluationLock = defineQuery('alerts.evaluationLock', async (db: Db, lockId: number) => {
  const [row] = await rowsOf<{ locked: boolean }>(db, sql`SELECT pg_try_advisory_xact_lock(${lockId}) AS locked`)
  return row?.locked === true
})

export const findOpenAlerts = defineQuery('alerts.findOpen', async (db: Db) =>
  db.select().from(alerts).where(inArray(alerts.state, ['pending', 'firing'])),
)

export const insertAlert = defineQuery('alerts.insert', async (db: Db, values: typeof alerts.$inferInsert) => {
  const [row] = await db.insert(alerts).values(values).onConflictDoNothing().returning()
  return row
})

/** Changes an alert only if it is still in `from` (two evaluators or an admin racing change nothing twice). */
export const transitionAlert = defineQuery(
  'alerts.transition',
  async (db: Db, id: string, from: readonly string[], values: Partial<typeof alerts.$inferInsert>) => {
    const [row] = await db
      .update(alerts)
      .set(values)
      .where(and(eq(alerts.id, id), inArray(alerts.state, [...from])))
      .returning()
    return row
  },
)

export const deleteAlert = defineQuery('alerts.delete', async (db: Db, id: string) => {
  await db.delete(alerts).where(and(eq(alerts.id, id), eq(alerts.state, 'pending')))
})

export const insertEvent = defineQuery('alerts.insertEvent', async (db: Db, values: typeof alertEvents.$inferInsert) => {
  await db.insert(alertEvents).values(values)
})

const eventColumns = {
  id: alertEvents.id,
  alertId: alertEvents.alertId,
  kind: alertEvents.kind,
  at: alertEvents.at,
  value: alertEvents.value,
  actorId: alertEvents.actorId,
  actorName: users.name,
  ruleId: alerts.ruleId,
  ruleName: alerts.ruleName,
  metric: alerts.metric,
  severity: alerts.severity,
}

export const listEvents = defineQuery('alerts.history', async (db: Db, query: AlertHistoryQuery & { alertId?: string }) => {
  const page = keysetPage({ field: 'at', direction: 'desc', spec: { column: alertEvents.at, kind: 'timestamp' }, id: alertEvents.id, cursor: query.cursor })
  return db
    .select(eventColumns)
    .from(alertEvents)
    .innerJoin(alerts, eq(alerts.id, alertEvents.alertId))
    .leftJoin(users, eq(users.id, alertEvents.actorId))
    .where(
      and(
        page.where,
        query.alertId ? eq(alertEvents.alertId, query.alertId) : undefined,
        query.ruleId ? eq(alerts.ruleId, query.ruleId) : undefined,
        query.from ? gte(alertEvents.at, new Date(query.from)) : undefined,
        query.to ? lt(alertEvents.at, new Date(query.to)) : undefined,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(query.limit + 1)
})

export const alertStats = defineQuery('alerts.stats', async (db: Db, since: Date) => {
  const fired = and(sql`${alerts.firedAt} IS NOT NULL`, gte(alerts.firedAt, since))
  const [totals] = await db
    .select({
      fired: sql<number>`count(*)::int`,
      mtta: sql<number | null>`avg(extract(epoch FROM ${alerts.acknowledgedAt} - ${alerts.firedAt}))::float8`,
      mttr: sql<number | null>`avg(extract(epoch FROM ${alerts.resolvedAt} - ${alerts.firedAt}))::float8`,
    })
    .from(alerts)
    .where(fired)
  const byMetric = await db.select({ key: alerts.metric, count: sql<number>`count(*)::int` }).from(alerts).where(fired).groupBy(alerts.metric)
  const bySeverity = await db.select({ key: alerts.severity, count: sql<number>`count(*)::int` }).from(alerts).where(fired).groupBy(alerts.severity)
  const [open] = await db.select({ count: sql<number>`count(*)::int` }).from(alerts).where(eq(alerts.state, 'firing'))
  return { totals, byMetric, bySeverity, open: open?.count ?? 0 }
})

/** The alerts that fired since `since`: how many, and the latest 20. */
export const firedSince = defineQuery('alerts.firedSince', async (db: Db, since: Date) => {
  const fired = and(sql`${alerts.firedAt} IS NOT NULL`, gte(alerts.firedAt, since))
  const [total] = await db.select({ count: sql<number>`count(*)::int` }).from(alerts).where(fired)
  const latest = await db.select().from(alerts).where(fired).orderBy(desc(alerts.firedAt)).limit(20)
  return { count: total?.count ?? 0, latest }
})

// ── deliveries ──────────────────────────────────────────────────────────────────────────────────

const deliveryColumns = { delivery: alertDeliveries, channelName: alertChannels.name, channelKind: alertChannels.kind }

export const insertDeliveries = defineQuery('alerts.insertDeliveries', async (db: Db, values: (typeof alertDeliveries.$inferInsert)[]) => {
  if (values.length === 0) return []
  return db.insert(alertDeliveries).values(values).returning()
})

export const listDeliveries = defineQuery('alerts.listDeliveries', async (db: Db, query: ListDeliveriesQuery) => {
  const page = keysetPage({ field: 'createdAt', direction: 'desc', spec: { column: alertDeliveries.createdAt, kind: 'timestamp' }, id: alertDeliveries.id, cursor: query.cursor })
  return db
    .select(deliveryColumns)
    .from(alertDeliveries)
    .innerJoin(alertChannels, eq(alertChannels.id, alertDeliveries.channelId))
    .where(
      and(
        page.where,
        query.status ? inArray(alertDeliveries.status, query.status) : undefined,
        query.channelId ? eq(alertDeliveries.channelId, query.channelId) : undefined,
        query.alertId ? eq(alertDeliveries.alertId, query.alertId) : undefined,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(query.limit + 1)
})

export const findDelivery = defineQuery('alerts.findDelivery', async (db: Db, id: string) => {
  const [row] = await db
    .select({ ...deliveryColumns, channel: alertChannels })
    .from(alertDeliveries)
    .innerJoin(alertChannels, eq(alertChannels.id, alertDeliveries.channelId))
    .where(eq(alertDeliveries.id, id))
  return row
})

export const updateDelivery = defineQuery(
  'alerts.updateDelivery',
  async (db: Db, id: string, values: Partial<typeof alertDeliveries.$inferInsert>, unlessStatus?: string) => {
    const [row] = await db
      .update(alertDeliveries)
      .set(values)
      .where(and(eq(alertDeliveries.id, id), unlessStatus ? ne(alertDeliveries.status, unlessStatus) : undefined))
      .returning()
    return row
  },
)

/** Deliveries still waiting for their first attempt since `before`: their job may never have been queued. */
export const staleQueuedDeliveries = defineQuery('alerts.staleQueued', async (db: Db, before: Date) =>
  db
    .select({ id: alertDeliveries.id, jobId: alertDeliveries.jobId })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.status, 'queued'), lt(alertDeliveries.updatedAt, before)))
    .limit(100),
)

export const topErrorGroups = defineQuery('alerts.topErrorGroups', async (db: Db, since: Date) =>
  db.select().from(errorGroups).where(gte(errorGroups.lastSeen, since)).orderBy(desc(errorGroups.count)).limit(5),
)

