import type { Logger } from 'pino'
import type { AlertComparison, AlertMetric } from '../../../shared/schemas/alerts.js'
import { inTransaction } from '../../platform/db/query.js'
import type { LeaderLease } from '../../platform/db/leader-lease.js'
import type { Database } from '../../platform/db/types.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import type { MetricReader } from './metrics.js'
import { alertMessage } from './messages.js'
import * as q from './queries.js'
import { alertFacts, type AlertService, channelsOfRule } from './service.js'

// Any constant works; it only has to be the same for every instance sharing the database.
const EVALUATION_LOCK_ID = 724_031_008

export function breaches(value: number, comparison: AlertComparison, threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold
    case '>=':
      return value >= threshold
    case '<':
      return value < threshold
    case '<=':
      return value <= threshold
  }
}

/** The worse of two figures for a rule: higher for "above" rules, lower for "below" ones. */
function worse(comparison: AlertComparison, a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return comparison.startsWith('>') ? Math.max(a, b) : Math.min(a, b)
}

export interface EvaluationResult {
  status: 'evaluated' | 'not-leader' | 'busy'
  rules: number
  /** Deliveries queued by this evaluation. */
  queued: number
}

/**
 * The alert loop. One instance evaluates: on PostgreSQL the one holding a session advisory lock on a
 * connection of its own, checked every tick (when it dies the lock goes with its connection and another
 * instance takes over at its next tick). Every evaluation also runs in a transaction under a second lock
 * with conditional state changes, so a hand-over cannot fire or resolve an alert twice. Rule states live
 * in the database, so whoever evaluates continues the story. Sending is at least once: a crash after a
 * channel accepted a message but before it was marked sent sends it again.
 */
