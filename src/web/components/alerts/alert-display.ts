// How alerting reads everywhere it appears: labels and badge colours for severities, states and
// statuses, and figures formatted by the unit their metric is measured in.
import {
  type ALERT_EVENT_KINDS,
  ALERT_METRICS,
  type AlertComparison,
  type AlertMetric,
  type AlertSeverity,
  type AlertState,
  type ChannelKind,
  type DELIVERY_KINDS,
  type DeliveryStatus,
} from '../../../shared/schemas/alerts.js'
import { formatDecimal, formatMs, formatPercent, formatPerSecond } from '../../composables/format.js'

type Display = { label: string; badge: string }

export const SEVERITY_DISPLAY: Record<AlertSeverity, Display> = {
  low: { label: 'Low', badge: 'bg-slate-100 text-slate-800 ring-slate-300' },
  medium: { label: 'Medium', badge: 'bg-amber-50 text-amber-900 ring-amber-300' },
  high: { label: 'High', badge: 'bg-orange-100 text-orange-900 ring-orange-300' },
  critical: { label: 'Critical', badge: 'bg-red-700 text-white ring-red-700' },
}

export const ALERT_STATE_DISPLAY: Record<AlertState, Display> = {
  pending: { label: 'Pending', badge: 'bg-amber-50 text-amber-900 ring-amber-300' },
  firing: { label: 'Firing', badge: 'bg-red-50 text-red-800 ring-red-200' },
  resolved: { label: 'Resolved', badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
}

export const RULE_STATUS_DISPLAY: Record<'ok' | AlertState, Display> = {
  ok: { label: 'OK', badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  pending: ALERT_STATE_DISPLAY.pending,
  firing: ALERT_STATE_DISPLAY.firing,
  resolved: ALERT_STATE_DISPLAY.resolved,
}

export const DELIVERY_STATUS_DISPLAY: Record<DeliveryStatus, Display> = {
  queued: { label: 'Queued', badge: 'bg-slate-100 text-slate-800 ring-slate-300' },
  sent: { label: 'Sent', badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  retrying: { label: 'Retrying', badge: 'bg-amber-50 text-amber-900 ring-amber-300' },
  dead: { label: 'Dead letter', badge: 'bg-red-50 text-red-800 ring-red-200' },
}

export const DELIVERY_KIND_LABEL: Record<(typeof DELIVERY_KINDS)[number], string> = {
  firing: 'Alert fired',
  repeat: 'Reminder',
  resolved: 'Alert resolved',
  test: 'Test',
  report: 'Report',
}

export const EVENT_KIND_DISPLAY: Record<(typeof ALERT_EVENT_KINDS)[number], Display> = {
  pending: { label: 'Pending', badge: 'bg-amber-50 text-amber-900 ring-amber-300' },
  fired: { label: 'Fired', badge: 'bg-red-50 text-red-800 ring-red-200' },
  repeated: { label: 'Notified again', badge: 'bg-orange-50 text-orange-900 ring-orange-200' },
  acknowledged: { label: 'Acknowledged', badge: 'bg-sky-50 text-sky-900 ring-sky-200' },
  resolved: { label: 'Resolved', badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
}

export const CHANNEL_KIND_DISPLAY: Record<ChannelKind, { label: string; icon: 'mail' | 'chat' | 'link' }> = {
  email: { label: 'E-mail', icon: 'mail' },
  slack: { label: 'Slack', icon: 'chat' },
  webhook: { label: 'Webhook', icon: 'link' },
}

export const COMPARISON_LABEL: Record<AlertComparison, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' }

/** "p95 latency (ms)" — a metric as a choice in a list. */
export function metricOptionLabel(metric: AlertMetric): string {
  const { label, unit } = ALERT_METRICS[metric]
  return `${label} (${unit === 'ratio' ? '%' : unit})`
}

/**
 * A metric's figure in its unit: "1,250 ms", "4.5 ms", "5.2%", "0.35%", "12.5 req/s", "3". Small
 * figures keep a decimal so 0.4 % never reads as 0 %; null (too little traffic to judge) is "—".
 */
export function formatMetricValue(metric: AlertMetric, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—'
  switch (ALERT_METRICS[metric].unit) {
    case 'ms':
      return formatMs(value)
    case 'ratio':
      return formatPercent(value)
    case 'req/s':
      return formatPerSecond(value)
    case 'count':
      return formatDecimal(value)
  }
}

/** A rule's condition: "> 800 ms", "≥ 5%". */
export function formatCondition(metric: AlertMetric, comparison: AlertComparison, threshold: number): string {
  return `${COMPARISON_LABEL[comparison]} ${formatMetricValue(metric, threshold)}`
}

/** A span of seconds the way people say it: "30 s", "5 min", "1 h 30 min", "2 d". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds)
  if (seconds < 60) return `${seconds} s`
  const parts: string[] = []
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (days) parts.push(`${days} d`)
  if (hours) parts.push(`${hours} h`)
  if (minutes) parts.push(`${minutes} min`)
  // Seconds only matter next to minutes ("1 min 30 s"), not next to hours or days.
  if (rest && !days && !hours) parts.push(`${rest} s`)
  return parts.slice(0, 2).join(' ')
}

/**
 * Ratio metrics are stored 0–1 but typed and shown as a percentage. Rounded so that 0.143 shows as
 * 14.3 (not 14.299999999999999) and 14.3 is sent as 0.143.
 */
export function ratioToPercent(ratio: number): number {
  return Number((ratio * 100).toFixed(8))
}
export function percentToRatio(percentValue: number): number {
  return Number((percentValue / 100).toFixed(10))
}
