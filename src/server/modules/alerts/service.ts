import type { Logger } from 'pino'
import {
  ALERT_METRICS,
  ALERT_STATS_WINDOWS,
  type Alert,
  type AlertChannel,
  type AlertDelivery,
  type AlertEvent,
  type AlertMetric,
  type AlertRule,
  type AlertStatsWindow,
  type AlertHistoryQuery,
  type CreateAlertChannelInput,
  type CreateAlertRuleInput,
  type ListAlertsQuery,
  type ListDeliveriesQuery,
  type PatchAlertChannelInput,
  type PatchAlertRuleInput,
} from '../../../shared/schemas/alerts.js'
import type { AlertsConfig } from '../../platform/config/config.js'
import { toPage } from '../../platform/db/keyset.js'
import { inTransaction } from '../../platform/db/query.js'
import { changeVersioned } from '../../platform/db/records.js'
import type { Db } from '../../platform/db/types.js'
import { iso } from '../../platform/http/dto.js'
import { AppError, DuplicateError, NotFoundError, ValidationError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/http/actor.js'
import type { Jobs } from '../../platform/jobs/jobs.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { type SecretBox, SecretUnreadableError } from '../../platform/security/secret-box.js'
import { type ChannelSecret, type ChannelSettings, maskedTarget, redactedError, sendThroughChannel } from './channels.js'
import { type AlertFacts, alertMessage, type Message } from './messages.js'
import { DEFAULT_RULES } from './defaults.js'
import * as q from './queries.js'

export const DELIVERY_JOB = 'alert-delivery'
export const DEAD_DELIVERY_JOB = 'alert-delivery-dead'
export const DAILY_REPORT_JOB = 'alerts-daily-report'
/** The environment channel of the daily report: never part of "every channel" of a rule. */
export const REPORT_CHANNEL_KEY = 'report'

const actorOrNull = (id: string | null, name: string | null) => (id ? { id, name: name ?? 'Deleted user' } : null)

export function toRule(row: q.RuleRow, openState: string | null): AlertRule {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    metric: row.metric as AlertMetric,
    route: row.route,
    windowSeconds: row.windowSeconds,
    comparison: row.comparison as AlertRule['comparison'],
    threshold: row.threshold,
    forSeconds: row.forSeconds,
    severity: row.severity as AlertRule['severity'],
    repeatIntervalSeconds: row.repeatIntervalSeconds,
    channelIds: row.channelIds ?? null,
    isEnabled: row.isEnabled,
    isDefault: row.defaultKey !== null,
    lastValue: row.lastValue,
    lastEvaluatedAt: iso(row.lastEvaluatedAt),
    status: openState === 'pending' || openState === 'firing' ? openState : 'ok',
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }
}

export function toChannel(row: q.ChannelRow): AlertChannel {
  return {
    id: row.id,
    kind: row.kind as AlertChannel['kind'],
    name: row.name,
    isEnabled: row.isEnabled,
    source: row.environmentKey ? 'environment' : 'api',
    target: row.settings.target,
    from: row.settings.from ?? null,
    to: row.settings.to ?? null,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }
}

export function toAlert({ alert, acknowledgedByName, resolvedByName }: q.AlertWithActors): Alert {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    metric: alert.metric as AlertMetric,
    route: alert.route,
    severity: alert.severity as Alert['severity'],
    state: alert.state as Alert['state'],
    comparison: alert.comparison as Alert['comparison'],
    threshold: alert.threshold,
    windowSeconds: alert.windowSeconds,
    value: alert.value,
    peakValue: alert.peakValue,
    startedAt: iso(alert.startedAt),
    firedAt: iso(alert.firedAt),
    acknowledgedAt: iso(alert.acknowledgedAt),
    acknowledgedBy: actorOrNull(alert.acknowledgedBy, acknowledgedByName),
    resolvedAt: iso(alert.resolvedAt),
    resolvedBy: actorOrNull(alert.resolvedBy, resolvedByName),
    lastNotifiedAt: iso(alert.lastNotifiedAt),
    notificationCount: alert.notificationCount,
  }
}

