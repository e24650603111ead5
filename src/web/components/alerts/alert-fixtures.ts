// Records for the alerting component tests, each overridable field by field.
import type { Alert, AlertChannel, AlertDelivery, AlertRule } from '../../api/types.js'

const at = '2025-05-20T14:00:00.000Z'

export function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: '01900000-0000-7000-8000-0000000000a1',
    name: 'Slow responses',
    description: 'p95 over all API requests above 2 s for a minute.',
    metric: 'latencyP95',
    route: null,
    windowSeconds: 300,
    comparison: '>',
    threshold: 2000,
    forSeconds: 60,
    severity: 'high',
    repeatIntervalSeconds: 3600,
    channelIds: null,
    isEnabled: true,
    isDefault: true,
    lastValue: 180.4,
    lastEvaluatedAt: at,
    status: 'ok',
    version: 3,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  }
}

export function channel(overrides: Partial<AlertChannel> = {}): AlertChannel {
  return {
    id: '01900000-0000-7000-8000-0000000000c1',
    kind: 'email',
    name: 'On-call e-mail',
    isEnabled: true,
    source: 'api',
    target: 'ops@example.com via mail.example.com',
    from: 'alerts@example.com',
    to: ['ops@example.com', 'cto@example.com'],
    version: 2,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  }
}

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: '01900000-0000-7000-8000-0000000000e1',
    ruleId: '01900000-0000-7000-8000-0000000000a1',
    ruleName: 'Slow responses',
    metric: 'latencyP95',
    route: 'GET /api/v1/organizations',
    severity: 'high',
    state: 'firing',
    comparison: '>',
    threshold: 2000,
    windowSeconds: 300,
    value: 2450,
    peakValue: 3100,
    startedAt: '2025-05-20T13:50:00.000Z',
    firedAt: '2025-05-20T13:51:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    lastNotifiedAt: '2025-05-20T13:51:00.000Z',
    notificationCount: 1,
    ...overrides,
  }
}

export function delivery(overrides: Partial<AlertDelivery> = {}): AlertDelivery {
  return {
    id: '01900000-0000-7000-8000-0000000000d1',
    alertId: '01900000-0000-7000-8000-0000000000e1',
    ruleId: '01900000-0000-7000-8000-0000000000a1',
    channelId: '01900000-0000-7000-8000-0000000000c1',
    channelName: 'Ops webhook',
    channelKind: 'webhook',
    kind: 'firing',
    status: 'sent',
    attempts: 1,
    lastError: null,
    createdAt: '2025-05-20T13:51:00.000Z',
    updatedAt: '2025-05-20T13:51:02.000Z',
    sentAt: '2025-05-20T13:51:02.000Z',
    ...overrides,
  }
}
