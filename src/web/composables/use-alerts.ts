import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import type { AlertStatsWindow } from '../../shared/schemas/alerts.js'
import { ApiError, errorMessage } from '../api/client.js'
import { keys } from '../api/keys.js'
import { alertChannelsApi, alertDeliveriesApi, alertRulesApi, alertsApi } from '../api/resources.js'
import type {
  Alert,
  AlertChannel,
  AlertChannelCreate,
  AlertChannelPatch,
  AlertDelivery,
  AlertDeliveryQuery,
  AlertEvent,
  AlertHistoryQuery,
  AlertQuery,
  AlertRule,
  AlertRuleCreate,
  AlertRulePatch,
} from '../api/types.js'
import { useNoticesStore } from '../stores/notices.js'
import { formatCount } from './format.js'
import { useList } from './use-list.js'
import { useUpdateListedRecord } from './use-listed-record-editor.js'
import { type Affects, useCreateRecord } from './use-record-mutations.js'

/** Acknowledging or resolving changes the alert lists and figures, its rule's status, and (a resolve) sends notifications. */
export const ALERT_AFFECTS = [keys.alerts.all, keys.alertRules.all, keys.alertDeliveries.all] as const
/** Alerts carry their rule's name; disabling or deleting a rule closes its open alert. */
export const RULE_AFFECTS = [keys.alertRules.all, keys.alerts.all] as const
/** Rules list their channels by id; deliveries show the channel's name. */
export const CHANNEL_AFFECTS = [keys.alertChannels.all, keys.alertRules.all, keys.alertDeliveries.all] as const
/** An alert's detail lists its deliveries. */
export const DELIVERY_AFFECTS = [keys.alertDeliveries.all, keys.alerts.all] as const

// Alerts open and close by themselves (the server evaluates the rules every few seconds): the views
// about "now" poll while the tab is visible.
const LIVE_REFRESH_MS = 30_000

const OPEN_QUERY = { state: 'pending,firing', limit: 50 } as const satisfies AlertQuery

/** Pending and firing alerts, newest first. */
export function useOpenAlerts() {
  return useList<Alert>(
    () => keys.alerts.list(OPEN_QUERY),
    (cursor, signal) => alertsApi.list({ ...OPEN_QUERY, cursor }, signal),
    { refetchIntervalMs: LIVE_REFRESH_MS },
  )
}

/** What happened to alerts (pending, fired, acknowledged, resolved…), newest first, paged by cursor. */
export function useAlertHistory(query: MaybeRefOrGetter<Omit<AlertHistoryQuery, 'cursor'>>) {
  return useList<AlertEvent>(
    () => keys.alerts.history(toValue(query)),
    (cursor, signal) => alertsApi.history({ ...toValue(query), cursor }, signal),
  )
}

/** Fired, open, mean time to acknowledge and to resolve over a window. */
export function useAlertStats(window: MaybeRefOrGetter<AlertStatsWindow>) {
  return useQuery({
    queryKey: computed(() => keys.alerts.stats(toValue(window))),
    queryFn: ({ signal }) => alertsApi.stats(toValue(window), signal),
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  })
}

/** One alert with its timeline and deliveries; fetched only while `id` is set. */
export function useAlert(id: MaybeRefOrGetter<string | null>) {
  return useQuery({
    queryKey: computed(() => keys.alerts.detail(toValue(id) ?? '')),
    queryFn: ({ signal }) => alertsApi.get(toValue(id) ?? '', signal),
    enabled: computed(() => Boolean(toValue(id))),
  })
}

const ALERT_ACTION_KEY = ['alerts', 'action'] as const
export type AlertAction = 'acknowledge' | 'resolve'

/**
 * Acknowledging (stops the reminders) or resolving an alert. Not optimistic: the row shows
 * "Saving…" until the server has done it, as `pendingIds` says. A 409 (someone resolved it already)
 * is said in a notice, and the lists refresh either way.
 */
export function useAlertAction() {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const mutation = useMutation({
    mutationKey: ALERT_ACTION_KEY,
    mutationFn: ({ alert, action }: { alert: Alert; action: AlertAction }) =>
      action === 'acknowledge' ? alertsApi.acknowledge(alert.id) : alertsApi.resolve(alert.id),
    onSuccess: (_saved, { alert, action }) => notices.show(`“${alert.ruleName}” ${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`),
    onError: (error) => notices.show(errorMessage(error), error instanceof ApiError && error.status === 409 ? 'info' : 'error'),
    onSettled: () => refresh(client, ALERT_AFFECTS),
  })
  const pending = useMutationState({
    filters: { mutationKey: ALERT_ACTION_KEY, status: 'pending' },
    select: (entry) => (entry.state.variables as { alert: Alert } | undefined)?.alert.id ?? '',
  })
  const pendingIds = computed(() => new Set(pending.value))
  return { ...mutation, pendingIds }
}

/** Every rule, with its status and last figure. Refreshed while visible: statuses change by themselves. */
export function useAlertRules() {
  const query = useQuery({
    queryKey: keys.alertRules.list,
    queryFn: ({ signal }) => alertRulesApi.list(signal),
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
  })
  const rules = computed<AlertRule[]>(() => query.data.value?.data ?? [])
  return { ...query, rules }
}

export function useCreateAlertRule() {
  return useCreateRecord<AlertRule, AlertRuleCreate>({ noun: 'Alert rule', send: (body) => alertRulesApi.create(body), affects: RULE_AFFECTS })
}

