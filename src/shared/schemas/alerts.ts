import { z } from 'zod'
import { cursorSchema, enumList, idSchema, limitSchema, nonEmptyPatch, requiredText, timestampSchema } from './common.js'
import { LIMITS } from './enums.js'

const HOUR = 3600
const DAY = 86_400
/**
 * What a rule can watch; `unit` says how its value and threshold read. `maxWindowSeconds`: figures kept
 * only in the evaluating instance's memory (an hour of 10 s buckets) cannot be judged over longer.
 */
export const ALERT_METRICS = {
  latencyP95: { label: 'p95 latency', unit: 'ms', perRoute: true, maxWindowSeconds: DAY },
  latencyP99: { label: 'p99 latency', unit: 'ms', perRoute: true, maxWindowSeconds: DAY },
  errorRate: { label: 'Error rate (5xx share)', unit: 'ratio', perRoute: true, maxWindowSeconds: DAY },
  throughput: { label: 'Throughput', unit: 'req/s', perRoute: true, maxWindowSeconds: DAY },
  heapShare: { label: 'Heap used of its limit', unit: 'ratio', perRoute: false, maxWindowSeconds: HOUR },
  eventLoopDelay: { label: 'Event-loop delay p99', unit: 'ms', perRoute: false, maxWindowSeconds: HOUR },
  databaseErrors: { label: 'Database errors', unit: 'count', perRoute: false, maxWindowSeconds: DAY },
  slowQueries: { label: 'Slow queries', unit: 'count', perRoute: false, maxWindowSeconds: HOUR },
  failedLogins: { label: 'Failed sign-ins', unit: 'count', perRoute: false, maxWindowSeconds: DAY },
  cacheHitRatio: { label: 'Cache hit ratio', unit: 'ratio', perRoute: false, maxWindowSeconds: HOUR },
} as const
export type AlertMetric = keyof typeof ALERT_METRICS
export const ALERT_METRIC_NAMES = Object.keys(ALERT_METRICS) as [AlertMetric, ...AlertMetric[]]

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]
export const ALERT_COMPARISONS = ['>', '>=', '<', '<='] as const
export type AlertComparison = (typeof ALERT_COMPARISONS)[number]
/** An alert's life: the condition holds (pending) for the rule's `for`, then fires, then resolves. */
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const
export type AlertState = (typeof ALERT_STATES)[number]
export const CHANNEL_KINDS = ['email', 'slack', 'webhook'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]
export const DELIVERY_KINDS = ['firing', 'repeat', 'resolved', 'test', 'report'] as const
export const DELIVERY_STATUSES = ['queued', 'sent', 'retrying', 'dead'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
export const ALERT_EVENT_KINDS = ['pending', 'fired', 'repeated', 'acknowledged', 'resolved'] as const
export const ALERT_STATS_WINDOWS = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const
export type AlertStatsWindow = keyof typeof ALERT_STATS_WINDOWS

const routeKeySchema = z
  .string()
  .trim()
  .regex(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S{0,290}$/, { message: 'A route is "METHOD /path/template", e.g. GET /api/v1/organizations' })
const actorSchema = z.object({ id: idSchema, name: z.string() }).nullable()

/** Ratios are 0–1 and counts whole; the rule's route only applies to request metrics. */
function checkRule(rule: { metric?: AlertMetric; threshold?: number; route?: string | null; windowSeconds?: number }, context: z.RefinementCtx) {
  if (!rule.metric) return
  const info = ALERT_METRICS[rule.metric]
  if (rule.route && !info.perRoute) context.addIssue({ code: 'custom', path: ['route'], message: `${info.label} is not measured per route` })
  if (rule.windowSeconds !== undefined && rule.windowSeconds > info.maxWindowSeconds) {
    context.addIssue({ code: 'custom', path: ['windowSeconds'], message: `${info.label} is kept for ${info.maxWindowSeconds} s at most` })
  }
  if (rule.threshold === undefined) return
  if (info.unit === 'ratio' && (rule.threshold < 0 || rule.threshold > 1)) {
    context.addIssue({ code: 'custom', path: ['threshold'], message: 'A ratio threshold is between 0 and 1 (0.05 = 5 %)' })
  }
  if (info.unit !== 'ratio' && rule.threshold < 0) context.addIssue({ code: 'custom', path: ['threshold'], message: 'Must be 0 or more' })
}

const ruleFields = {
  name: requiredText(LIMITS.shortText),
  description: z.string().trim().max(1000).nullable().optional(),
  metric: z.enum(ALERT_METRIC_NAMES),
  /** One route (`METHOD /template`) instead of all requests; latency, error rate and throughput only. */
  route: routeKeySchema.nullable().optional(),
  windowSeconds: z.number().int().min(10).max(DAY),
  comparison: z.enum(ALERT_COMPARISONS),
  threshold: z.number().finite().max(1e12),
  /** How long the condition must hold before the alert fires. */
  forSeconds: z.number().int().min(0).max(DAY),
  severity: z.enum(ALERT_SEVERITIES),
  /** While it fires (and nobody acknowledged it), notify again this often; 0 = once. */
  repeatIntervalSeconds: z.number().int().min(0).max(7 * DAY),
  /** The channels to notify; null = every enabled channel. */
  channelIds: z.array(idSchema).max(20).nullable(),
  isEnabled: z.boolean(),
}

export const createAlertRuleBody = z
  .strictObject({
    ...ruleFields,
    windowSeconds: ruleFields.windowSeconds.default(300),
    comparison: ruleFields.comparison.default('>'),
    forSeconds: ruleFields.forSeconds.default(0),
    severity: ruleFields.severity.default('medium'),
    repeatIntervalSeconds: ruleFields.repeatIntervalSeconds.default(3600),
    channelIds: ruleFields.channelIds.default(null),
    isEnabled: ruleFields.isEnabled.default(true),
  })
  .superRefine(checkRule)
export type CreateAlertRuleInput = z.infer<typeof createAlertRuleBody>

export const patchAlertRuleBody = nonEmptyPatch(
  z.strictObject({
    name: ruleFields.name.optional(),
    description: ruleFields.description,
    metric: ruleFields.metric.optional(),
    route: ruleFields.route,
    windowSeconds: ruleFields.windowSeconds.optional(),
    comparison: ruleFields.comparison.optional(),
    threshold: ruleFields.threshold.optional(),
    forSeconds: ruleFields.forSeconds.optional(),
    severity: ruleFields.severity.optional(),
    repeatIntervalSeconds: ruleFields.repeatIntervalSeconds.optional(),
    channelIds: ruleFields.channelIds.optional(),
    isEnabled: ruleFields.isEnabled.optional(),
  }),
).superRefine(checkRule)
export type PatchAlertRuleInput = z.infer<typeof patchAlertRuleBody>

export const alertRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  metric: z.enum(ALERT_METRIC_NAMES),
  route: z.string().nullable(),
  windowSeconds: z.number().int(),
  comparison: z.enum(ALERT_COMPARISONS),
  threshold: z.number(),
  forSeconds: z.number().int(),
  severity: z.enum(ALERT_SEVERITIES),
  repeatIntervalSeconds: z.number().int(),
  channelIds: z.array(idSchema).nullable(),
  isEnabled: z.boolean(),
  /** One of the rules shipped with the product (still editable and able to be disabled). */
  isDefault: z.boolean(),
  /** The last evaluation: the figure seen (null when there was too little traffic to judge) and when. */
  lastValue: z.number().nullable(),
  lastEvaluatedAt: timestampSchema.nullable(),
  /** `ok`, or the state of its open alert. */
  status: z.enum(['ok', 'pending', 'firing']),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
})
export type AlertRule = z.infer<typeof alertRuleSchema>
export const alertRuleListSchema = z.object({ data: z.array(alertRuleSchema) })