function toDelivery(row: { delivery: q.DeliveryRow; channelName: string; channelKind: string }): AlertDelivery {
  const { delivery } = row
  return {
    id: delivery.id,
    alertId: delivery.alertId,
    ruleId: delivery.ruleId,
    channelId: delivery.channelId,
    channelName: row.channelName,
    channelKind: row.channelKind as AlertDelivery['channelKind'],
    kind: delivery.kind as AlertDelivery['kind'],
    status: delivery.status as AlertDelivery['status'],
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: iso(delivery.createdAt),
    updatedAt: iso(delivery.updatedAt),
    sentAt: iso(delivery.sentAt),
  }
}

function toEvent(row: Awaited<ReturnType<typeof q.listEvents>>[number]): AlertEvent {
  return {
    id: row.id,
    alertId: row.alertId,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    metric: row.metric as AlertMetric,
    severity: row.severity as AlertEvent['severity'],
    kind: row.kind as AlertEvent['kind'],
    at: iso(row.at),
    value: row.value,
    actor: actorOrNull(row.actorId, row.actorName),
  }
}

export function alertFacts(alert: q.AlertRow): AlertFacts {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    metric: alert.metric as AlertMetric,
    route: alert.route,
    severity: alert.severity as AlertFacts['severity'],
    comparison: alert.comparison as AlertFacts['comparison'],
    threshold: alert.threshold,
    windowSeconds: alert.windowSeconds,
    value: alert.value,
    peakValue: alert.peakValue,
    startedAt: alert.startedAt,
    firedAt: alert.firedAt,
    resolvedAt: alert.resolvedAt,
  }
}

/** Secret and displayable settings of a channel from what an admin (or the environment) gave. */
function channelParts(input: CreateAlertChannelInput): { secret: ChannelSecret; settings: ChannelSettings } {
  switch (input.kind) {
    case 'email': {
      const secret: ChannelSecret = { kind: 'email', smtpUrl: input.smtpUrl }
      return { secret, settings: { target: maskedTarget(secret, { to: input.to }), from: input.from, to: input.to } }
    }
    case 'slack': {
      const secret: ChannelSecret = { kind: 'slack', webhookUrl: input.webhookUrl }
      return { secret, settings: { target: maskedTarget(secret) } }
    }
    case 'webhook': {
      const secret: ChannelSecret = { kind: 'webhook', url: input.url, secret: input.secret }
      return { secret, settings: { target: maskedTarget(secret) } }
    }
  }
}

/** The fields of each kind of channel that are sealed (and so must be re-entered after a key change). */
const SECRET_FIELDS: Record<AlertChannel['kind'], string[]> = { email: ['smtpUrl'], slack: ['webhookUrl'], webhook: ['url', 'secret'] }

class EnvironmentChannelError extends AppError {
  constructor() {
    super(409, 'conflict', 'Conflict', 'This channel is set from the environment; change it there (it can only be enabled or disabled here)')
  }
}

/** Changing any of these makes an open alert's figures mean something else. */
const CONDITION_FIELDS = ['metric', 'route', 'comparison', 'threshold', 'windowSeconds'] as const

/** The enabled channels a rule notifies: its own list, or every one but the daily report's. */
export function channelsOfRule(enabled: q.ChannelRow[], channelIds: string[] | null) {
  return channelIds ? enabled.filter((channel) => channelIds.includes(channel.id)) : enabled.filter((channel) => channel.environmentKey !== REPORT_CHANNEL_KEY)
}

export interface AlertsDeps {
  /** Counts each delivery attempt (`alert_deliveries_total`). */
  countDelivery: (channel: string, result: 'sent' | 'failed' | 'dead') => void
  db: Db
  clock: Clock
  ids: Ids
  jobs: Jobs
  secrets: SecretBox
  config: AlertsConfig
  publicUrl: string
  log: Logger
}

