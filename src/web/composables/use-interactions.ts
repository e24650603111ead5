import { useMutation, useQueryClient } from '@tanstack/vue-query'
import { type MaybeRefOrGetter, toValue } from 'vue'
import { keys } from '../api/keys.js'
import { interactionsApi } from '../api/resources.js'
import type { Interaction, InteractionCreate, InteractionListItem, InteractionQuery } from '../api/types.js'
import { useNoticesStore } from '../stores/notices.js'
import { useList } from './use-list.js'
import { useRemoveRecord } from './use-record-mutations.js'

/** What logging or changing an interaction makes stale: lists, account timelines and counts, dashboards. */
export const INTERACTION_AFFECTS = [keys.interactions.all, keys.organizations.all, keys.contacts.all, keys.dashboard.all] as const

/** Interactions matching a filter, newest first unless the query says otherwise, paged by cursor. */
export function useInteractionList(query: MaybeRefOrGetter<Omit<InteractionQuery, 'cursor'>>, options: { enabled?: MaybeRefOrGetter<boolean> } = {}) {
  return useList<InteractionListItem>(
    () => keys.interactions.list(toValue(query)),
    (cursor, signal) => interactionsApi.list({ ...toValue(query), cursor }, signal),
    options,
  )
}

/** Logging an interaction: a pending state at once, then every view that shows activity refreshed. */
export function useLogInteraction() {
  const client = useQueryClient()
  const notices = useNoticesStore()
  return useMutation({
    mutationFn: (body: InteractionCreate) => interactionsApi.create(body),
    onSuccess: () => notices.show('Interaction logged'),
    // Refresh in the background: the save's own feedback never waits for every list to reload.
    onSettled: () => void Promise.all(INTERACTION_AFFECTS.map((queryKey) => client.invalidateQueries({ queryKey }))),
  })
}

/** Deleting an interaction logged by mistake, with Undo. */
export function useRemoveInteraction() {
  return useRemoveRecord<Interaction>({
    noun: 'Interaction',
    send: (id, version) => interactionsApi.remove(id, version),
    restore: (id) => interactionsApi.restore(id),
    affects: INTERACTION_AFFECTS,
  })
}