const emailList = z.array(z.email().max(LIMITS.email)).min(1).max(20)
const smtpUrl = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine((value) => /^smtps?:\/\//.test(value) && URL.canParse(value), { message: 'An smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587' })
const httpUrl = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { message: 'An http:// or https:// URL' })
const webhookSecret = z.string().min(16, { message: 'At least 16 characters' }).max(200)

export const createAlertChannelBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), name: requiredText(LIMITS.shortText), smtpUrl, from: z.email().max(LIMITS.email), to: emailList }),
  z.strictObject({ kind: z.literal('slack'), name: requiredText(LIMITS.shortText), webhookUrl: httpUrl }),
  z.strictObject({ kind: z.literal('webhook'), name: requiredText(LIMITS.shortText), url: httpUrl, secret: webhookSecret }),
])
export type CreateAlertChannelInput = z.infer<typeof createAlertChannelBody>

/** Any subset; fields of another kind of channel are refused. Secrets are replaced, never read back. */
export const patchAlertChannelBody = nonEmptyPatch(
  z.strictObject({
    name: requiredText(LIMITS.shortText).optional(),
    isEnabled: z.boolean().optional(),
    smtpUrl: smtpUrl.optional(),
    from: z.email().max(LIMITS.email).optional(),
    to: emailList.optional(),
    webhookUrl: httpUrl.optional(),
    url: httpUrl.optional(),
    secret: webhookSecret.optional(),
  }),
)
export type PatchAlertChannelInput = z.infer<typeof patchAlertChannelBody>

