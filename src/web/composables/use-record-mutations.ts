import { type QueryKey, useMutation, useQueryClient } from '@tanstack/vue-query'
import { shallowRef } from 'vue'
import { ApiError, errorMessage } from '../api/client.js'
import { useNoticesStore } from '../stores/notices.js'

export interface Versioned {
  id: string
  version: number
}

/** What a change to one kind of record can make stale, by key prefix. */
export type Affects = readonly QueryKey[]

/**
 * Saving an edit to a versioned record: applied to the cached detail at once (optimistic), sent with
 * If-Match, rolled back on failure. A 412 (someone else saved first) opens `conflict` with both
 * versions; `overwrite()` re-sends the edit on top of theirs, `keepTheirs()` takes their version.
 */
export function useUpdateRecord<Item extends Versioned, Patch extends object>(options: {
  noun: string
  detailKey: (id: string) => QueryKey
  send: (id: string, patch: Patch, version: number) => Promise<Item>
  affects: Affects
}) {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const conflict = shallowRef<{ id: string; patch: Patch; mine: Item; theirs: Item } | null>(null)

  const mutation = useMutation({
    mutationFn: (input: { id: string; patch: Patch; version: number }) => options.send(input.id, input.patch, input.version),
    onMutate: async ({ id, patch }) => {
      const key = options.detailKey(id)
      await client.cancelQueries({ queryKey: key })
      const previous = client.getQueryData<Item>(key)
      if (previous) client.setQueryData<Item>(key, { ...previous, ...patch })
      return { previous }
    },
    onError: (error, { id, patch }, context) => {
      const key = options.detailKey(id)
      if (context?.previous) client.setQueryData(key, context.previous)
      if (error instanceof ApiError && error.isConflict && error.current && context?.previous) {
        conflict.value = { id, patch, mine: { ...context.previous, ...patch }, theirs: error.current as Item }
        return
      }
      notices.show(errorMessage(error), 'error')
    },
    onSuccess: (saved, { id }) => {
      const key = options.detailKey(id)
      const cached = client.getQueryData<Item>(key)
      // The detail may carry more than the item (joined names, counts): keep those, take the rest.
      client.setQueryData(key, cached ? { ...cached, ...saved } : saved)
      notices.show(`${options.noun} saved`)
    },
    // Refresh in the background: the save's own feedback never waits for every list to reload.
    onSettled: () => void Promise.all(options.affects.map((queryKey) => client.invalidateQueries({ queryKey }))),
  })

  function save(record: Item, patch: Patch) {
    return mutation.mutateAsync({ id: record.id, patch, version: record.version })
  }

  async function overwrite() {
    const pending = conflict.value
    if (!pending) return
    conflict.value = null
    await mutation.mutateAsync({ id: pending.id, patch: pending.patch, version: pending.theirs.version }).catch(() => undefined)
  }

  function keepTheirs() {
    const pending = conflict.value
    if (!pending) return
    conflict.value = null
    const key = options.detailKey(pending.id)
    const cached = client.getQueryData<Item>(key)
    client.setQueryData(key, cached ? { ...cached, ...pending.theirs } : pending.theirs)
    void client.invalidateQueries({ queryKey: key })
  }

  return { ...mutation, save, conflict, overwrite, keepTheirs }
}

/** Creating a record: pending state at once, lists refreshed after. */
export function useCreateRecord<Item, Input>(options: { noun: string; send: (input: Input) => Promise<Item>; affects: Affects }) {
  const client = useQueryClient()
  const notices = useNoticesStore()
  return useMutation({
    mutationFn: options.send,
    onSuccess: () => notices.show(`${options.noun} added`),
    onError: (error) => {
      if (!(error instanceof ApiError && error.status === 400)) notices.show(errorMessage(error), 'error')
    },
    // Refresh in the background: the save's own feedback never waits for every list to reload.
    onSettled: () => void Promise.all(options.affects.map((queryKey) => client.invalidateQueries({ queryKey }))),
  })
}

/** Soft delete with an Undo in the notice (the server keeps the record restorable). */
export function useRemoveRecord<Item extends Versioned>(options: {
  noun: string
  send: (id: string, version: number) => Promise<void>
  restore: (id: string) => Promise<unknown>
  affects: Affects
  /** The deleted record's own query: dropped, so nothing refetches it into a 404. */
  detailKey?: (id: string) => QueryKey
}) {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const refresh = () => void Promise.all(options.affects.map((queryKey) => client.invalidateQueries({ queryKey })))
  return useMutation({
    mutationFn: (record: Item) => options.send(record.id, record.version),
    onSuccess: (_result, record) => {
      if (options.detailKey) client.removeQueries({ queryKey: options.detailKey(record.id), exact: true })
      notices.show(`${options.noun} deleted`, 'info', {
        label: 'Undo',
        run: () => void options.restore(record.id).then(refresh, (error: unknown) => notices.show(errorMessage(error), 'error')),
      }, 10_000)
    },
    onError: (error) => notices.show(errorMessage(error), 'error'),
    onSettled: refresh,
  })
}
