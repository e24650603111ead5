// The rule form's fields as typed (text, percentages) and back as the API reads them.
import { ALERT_METRICS, type AlertMetric, type CreateAlertRuleInput, type PatchAlertRuleInput } from '../../../shared/schemas/alerts.js'
import type { AlertRule } from '../../api/types.js'
import { percentToRatio, ratioToPercent } from './alert-display.js'

export const isRatioMetric = (metric: AlertMetric) => ALERT_METRICS[metric].unit === 'ratio'

/** What a number field holds: a number once typed (inputs of type number), '' when empty. */
export type NumberInput = number | string

/** A number field's value; NaN when empty or not a number, so the schema rejects it. */
export function toNumber(value: NumberInput): number {
  if (typeof value === 'number') return value
  return value.trim() === '' ? Number.NaN : Number(value)
}

/** The threshold as the form shows it: ratios as a percentage (0.05 → 5). */
export function thresholdToInput(metric: AlertMetric, threshold: number): number {
  return isRatioMetric(metric) ? ratioToPercent(threshold) : threshold
}

/** The threshold as the API takes it: a percentage typed for a ratio metric becomes 0–1 (5 → 0.05). */
export function thresholdFromInput(metric: AlertMetric, value: NumberInput): number {
  const typed = toNumber(value)
  return isRatioMetric(metric) && Number.isFinite(typed) ? percentToRatio(typed) : typed
}

const sameIds = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) => {
  if (a == null || b == null) return (a ?? null) === (b ?? null)
  return a.length === b.length && [...a].sort().join() === [...b].sort().join()
}

/** The fields of a checked rule that differ from the saved one; undefined when nothing changed. */
export function ruleChanges(rule: AlertRule, next: CreateAlertRuleInput): PatchAlertRuleInput | undefined {
  const patch: PatchAlertRuleInput = {}
  if (next.name !== rule.name) patch.name = next.name
  if ((next.description ?? null) !== rule.description) patch.description = next.description ?? null
  if (next.metric !== rule.metric) patch.metric = next.metric
  if ((next.route ?? null) !== rule.route) patch.route = next.route ?? null
  if (next.windowSeconds !== rule.windowSeconds) patch.windowSeconds = next.windowSeconds
  if (next.comparison !== rule.comparison) patch.comparison = next.comparison
  if (next.threshold !== rule.threshold) patch.threshold = next.threshold
  if (next.forSeconds !== rule.forSeconds) patch.forSeconds = next.forSeconds
  if (next.severity !== rule.severity) patch.severity = next.severity
  if (next.repeatIntervalSeconds !== rule.repeatIntervalSeconds) patch.repeatIntervalSeconds = next.repeatIntervalSeconds
  if (!sameIds(next.channelIds, rule.channelIds)) patch.channelIds = next.channelIds
  if (next.isEnabled !== rule.isEnabled) patch.isEnabled = next.isEnabled
  return Object.keys(patch).length > 0 ? patch : undefined
}
