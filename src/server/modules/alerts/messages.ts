import { ALERT_METRICS, type AlertComparison, type AlertMetric, type AlertSeverity } from '../../../shared/schemas/alerts.js'

/**
 * What a notification says, fixed when it is queued (so every retry sends the same thing) and rendered
 * per channel when sent: e-mail (HTML + text), Slack Block Kit, or JSON for webhooks.
 */
export interface Message {
  kind: 'firing' | 'repeat' | 'resolved' | 'test' | 'report'
  subject: string
  headline: string
  severity: AlertSeverity | null
  facts: { label: string; value: string }[]
  tables: { title: string; columns: string[]; rows: string[][] }[]
  link: { label: string; url: string }
  /** Machine-readable body for webhooks. */
  data: Record<string, unknown>
}

export function formatValue(metric: AlertMetric, value: number | null): string {
  if (value === null) return 'too little traffic to judge'
  const unit = ALERT_METRICS[metric].unit
  if (unit === 'ratio') return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)} %`
  if (unit === 'ms') return `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)} ms`
  if (unit === 'req/s') return `${value.toFixed(1)} req/s`
  return Math.round(value).toLocaleString('en-US')
}

export function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}

export interface AlertFacts {
  id: string
  ruleId: string
  ruleName: string
  metric: AlertMetric
  route: string | null
  severity: AlertSeverity
  comparison: AlertComparison
  threshold: number
  windowSeconds: number
  value: number | null
  peakValue: number | null
  startedAt: Date
  firedAt: Date | null
  resolvedAt: Date | null
}

export function alertMessage(kind: 'firing' | 'repeat' | 'resolved' | 'test', alert: AlertFacts, publicUrl: string): Message {
  const metric = ALERT_METRICS[alert.metric]
  const subjectOf = `${metric.label}${alert.route ? ` of ${alert.route}` : ''}`
  const condition = `${formatValue(alert.metric, alert.value)} ${alert.comparison} ${formatValue(alert.metric, alert.threshold)}`
  const tag = `[${alert.severity.toUpperCase()}]`
  const headline =
    kind === 'resolved'
      ? `Resolved: ${alert.ruleName}`
      : kind === 'test'
        ? `Test notification: ${alert.ruleName}`
        : `${kind === 'repeat' ? 'Still firing' : 'Firing'}: ${alert.ruleName}`
  const subject =
    kind === 'resolved'
      ? `${tag} Resolved: ${alert.ruleName} (${subjectOf} ${alert.value === null ? 'had too little traffic to judge' : `back to ${formatValue(alert.metric, alert.value)}`} for ${formatWindow(alert.windowSeconds)})`
      : `${tag} ${kind === 'test' ? 'Test — ' : ''}${alert.ruleName}: ${subjectOf} ${condition}`
  const query = alert.route ? `?route=${encodeURIComponent(alert.route)}` : ''
  const facts = [
    { label: 'Rule', value: alert.ruleName },
    { label: 'Metric', value: subjectOf },
    { label: kind === 'resolved' ? 'Now' : 'Value', value: formatValue(alert.metric, alert.value) },
    { label: 'Threshold', value: `${alert.comparison} ${formatValue(alert.metric, alert.threshold)} over ${formatWindow(alert.windowSeconds)}` },
    { label: 'Severity', value: alert.severity },
    { label: 'Started', value: alert.startedAt.toISOString() },
  ]
  if (alert.peakValue !== null && alert.peakValue !== alert.value) facts.push({ label: 'Worst', value: formatValue(alert.metric, alert.peakValue) })
  if (alert.resolvedAt) facts.push({ label: 'Resolved', value: alert.resolvedAt.toISOString() })
  return {
    kind,
    subject,
    headline,
    severity: alert.severity,
    facts,
    tables: [],
    link: { label: 'Open the Performance page', url: `${publicUrl}/performance${query}` },
    data: {
      alert: {
        id: alert.id,
        ruleId: alert.ruleId,
        ruleName: alert.ruleName,
        metric: alert.metric,
        route: alert.route,
        severity: alert.severity,
        comparison: alert.comparison,
        threshold: alert.threshold,
        windowSeconds: alert.windowSeconds,
        value: alert.value,
        peakValue: alert.peakValue,
        startedAt: alert.startedAt.toISOString(),
        firedAt: alert.firedAt?.toISOString() ?? null,
        resolvedAt: alert.resolvedAt?.toISOString() ?? null,
      },
    },
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}

const SEVERITY_COLOURS: Record<AlertSeverity, string> = { low: '#475569', medium: '#b45309', high: '#c2410c', critical: '#b91c1c' }

/** E-mail: every interpolated value escaped; inline styles only (mail clients drop style sheets). */
export function renderEmail(message: Message): { subject: string; html: string; text: string } {
  const colour = message.severity ? SEVERITY_COLOURS[message.severity] : '#0f766e'
  const cell = 'padding:4px 12px 4px 0;vertical-align:top;'
  const facts = message.facts
    .map((fact) => `<tr><th align="left" style="${cell}color:#475569;font-weight:600">${escapeHtml(fact.label)}</th><td style="${cell}">${escapeHtml(fact.value)}</td></tr>`)
    .join('')
  const tables = message.tables
    .map(
      (table) =>
        `<h3 style="font-size:15px;margin:20px 0 6px">${escapeHtml(table.title)}</h3>` +
        (table.rows.length === 0
          ? '<p style="color:#475569;margin:0">None.</p>'
          : `<table style="border-collapse:collapse;font-size:13px"><tr>${table.columns.map((column) => `<th align="left" style="${cell}border-bottom:1px solid #cbd5e1">${escapeHtml(column)}</th>`).join('')}</tr>` +
            table.rows.map((row) => `<tr>${row.map((value) => `<td style="${cell}">${escapeHtml(value)}</td>`).join('')}</tr>`).join('') +
            '</table>'),
    )
    .join('')
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;font-size:14px">
<h2 style="font-size:18px;margin:0 0 12px;color:${colour}">${escapeHtml(message.headline)}</h2>
<table style="border-collapse:collapse">${facts}</table>${tables}
<p style="margin-top:20px"><a href="${escapeHtml(message.link.url)}" style="color:#0f766e">${escapeHtml(message.link.label)}</a></p>
<p style="color:#64748b;font-size:12px">Kitchen Pantry CRM alerting</p>
</body></html>`
  const text = [
    message.headline,
    '',
    ...message.facts.map((fact) => `${fact.label}: ${fact.value}`),
    ...message.tables.flatMap((table) => ['', `${table.title}:`, ...(table.rows.length === 0 ? ['  none'] : table.rows.map((row) => `  ${row.join(' · ')}`))]),
    '',
    `${message.link.label}: ${message.link.url}`,
  ].join('\n')
  return { subject: message.subject, html, text }
}

/** Slack's mrkdwn treats &, < and > as markup; everything else shows as typed. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A Block Kit message for an incoming webhook. */
export function renderSlack(message: Message): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: message.headline.slice(0, 150), emoji: false } },
    {
      type: 'section',
      fields: message.facts.slice(0, 10).map((fact) => ({ type: 'mrkdwn', text: `*${slackEscape(fact.label)}*\n${slackEscape(fact.value).slice(0, 1900)}` })),
    },
  ]
  for (const table of message.tables) {
    const lines = table.rows.length === 0 ? ['none'] : table.rows.slice(0, 10).map((row) => row.map(slackEscape).join(' · '))
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(table.title)}*\n${lines.join('\n')}`.slice(0, 2900) } })
  }
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: message.link.label.slice(0, 75) }, url: message.link.url }],
  })
  return { text: message.subject.slice(0, 3000), blocks }
}

export function renderWebhook(message: Message, sentAt: Date): Record<string, unknown> {
  return {
    type: message.kind,
    sentAt: sentAt.toISOString(),
    subject: message.subject,
    severity: message.severity,
    link: message.link.url,
    ...message.data,
  }
}
