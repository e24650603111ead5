import { useQueries, useQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { keys } from '../api/keys.js'
import { dashboardApi, interactionsApi, organizationsApi } from '../api/resources.js'
import type { Interaction, InteractionQuery } from '../api/types.js'
import { endOfLocalDay } from './format.js'
import { useList } from './use-list.js'

/**
 * The dashboard figures for a scope (`team`, `me` or a user's id). The server serves them from views it
 * refreshes after writes; polling every 30 s while the tab is visible keeps the figures in step.
 */
export function useDashboard(scope: MaybeRefOrGetter<string>) {
  return useQuery({
    queryKey: computed(() => keys.dashboard(toValue(scope))),
    queryFn: ({ signal }) => dashboardApi.get(toValue(scope), signal),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  })
}

function interactionList(query: () => Omit<InteractionQuery, 'cursor'>, enabled: MaybeRefOrGetter<boolean> = true) {
  return useList<Interaction>(
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

/**
 * Account names for rows that only carry an id. Each account is read once and cached under its detail
 * key, so opening it afterwards is instant.
 */
export function useOrganizationNames(ids: MaybeRefOrGetter<string[]>) {
  const unique = computed(() => [...new Set(toValue(ids))])
  const results = useQueries({
    queries: computed(() =>
      unique.value.map((id) => ({
        queryKey: keys.organizations.detail(id),
        queryFn: ({ signal }: { signal: AbortSignal }) => organizationsApi.get(id, signal),
        staleTime: 5 * 60_000,
      })),
    ),
  })
  // A name, or null when the account cannot be read (deleted, or no longer visible); absent while loading.
  return computed(() => {
    const names: Record<string, string | null> = {}
    for (const [index, result] of results.value.entries()) {
      const id = unique.value[index]
      if (id === undefined) continue
      if (result.data) names[id] = result.data.name
      else if (result.isError) names[id] = null
    }
    return names
  })
}