export const alertChannelSchema = z.object({
  id: idSchema,
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  isEnabled: z.boolean(),
  /** `environment` channels come from SMTP_URL (with ALERT_EMAIL_TO or REPORT_EMAIL_TO), SLACK_WEBHOOK_URL, ALERT_WEBHOOK_URL and are changed there. */
  source: z.enum(['api', 'environment']),
  /** Where it sends, with credentials and tokens masked: recipients, a host, a URL without its secret part. */
  target: z.string(),
  /** E-mail only: sender and recipients. */
  from: z.string().nullable(),
  to: z.array(z.string()).nullable(),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
})
export type AlertChannel = z.infer<typeof alertChannelSchema>
export const alertChannelListSchema = z.object({ data: z.array(alertChannelSchema) })

export const alertSchema = z.object({
  id: idSchema,
  ruleId: idSchema,
  ruleName: z.string(),
  metric: z.enum(ALERT_METRIC_NAMES),
  route: z.string().nullable(),
  severity: z.enum(ALERT_SEVERITIES),
  state: z.enum(ALERT_STATES),
  comparison: z.enum(ALERT_COMPARISONS),
  threshold: z.number(),
  windowSeconds: z.number().int(),
  /** The latest figure while open; the last one seen before it resolved. */
  value: z.number().nullable(),
  /** The worst figure seen while open. */
  peakValue: z.number().nullable(),
  startedAt: timestampSchema,
  firedAt: timestampSchema.nullable(),
  acknowledgedAt: timestampSchema.nullable(),
  acknowledgedBy: actorSchema,
  resolvedAt: timestampSchema.nullable(),
  /** null when it resolved by itself. */
  resolvedBy: actorSchema,
  lastNotifiedAt: timestampSchema.nullable(),
  notificationCount: z.number().int(),
})
export type Alert = z.infer<typeof alertSchema>
export const alertListSchema = z.object({ data: z.array(alertSchema), nextCursor: z.string().nullable() })

export const listAlertsQuery = z.strictObject({
  state: enumList(ALERT_STATES),
  severity: enumList(ALERT_SEVERITIES),
  metric: enumList(ALERT_METRIC_NAMES),
  ruleId: idSchema.optional(),
  /** Alerts that started in [from, to). */
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListAlertsQuery = z.infer<typeof listAlertsQuery>

export const alertEventSchema = z.object({
  id: idSchema,
  alertId: idSchema,
  ruleId: idSchema,
  ruleName: z.string(),
  /** The alert's metric, so `value` reads in its unit even after the rule is gone. */
  metric: z.enum(ALERT_METRIC_NAMES),
  severity: z.enum(ALERT_SEVERITIES),
  kind: z.enum(ALERT_EVENT_KINDS),
  at: timestampSchema,
  value: z.number().nullable(),
  actor: actorSchema,
})
export type AlertEvent = z.infer<typeof alertEventSchema>
export const alertHistoryQuery = z.strictObject({
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  ruleId: idSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type AlertHistoryQuery = z.infer<typeof alertHistoryQuery>
export const alertHistorySchema = z.object({ data: z.array(alertEventSchema), nextCursor: z.string().nullable() })

export const alertDeliverySchema = z.object({
  id: idSchema,
  alertId: idSchema.nullable(),
  ruleId: idSchema.nullable(),
  channelId: idSchema,
  channelName: z.string(),
  channelKind: z.enum(CHANNEL_KINDS),
  kind: z.enum(DELIVERY_KINDS),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
})
export type AlertDelivery = z.infer<typeof alertDeliverySchema>
export const listDeliveriesQuery = z.strictObject({
  status: enumList(DELIVERY_STATUSES),
  channelId: idSchema.optional(),
  alertId: idSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>
export const alertDeliveryListSchema = z.object({ data: z.array(alertDeliverySchema), nextCursor: z.string().nullable() })
export const testSendSchema = z.object({ data: z.array(alertDeliverySchema) })

export const alertDetailSchema = alertSchema.extend({
  events: z.array(alertEventSchema),
  deliveries: z.array(alertDeliverySchema),
})
export type AlertDetail = z.infer<typeof alertDetailSchema>

export const alertStatsQuery = z.strictObject({
  window: z.enum(Object.keys(ALERT_STATS_WINDOWS) as [AlertStatsWindow, ...AlertStatsWindow[]]).default('7d'),
})
export const alertStatsSchema = z.object({
  window: z.string(),
  /** Alerts that fired in the window. */
  fired: z.number().int(),
  open: z.number().int(),
  byMetric: z.array(z.object({ metric: z.enum(ALERT_METRIC_NAMES), count: z.number().int() })),
  bySeverity: z.array(z.object({ severity: z.enum(ALERT_SEVERITIES), count: z.number().int() })),
  /** From firing to acknowledgement / to resolution, over the alerts that got there; null when none did. */
  meanTimeToAcknowledgeSeconds: z.number().nullable(),
  meanTimeToResolveSeconds: z.number().nullable(),
})
export type AlertStats = z.infer<typeof alertStatsSchema>