/** Rules, channels, alerts and their deliveries: everything but the evaluation loop (evaluator.ts). */
export function createAlertService(deps: AlertsDeps) {
  const { db, clock, ids, jobs, secrets, config, log } = deps

  async function requireRule(id: string) {
    const row = await q.findRule(db, id)
    if (!row) throw new NotFoundError('Alert rule')
    return row
  }

  async function requireChannel(id: string) {
    const row = await q.findChannel(db, id)
    if (!row) throw new NotFoundError('Alert channel')
    return row
  }

  async function checkChannelIds(channelIds: string[] | null | undefined) {
    if (!channelIds) return
    const known = new Set((await q.listChannels(db)).map((channel) => channel.id))
    const unknown = channelIds.filter((id) => !known.has(id))
    if (unknown.length > 0) throw new ValidationError(unknown.map((id) => ({ path: 'body.channelIds', message: `No channel ${id}` })))
  }

  async function channelsFor(channelIds: string[] | null) {
    return channelsOfRule(await enabledChannels(), channelIds)
  }

  /**
   * Writes delivery rows (the log and the outbox) in the caller's transaction; `dispatch` then queues
   * their jobs once that transaction has committed.
   */
  async function recordDeliveries(tx: Db, channels: q.ChannelRow[], message: Message, refs: { alertId?: string; ruleId?: string }) {
    const now = clock.now()
    return q.insertDeliveries(
      tx,
      channels.map((channel) => ({
        id: ids.next(),
        jobId: ids.next(),
        alertId: refs.alertId ?? null,
        ruleId: refs.ruleId ?? null,
        channelId: channel.id,
        kind: message.kind,
        status: 'queued',
        message,
        createdAt: now,
        updatedAt: now,
      })),
    )
  }

  /** Queues a job per delivery under the delivery's job id, so queueing it twice queues it once. */
  async function dispatch(rows: { id: string; jobId: string }[]) {
    for (const row of rows) {
      const isQueued = await jobs.send(DELIVERY_JOB, { deliveryId: row.id }, { id: row.jobId })
      if (!isQueued) {
        log.warn({ deliveries: rows.length }, 'background jobs are off (JOBS=off): alert deliveries stay queued until an instance with jobs runs')
        return
      }
    }
  }

  /**
   * Resolves an open alert in the caller's transaction: the event, and a "resolved" message to the
   * enabled channels that heard it fire. Returns the deliveries to dispatch once committed.
   */
  async function resolveInTransaction(tx: Db, alert: q.AlertRow, how: { now: Date; actor?: Actor; value?: number | null; enabledChannels: q.ChannelRow[] }) {
    const value = how.value === undefined ? alert.value : how.value
    const resolved = await q.transitionAlert(tx, alert.id, ['pending', 'firing'], { state: 'resolved', resolvedAt: how.now, resolvedBy: how.actor?.id ?? null, value })
    if (!resolved) return { resolved: undefined, deliveries: [] }
    await q.insertEvent(tx, { id: ids.next(), alertId: alert.id, kind: 'resolved', at: how.now, value, actorId: how.actor?.id ?? null })
    if (resolved.notificationCount === 0) return { resolved, deliveries: [] }
    const heard = new Set(await q.channelsNotified(tx, alert.id))
    const message = alertMessage('resolved', alertFacts(resolved), deps.publicUrl)
    if (how.actor) message.facts.push({ label: 'Resolved by', value: how.actor.name })
    const deliveries = await recordDeliveries(
      tx,
      how.enabledChannels.filter((channel) => heard.has(channel.id)),
      message,
      { alertId: alert.id, ruleId: alert.ruleId },
    )
    return { resolved, deliveries }
  }

  const enabledChannels = async () => (await q.listChannels(db)).filter((channel) => channel.isEnabled)

  const ruleRecord = (current: NonNullable<Awaited<ReturnType<typeof q.findRule>>>, expectedVersion?: number) => ({
    current: current.rule,
    expectedVersion,
    update: q.updateRule,
    reload: async (handle: Db) => (await q.findRule(handle, current.rule.id))?.rule as q.RuleRow,
    toDto: (rule: q.RuleRow) => toRule(rule, current.openState),
  })

  async function deliveriesOut(rows: q.DeliveryRow[], channels: q.ChannelRow[]) {
    const byId = new Map(channels.map((channel) => [channel.id, channel]))
    return rows.map((delivery) => {
      const channel = byId.get(delivery.channelId) as q.ChannelRow
      return toDelivery({ delivery, channelName: channel.name, channelKind: channel.kind })
    })
  }

  return {
    recordDeliveries,
    dispatch,
    resolveInTransaction,

    // ── channels ──
    async listChannels() {
      return { data: (await q.listChannels(db)).map(toChannel) }
    },

    async createChannel(input: CreateAlertChannelInput) {
      const { secret, settings } = channelParts(input)
      const now = clock.now()
      const row = await q.insertChannel(db, {
        id: ids.next(),
        kind: input.kind,
        name: input.name,
        settings,
        sealedSecret: secrets.seal(secret),
        createdAt: now,
        updatedAt: now,
      })
      return toChannel(row)
    },

    async updateChannel(id: string, patch: PatchAlertChannelInput, expectedVersion?: number) {
      const current = await requireChannel(id)
      const { name, isEnabled, ...kindFields } = patch
      const given = Object.entries(kindFields).filter(([, value]) => value !== undefined)
      if (current.environmentKey && (name !== undefined || given.length > 0)) throw new EnvironmentChannelError()
      const allowed: Record<string, string[]> = { email: ['smtpUrl', 'from', 'to'], slack: ['webhookUrl'], webhook: ['url', 'secret'] }
      const foreign = given.filter(([key]) => !allowed[current.kind]?.includes(key))
      if (foreign.length > 0) {
        throw new ValidationError(foreign.map(([key]) => ({ path: `body.${key}`, message: `Not a setting of a ${current.kind} channel` })))
      }
      const values: Partial<q.ChannelRow> = { updatedAt: clock.now() }
      if (name !== undefined) values.name = name
      if (isEnabled !== undefined) values.isEnabled = isEnabled
      if (given.length > 0) {
        const secret = openForUpdate(current, given.map(([key]) => key))
        const merged = {
          ...secret,
          ...(current.settings.from ? { from: current.settings.from } : {}),
          ...(current.settings.to ? { to: current.settings.to } : {}),
          ...Object.fromEntries(given),
          name: name ?? current.name,
        } as unknown as CreateAlertChannelInput
        const parts = channelParts(merged)
        values.settings = parts.settings
        values.sealedSecret = secrets.seal(parts.secret)
      }
      const row = await changeVersioned(
        db,
        { current, expectedVersion, update: q.updateChannel, reload: async (handle) => requireChannelFrom(handle, id), toDto: toChannel },
        values,
      )
      return toChannel(row)
    },

    async deleteChannel(id: string, expectedVersion?: number) {
      const current = await requireChannel(id)
      if (current.environmentKey) throw new EnvironmentChannelError()
      const now = clock.now()
      await changeVersioned(
        db,
        { current, expectedVersion, update: q.updateChannel, reload: async (handle) => requireChannelFrom(handle, id), toDto: toChannel },
        { deletedAt: now, updatedAt: now },
      )
    },

    /** A test message through one channel, queued like any other delivery. */
    async testChannel(id: string) {
      const channel = await requireChannel(id)
      const message = alertMessage('test', sampleFacts(clock.now()), deps.publicUrl)
      message.headline = `Test notification from Kitchen Pantry CRM to "${channel.name}"`
      const rows = await recordDeliveries(db, [channel], message, {})
      await dispatch(rows)
      return { data: await deliveriesOut(rows, [channel]) }
    },

    /** Creates, updates or retires the channels the environment describes; secrets sealed like the API's. */
    async syncEnvironmentChannels() {
      const now = clock.now()
      const environment = config.environment
      const wanted: { key: string; input: CreateAlertChannelInput }[] = []
      if (environment.email) wanted.push({ key: 'email', input: { kind: 'email', name: 'E-mail (environment)', smtpUrl: environment.email.smtpUrl, from: environment.email.from, to: [...environment.email.to] } })
      if (environment.slack) wanted.push({ key: 'slack', input: { kind: 'slack', name: 'Slack (environment)', webhookUrl: environment.slack.webhookUrl } })
      if (environment.webhook) wanted.push({ key: 'webhook', input: { kind: 'webhook', name: 'Webhook (environment)', url: environment.webhook.url, secret: environment.webhook.secret } })
      if (config.report) wanted.push({ key: REPORT_CHANNEL_KEY, input: { kind: 'email', name: 'Daily report (environment)', smtpUrl: config.report.smtpUrl, from: config.report.from, to: [...config.report.to] } })
      for (const { key, input } of wanted) {
        const { secret, settings } = channelParts(input)
        await q.upsertEnvironmentChannel(db, {
          id: ids.next(),
          kind: input.kind,
          name: input.name,
          environmentKey: key,
          settings,
          sealedSecret: secrets.seal(secret),
          createdAt: now,
          updatedAt: now,
        })
      }
      await q.retireEnvironmentChannels(db, wanted.map((item) => item.key), now)
    },

    // ── rules ──
    async listRules() {
      return { data: (await q.listRules(db)).map((row) => toRule(row.rule, row.openState)) }
    },

    async getRule(id: string) {
      const row = await requireRule(id)
      return toRule(row.rule, row.openState)
    },

    async createRule(input: CreateAlertRuleInput) {
      await checkChannelIds(input.channelIds)
      const now = clock.now()
      const [row] = await q.insertRules(db, [
        {
          id: ids.next(),
          name: input.name,
          description: input.description ?? null,
          metric: input.metric,
          route: input.route ?? null,
          windowSeconds: input.windowSeconds,
          comparison: input.comparison,
          threshold: input.threshold,
          forSeconds: input.forSeconds,
          severity: input.severity,
          repeatIntervalSeconds: input.repeatIntervalSeconds,
          channelIds: input.channelIds,
          isEnabled: input.isEnabled,
          createdAt: now,
          updatedAt: now,
        },
      ])
      return toRule(row as q.RuleRow, null)
    },

    /** Any subset of fields; a changed condition resolves the rule's open alert (it was judged by the old one). */
    async updateRule(actor: Actor, id: string, patch: PatchAlertRuleInput, expectedVersion?: number) {
      const current = await requireRule(id)
      // The route rule again, now on the rule as it will be.
      const metric = patch.metric ?? (current.rule.metric as AlertMetric)
      const route = patch.route === undefined ? current.rule.route : patch.route
      if (route && !ALERT_METRICS[metric].perRoute) throw new ValidationError([{ path: 'body.route', message: `${ALERT_METRICS[metric].label} is not measured per route` }])
      const threshold = patch.threshold ?? current.rule.threshold
      if (ALERT_METRICS[metric].unit === 'ratio' && (threshold < 0 || threshold > 1)) {
        throw new ValidationError([{ path: 'body.threshold', message: 'A ratio threshold is between 0 and 1 (0.05 = 5 %)' }])
      }
      const windowSeconds = patch.windowSeconds ?? current.rule.windowSeconds
      if (windowSeconds > ALERT_METRICS[metric].maxWindowSeconds) {
        throw new ValidationError([{ path: 'body.windowSeconds', message: `${ALERT_METRICS[metric].label} is kept for ${ALERT_METRICS[metric].maxWindowSeconds} s at most` }])
      }
      await checkChannelIds(patch.channelIds)
      const values: Partial<q.RuleRow> = { updatedAt: clock.now() }
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) (values as Record<string, unknown>)[key] = value
      const isConditionChanged = CONDITION_FIELDS.some((key) => patch[key] !== undefined && patch[key] !== current.rule[key])
      const channels = await enabledChannels()
      const { row, deliveries } = await inTransaction(db, async (tx) => {
        const row = await changeVersioned(tx, ruleRecord(current, expectedVersion), values)
        const open = isConditionChanged ? await q.findOpenAlert(tx, id) : undefined
        const closed = open ? await resolveInTransaction(tx, open, { now: clock.now(), actor, enabledChannels: channels }) : undefined
        return { row, deliveries: closed?.deliveries ?? [] }
      })
      await dispatch(deliveries)
      return toRule(row, isConditionChanged ? null : current.openState)
    },

    /** Soft delete; an open alert of the rule is resolved (it can no longer be judged). */
    async deleteRule(actor: Actor, id: string, expectedVersion?: number) {
      const current = await requireRule(id)
      const now = clock.now()
      const channels = await enabledChannels()
      const deliveries = await inTransaction(db, async (tx) => {
        await changeVersioned(tx, ruleRecord(current, expectedVersion), { deletedAt: now, updatedAt: now, isEnabled: false })
        const open = await q.findOpenAlert(tx, id)
        return open ? (await resolveInTransaction(tx, open, { now, actor, enabledChannels: channels })).deliveries : []
      })
      await dispatch(deliveries)
    },

    /** A test notification to each of the rule's channels now, with the rule's figures. */
    async testRule(id: string) {
      const { rule } = await requireRule(id)
      const channels = await channelsFor(rule.channelIds ?? null)
      const now = clock.now()
      const facts: AlertFacts = {
        ...sampleFacts(now),
        ruleId: rule.id,
        ruleName: rule.name,
        metric: rule.metric as AlertMetric,
        route: rule.route,
        severity: rule.severity as AlertFacts['severity'],
        comparison: rule.comparison as AlertFacts['comparison'],
        threshold: rule.threshold,
        windowSeconds: rule.windowSeconds,
        value: rule.lastValue,
        peakValue: null,
      }
      const rows = await recordDeliveries(db, channels, alertMessage('test', facts, deps.publicUrl), { ruleId: rule.id })
      await dispatch(rows)
      return { data: await deliveriesOut(rows, channels) }
    },

    // ── alerts ──
    async listAlerts(query: ListAlertsQuery) {
      const rows = await q.listAlerts(db, query)
      const page = toPage(
        rows.map((row) => ({ ...row, id: row.alert.id })),
        query.limit,
        { field: 'startedAt', direction: 'desc' },
        (row) => row.alert.startedAt,
      )
      return { data: page.rows.map(toAlert), nextCursor: page.nextCursor }
    },

    async getAlert(id: string) {
      const row = await q.findAlert(db, id)
      if (!row) throw new NotFoundError('Alert')
      const events = await q.listEvents(db, { alertId: id, limit: 200 })
      const deliveries = await q.listDeliveries(db, { alertId: id, limit: 200 })
      return { ...toAlert(row), events: events.slice(0, 200).map(toEvent), deliveries: deliveries.slice(0, 200).map(toDelivery) }
    },

    /** Only a firing alert: a pending one may still vanish, and time to acknowledge counts from firing. */
    async acknowledge(actor: Actor, id: string) {
      const row = await q.findAlert(db, id)
      if (!row) throw new NotFoundError('Alert')
      if (row.alert.state === 'resolved') throw new DuplicateError('This alert is already resolved')
      if (row.alert.state === 'pending') throw new DuplicateError('This alert has not fired yet; it can be acknowledged once it fires')
      if (!row.alert.acknowledgedAt) {
        const now = clock.now()
        await inTransaction(db, async (tx) => {
          const changed = await q.transitionAlert(tx, id, ['firing'], { acknowledgedAt: now, acknowledgedBy: actor.id })
          if (!changed) throw new DuplicateError('This alert was resolved meanwhile')
          await q.insertEvent(tx, { id: ids.next(), alertId: id, kind: 'acknowledged', at: now, value: changed.value, actorId: actor.id })
        })
      }
      return toAlert((await q.findAlert(db, id)) as q.AlertWithActors)
    },

    /**
     * Resolved by hand; the channels that heard it fire hear it resolved. The rule stays quiet until its
     * condition has cleared once, so a condition that still holds does not page again at once.
     */
    async resolve(actor: Actor, id: string) {
      const row = await q.findAlert(db, id)
      if (!row) throw new NotFoundError('Alert')
      const channels = await enabledChannels()
      const deliveries = await inTransaction(db, async (tx) => {
        const { resolved, deliveries } = await resolveInTransaction(tx, row.alert, { now: clock.now(), actor, enabledChannels: channels })
        if (!resolved) throw new DuplicateError('This alert is already resolved')
        await q.setQuietUntilClear(tx, row.alert.ruleId, true)
        return deliveries
      })
      await dispatch(deliveries)
      return toAlert((await q.findAlert(db, id)) as q.AlertWithActors)
    },

    async history(query: AlertHistoryQuery) {
      const rows = await q.listEvents(db, query)
      const page = toPage(rows, query.limit, { field: 'at', direction: 'desc' }, (row) => row.at)
      return { data: page.rows.map(toEvent), nextCursor: page.nextCursor }
    },

    async stats(window: AlertStatsWindow) {
      const since = new Date(clock.now().getTime() - ALERT_STATS_WINDOWS[window])
      const stats = await q.alertStats(db, since)
      const round = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value))
      return {
        window,
        fired: stats.totals?.fired ?? 0,
        open: stats.open,
        byMetric: stats.byMetric.map((row) => ({ metric: row.key as AlertMetric, count: row.count })),
        bySeverity: stats.bySeverity.map((row) => ({ severity: row.key as Alert['severity'], count: row.count })),
        meanTimeToAcknowledgeSeconds: round(stats.totals?.mtta),
        meanTimeToResolveSeconds: round(stats.totals?.mttr),
      }
    },

    // ── deliveries ──
    async listDeliveries(query: ListDeliveriesQuery) {
      const rows = await q.listDeliveries(db, query)
      const page = toPage(
        rows.map((row) => ({ ...row, id: row.delivery.id })),
        query.limit,
        { field: 'createdAt', direction: 'desc' },
        (row) => row.delivery.createdAt,
      )
      return { data: page.rows.map(toDelivery), nextCursor: page.nextCursor }
    },

    /** A dead letter queued again under a new job, with a fresh set of retries. */
    async resend(id: string) {
      const row = await q.findDelivery(db, id)
      if (!row) throw new NotFoundError('Delivery')
      if (row.delivery.status !== 'dead') throw new DuplicateError(`Only dead deliveries can be re-sent; this one is ${row.delivery.status}`)
      const updated = (await q.updateDelivery(db, id, { status: 'queued', jobId: ids.next(), updatedAt: clock.now() })) as q.DeliveryRow
      await dispatch([updated])
      return toDelivery({ delivery: updated, channelName: row.channelName, channelKind: row.channelKind })
    },

    /**
     * One attempt at one delivery (the job handler). Throws when the channel fails, so pg-boss retries
     * with backoff; after the last retry the job moves to the dead-letter queue (markDead).
     */
    async deliver(deliveryId: string) {
      const row = await q.findDelivery(db, deliveryId)
      if (!row || row.delivery.status === 'sent') return
      const { channel, delivery } = row
      const now = clock.now()
      if (channel.deletedAt || !channel.isEnabled) {
        await q.updateDelivery(db, deliveryId, { status: 'dead', lastError: `channel ${channel.deletedAt ? 'deleted' : 'disabled'}`, updatedAt: now })
        return
      }
      let secret: ChannelSecret | undefined
      try {
        secret = secrets.open<ChannelSecret>(channel.sealedSecret)
        await sendThroughChannel(channel.kind as AlertChannel['kind'], secret, channel.settings, delivery.message as Message, now)
      } catch (error) {
        const message = secret ? redactedError(error, secret) : error instanceof Error ? error.message.slice(0, 500) : 'unreadable secret'
        await q.updateDelivery(db, deliveryId, { status: 'retrying', attempts: delivery.attempts + 1, lastError: message, updatedAt: clock.now() }, 'sent')
        deps.countDelivery(channel.kind, 'failed')
        log.warn({ deliveryId, channel: channel.name, kind: channel.kind, attempt: delivery.attempts + 1, error: message }, 'alert delivery failed; will retry')
        throw new Error(`delivery ${deliveryId} failed: ${message}`)
      }
      await q.updateDelivery(db, deliveryId, { status: 'sent', attempts: delivery.attempts + 1, sentAt: clock.now(), updatedAt: clock.now() })
      deps.countDelivery(channel.kind, 'sent')
      log.info({ deliveryId, channel: channel.name, kind: delivery.kind }, 'alert delivered')
    },

    /** Retries spent: the delivery stays in the log as a dead letter an admin can re-send. */
    async markDead(deliveryId: string) {
      const row = await q.updateDelivery(db, deliveryId, { status: 'dead', updatedAt: clock.now() }, 'sent')
      if (!row) return
      log.error({ deliveryId, error: row.lastError }, 'alert delivery gave up after its retries')
      const channel = await q.findChannel(db, row.channelId)
      deps.countDelivery(channel?.kind ?? 'unknown', 'dead')
    },

    /** Creates the shipped rules that were never created (a deleted one stays deleted). */
    async ensureDefaultRules() {
      const now = clock.now()
      await q.insertRules(db, DEFAULT_RULES.map((rule) => ({ ...rule, id: ids.next(), channelIds: null, createdAt: now, updatedAt: now })))
    },

    /** Queues the daily report to its channel (REPORT_EMAIL_TO). */
    async queueReport(build: () => Promise<Message>) {
      const channel = (await q.listChannels(db)).find((row) => row.environmentKey === REPORT_CHANNEL_KEY)
      if (!channel) throw new DuplicateError('No daily report is set up: set REPORT_EMAIL_TO and SMTP_URL')
      if (!channel.isEnabled) throw new DuplicateError('The daily report channel is disabled')
      const rows = await recordDeliveries(db, [channel], await build(), {})
      await dispatch(rows)
      return { data: await deliveriesOut(rows, [channel]) }
    },

    /**
     * Deliveries still queued a minute on (a crash between commit and queueing, or a failed queueing) are
     * queued again under their job id: one whose job is waiting is not queued twice.
     */
    async requeueStale() {
      const stale = await q.staleQueuedDeliveries(db, new Date(clock.now().getTime() - 60_000))
      await dispatch(stale)
      return stale.length
    },
  }

  /**
   * The stored credentials to merge a change into. When they can no longer be opened (the key was
   * rotated), every credential of the kind must come in the change: a 400 names the missing ones.
   */
  function openForUpdate(channel: q.ChannelRow, givenKeys: string[]): Partial<ChannelSecret> {
    try {
      return secrets.open<ChannelSecret>(channel.sealedSecret)
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error
      const needed = SECRET_FIELDS[channel.kind as AlertChannel['kind']].filter((key) => !givenKeys.includes(key))
      if (needed.length > 0) {
        throw new ValidationError(needed.map((key) => ({ path: `body.${key}`, message: 'The stored value cannot be read any more (the secrets key changed): enter it again' })))
      }
      return { kind: channel.kind } as Partial<ChannelSecret>
    }
  }

  async function requireChannelFrom(handle: Db, id: string) {
    const row = await q.findChannel(handle, id)
    if (!row) throw new NotFoundError('Alert channel')
    return row
  }
}

/** Figures for a test message: plainly marked as a test. */
function sampleFacts(now: Date): AlertFacts {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    ruleId: '00000000-0000-4000-8000-000000000000',
    ruleName: 'Test notification',
    metric: 'latencyP95',
    route: null,
    severity: 'low',
    comparison: '>',
    threshold: 2000,
    windowSeconds: 300,
    value: null,
    peakValue: null,
    startedAt: now,
    firedAt: null,
    resolvedAt: null,
  }
}

export type AlertService = ReturnType<typeof createAlertService>