export function useUpdateAlertRule() {
  return useUpdateListedRecord<AlertRule, AlertRulePatch>({
    noun: 'Alert rule',
    mutationKey: ['alertRules', 'update'],
    listKey: keys.alertRules.list,
    send: (id, patch, version) => alertRulesApi.update(id, patch, version),
    affects: RULE_AFFECTS,
  })
}

/** Deleting (after the page asked): there is no restore, so no Undo. */
export function useRemoveAlertRule() {
  return useRemove<AlertRule>('Alert rule', (rule) => alertRulesApi.remove(rule.id, rule.version), RULE_AFFECTS)
}

/** Every notification channel; secrets never come back, the target is masked by the server. */
export function useAlertChannels(enabled: MaybeRefOrGetter<boolean> = true) {
  const query = useQuery({
    queryKey: keys.alertChannels.list,
    queryFn: ({ signal }) => alertChannelsApi.list(signal),
    enabled: computed(() => toValue(enabled)),
  })
  const channels = computed<AlertChannel[]>(() => query.data.value?.data ?? [])
  return { ...query, channels }
}

export function useCreateAlertChannel() {
  return useCreateRecord<AlertChannel, AlertChannelCreate>({ noun: 'Channel', send: (body) => alertChannelsApi.create(body), affects: CHANNEL_AFFECTS })
}

export function useUpdateAlertChannel() {
  return useUpdateListedRecord<AlertChannel, AlertChannelPatch>({
    noun: 'Channel',
    mutationKey: ['alertChannels', 'update'],
    listKey: keys.alertChannels.list,
    send: (id, patch, version) => alertChannelsApi.update(id, patch, version),
    affects: CHANNEL_AFFECTS,
  })
}

export function useRemoveAlertChannel() {
  return useRemove<AlertChannel>('Channel', (channel) => alertChannelsApi.remove(channel.id, channel.version), CHANNEL_AFFECTS)
}

/**
 * "Send test" for a rule (one notification to each of its channels) or a channel. The notice says how
 * many were queued; the deliveries list shows whether they went out.
 */
export function useSendTest() {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const mutation = useMutation({
    mutationKey: ['alertDeliveries', 'test'],
    mutationFn: (target: { kind: 'rule' | 'channel'; id: string; name: string }) =>
      target.kind === 'rule' ? alertRulesApi.test(target.id) : alertChannelsApi.test(target.id),
    onSuccess: (result, { name }) => notices.show(testSentText(result.data.length, name), result.data.length === 0 ? 'info' : 'success'),
    onError: (error) => notices.show(errorMessage(error), 'error'),
    onSettled: () => refresh(client, [keys.alertDeliveries.all]),
  })
  const pending = useMutationState({
    filters: { mutationKey: ['alertDeliveries', 'test'], status: 'pending' },
    select: (entry) => (entry.state.variables as { id: string } | undefined)?.id ?? '',
  })
  const pendingIds = computed(() => new Set(pending.value))
  return { ...mutation, pendingIds }
}

/** Notifications, newest first, paged by cursor; the dead letters with `status: 'dead'`. */
export function useAlertDeliveries(query: MaybeRefOrGetter<Omit<AlertDeliveryQuery, 'cursor'>>) {
  return useList<AlertDelivery>(
    () => keys.alertDeliveries.list(toValue(query)),
    (cursor, signal) => alertDeliveriesApi.list({ ...toValue(query), cursor }, signal),
    { refetchIntervalMs: LIVE_REFRESH_MS },
  )
}

/** Queues a dead letter again (a fresh set of attempts). */
export function useResendDelivery() {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const mutation = useMutation({
    mutationKey: ['alertDeliveries', 'resend'],
    mutationFn: (delivery: AlertDelivery) => alertDeliveriesApi.resend(delivery.id),
    onSuccess: (_queued, delivery) => notices.show(`Queued again for ${delivery.channelName}`),
    onError: (error) => notices.show(errorMessage(error), 'error'),
    onSettled: () => refresh(client, DELIVERY_AFFECTS),
  })
  const pending = useMutationState({
    filters: { mutationKey: ['alertDeliveries', 'resend'], status: 'pending' },
    select: (entry) => (entry.state.variables as AlertDelivery | undefined)?.id ?? '',
  })
  const pendingIds = computed(() => new Set(pending.value))
  return { ...mutation, pendingIds }
}

/** The notice after "Send test": how many notifications were queued, or why none was. */
export function testSentText(queued: number, name: string): string {
  if (queued === 0) return `No enabled channel to send a test for “${name}” to`
  return `Test for “${name}” queued to ${formatCount(queued)} ${queued === 1 ? 'channel' : 'channels'}`
}

function useRemove<Item extends { id: string }>(noun: string, send: (record: Item) => Promise<void>, affects: Affects) {
  const client = useQueryClient()
  const notices = useNoticesStore()
  return useMutation({
    mutationFn: send,
    onSuccess: () => notices.show(`${noun} deleted`),
    onError: (error) => notices.show(errorMessage(error), 'error'),
    onSettled: () => refresh(client, affects),
  })
}

// Refresh in the background: an action's own feedback never waits for every list to reload.
function refresh(client: ReturnType<typeof useQueryClient>, affects: Affects) {
  void Promise.all(affects.map((queryKey) => client.invalidateQueries({ queryKey })))
}
