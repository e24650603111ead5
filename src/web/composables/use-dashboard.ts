import { useQueries, useQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { keys } from '../api/keys.js'
import { dashboardApi, interactionsApi, organizationsApi } from '../api/resources.js'
import type { InteractionListItem, InteractionQuery } from '../api/types.js'
import { endOfLocalDay } from './format.js'
import { useList } from './use-list.js'

/**
 * The dashboard figures for a scope (`team`, `me` or a user's id). The server serves them from views it
 * refreshes after writes; polling every 30 s while the tab is visible keeps the figures in step.
 */
export function useDashboard(scope: MaybeRefOrGetter<string>) {
  return useQuery({
    queryKey: computed(() => keys.dashboard.scope(toValue(scope))),
    queryFn: ({ signal }) => dashboardApi.get(toValue(scope), signal),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  })
}

function interactionList(query: () => Omit<InteractionQuery, 'cursor'>, enabled: MaybeRefOrGetter<boolean> = true) {
  return useList<InteractionListItem>(
    () => keys.interactions.list(query()),
    (cursor, signal) => interactionsApi.list({ ...query(), cursor }, signal),
    { enabled },
  )
}

const DAY_MS = 24 * 3600 * 1000

/**
 * The signed-in user's follow-ups due from 30 days ago to the end of today. The window is fixed when the
 * page opens, so the query key stays stable while it is on screen.
 */
export function useFollowUpsDue(userId: MaybeRefOrGetter<string | undefined>) {
  const from = new Date(Date.now() - 30 * DAY_MS)
  from.setHours(0, 0, 0, 0)
  const range = { followUpFrom: from.toISOString(), followUpTo: endOfLocalDay() }
  const list = interactionList(
    () => ({ userId: toValue(userId), ...range, sort: 'occurredAt', limit: 50 }),
    () => toValue(userId) !== undefined,
  )
  // Soonest due first (the list pages by when they happened, the reader cares when they are due).
  const due = computed(() => [...list.rows.value].sort((a, b) => (a.followUpAt ?? '').localeCompare(b.followUpAt ?? '')))
  return { ...list, due }
}

/** The latest interactions the caller can see, of one author when given. */
export function useRecentInteractions(userId: MaybeRefOrGetter<string | undefined>) {
  return interactionList(() => ({ userId: toValue(userId), limit: 10 }))
}