export function createAlertEvaluator(deps: {
  database: Database
  /** Held by the one instance that evaluates (released when the platform closes). */
  lease: LeaderLease
  clock: Clock
  ids: Ids
  read: MetricReader
  alerts: AlertService
  log: Logger
  publicUrl: string
  intervalSeconds: number
}) {
  const { database, clock, ids, alerts, log } = deps
  const readMetric = deps.read
  const db = database.db
  let timer: NodeJS.Timeout | undefined
  let running: Promise<EvaluationResult> | undefined
  let isStopped = false

  async function evaluateNow(): Promise<EvaluationResult> {
    if (!(await deps.lease.isHeld())) return { status: 'not-leader', rules: 0, queued: 0 }
    const now = clock.now()
    const read = (await q.listRules(db, true)).map((row) => row.rule)
    const values = new Map<string, number | null>()
    for (const rule of read) {
      try {
        values.set(rule.id, await readMetric({ metric: rule.metric as AlertMetric, route: rule.route, windowSeconds: rule.windowSeconds }))
      } catch (error) {
        log.warn({ err: error, rule: rule.name }, 'could not read the figure of an alert rule')
      }
    }
    // Read before the transaction: an embedded database has one connection, which the transaction holds.
    const channels = (await q.listChannels(db)).filter((channel) => channel.isEnabled)

    const queued: { id: string; jobId: string }[] = []
    const evaluated = await inTransaction(db, async (tx) => {
      if (!(await q.tryEvaluationLock(tx, EVALUATION_LOCK_ID))) return false
      // The rules as they are now, under the lock: one deleted, disabled or re-pointed meanwhile is skipped.
      const rules = (await q.listRules(tx, true)).map((row) => row.rule)
      const open = new Map((await q.findOpenAlerts(tx)).map((alert) => [alert.ruleId, alert]))

      const notify = async (kind: 'firing' | 'repeat', alert: q.AlertRow, channelIds: string[] | null) => {
        const targets = channelsOfRule(channels, channelIds)
        const rows = await alerts.recordDeliveries(tx, targets, alertMessage(kind, alertFacts(alert), deps.publicUrl), { alertId: alert.id, ruleId: alert.ruleId })
        queued.push(...rows)
        if (targets.length > 0) await q.transitionAlert(tx, alert.id, [alert.state], { lastNotifiedAt: now, notificationCount: alert.notificationCount + 1 })
      }
      const resolve = async (alert: q.AlertRow, value: number | null) => {
        const { deliveries } = await alerts.resolveInTransaction(tx, alert, { now, value, enabledChannels: channels })
        queued.push(...deliveries)
      }
      const event = (alert: q.AlertRow, kind: string, value: number | null) => q.insertEvent(tx, { id: ids.next(), alertId: alert.id, kind, at: now, value })

      for (const rule of rules) {
        const before = read.find((item) => item.id === rule.id)
        if (!before || !values.has(rule.id) || before.metric !== rule.metric || before.route !== rule.route || before.windowSeconds !== rule.windowSeconds) continue
        open.delete(rule.id)
        const value = values.get(rule.id) ?? null
        await q.recordEvaluation(tx, rule.id, value, now)
        const comparison = rule.comparison as AlertComparison
        const isBreaching = value !== null && breaches(value, comparison, rule.threshold)
        const alert = (await q.findOpenAlert(tx, rule.id)) ?? undefined
        const channelIds = rule.channelIds ?? null

        if (!isBreaching && rule.isQuietUntilClear) await q.setQuietUntilClear(tx, rule.id, false)

        if (isBreaching && !alert) {
          // Resolved by hand while it still held: wait for it to clear before a new alert.
          if (rule.isQuietUntilClear) continue
          const firesNow = rule.forSeconds === 0
          const created = await q.insertAlert(tx, {
            id: ids.next(),
            ruleId: rule.id,
            ruleName: rule.name,
            metric: rule.metric,
            route: rule.route,
            severity: rule.severity,
            comparison: rule.comparison,
            threshold: rule.threshold,
            windowSeconds: rule.windowSeconds,
            state: firesNow ? 'firing' : 'pending',
            value,
            peakValue: value,
            startedAt: now,
            firedAt: firesNow ? now : null,
          })
          if (!created) continue
          await event(created, 'pending', value)
          if (firesNow) {
            await event(created, 'fired', value)
            await notify('firing', created, channelIds)
          }
        } else if (isBreaching && alert) {
          const peakValue = worse(comparison, alert.peakValue, value)
          const heldFor = now.getTime() - alert.startedAt.getTime()
          if (alert.state === 'pending' && heldFor >= rule.forSeconds * 1000) {
            const fired = await q.transitionAlert(tx, alert.id, ['pending'], { state: 'firing', firedAt: now, value, peakValue, clearSince: null })
            if (!fired) continue
            await event(fired, 'fired', value)
            await notify('firing', fired, channelIds)
          } else {
            const updated = await q.transitionAlert(tx, alert.id, [alert.state], { value, peakValue, clearSince: null })
            // Never notified (it fired with no channel) counts as due, so channels added later hear of it.
            const isRepeatDue =
              updated?.state === 'firing' &&
              !updated.acknowledgedAt &&
              rule.repeatIntervalSeconds > 0 &&
              (updated.lastNotifiedAt === null || now.getTime() - updated.lastNotifiedAt.getTime() >= rule.repeatIntervalSeconds * 1000)
            if (updated && isRepeatDue && channelsOfRule(channels, channelIds).length > 0) {
              await event(updated, 'repeated', value)
              await notify('repeat', updated, channelIds)
            }
          }
        } else if (alert) {
          // A pending alert whose condition stopped before its `for` never was one.
          if (alert.state === 'pending') {
            await q.deleteAlert(tx, alert.id)
            continue
          }
          // The figure as it is now (null: too little traffic to judge), never the old breaching one.
          const clearSince = alert.clearSince ?? now
          if (now.getTime() - clearSince.getTime() >= rule.windowSeconds * 1000) await resolve(alert, value)
          else await q.transitionAlert(tx, alert.id, ['firing'], { value, clearSince })
        }
      }

      // Open alerts of rules now disabled or deleted can no longer be judged: they resolve, and say so.
      for (const alert of open.values()) {
        if (!rules.some((rule) => rule.id === alert.ruleId)) await resolve(alert, alert.value)
      }
      return true
    })
    if (!evaluated) return { status: 'busy', rules: read.length, queued: 0 }
    await alerts.dispatch(queued)
    await alerts.requeueStale()
    return { status: 'evaluated', rules: read.length, queued: queued.length }
  }

  return {
    /** One evaluation now (the timer's work; tests call it directly). Overlapping calls share one run. */
    evaluate(): Promise<EvaluationResult> {
      running ??= evaluateNow().finally(() => {
        running = undefined
      })
      return running
    },

    start() {
      if (deps.intervalSeconds <= 0 || timer) return
      timer = setInterval(() => {
        if (isStopped) return
        this.evaluate().catch((error: unknown) => log.warn({ err: error }, 'alert evaluation failed; will try again'))
      }, deps.intervalSeconds * 1000)
      timer.unref()
    },

    async stop() {
      isStopped = true
      clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>
