import { type QueryKey, useMutation, useMutationState, useQueryClient } from '@tanstack/vue-query'
import { computed, ref, type ShallowRef, shallowRef } from 'vue'
import { ApiError, errorMessage } from '../api/client.js'
import { useNoticesStore } from '../stores/notices.js'
import type { Affects, Versioned } from './use-record-mutations.js'

// Kept apart from use-record-mutations.ts, which the dashboard loads: only the pages that edit one-page
// lists (alert rules and channels) download this.

interface Named {
  id: string
  name: string
  version: number
}

/** What a section needs from its list's update mutation (useUpdateListedRecord). */
interface ListedUpdate<Item, Patch> {
  save(record: Item, patch: Patch, extra?: { success?: string; inForm?: boolean }): Promise<Item>
  conflict: ShallowRef<{ mine: Item; theirs: Item } | null>
  keepTheirs(): void
}

/**
 * Editing the records of a one-page list in dialogs: the edit dialog (closed by a 412, whose dialog
 * takes over with both versions as people read them), an on/off switch, and delete behind a confirmation.
 */
export function useListedRecordEditor<Item extends Named, Patch extends { name?: string; isEnabled?: boolean }>(options: {
  update: ListedUpdate<Item, Patch>
  remove: { mutate(record: Item): void }
  /** A record as the conflict dialog shows it (labels, units, names instead of ids). */
  readable: (record: Item) => Record<string, unknown>
}) {
  const { update, remove } = options
  const editing = ref<Item | null>(null) as { value: Item | null }
  const isEditOpen = ref(false)
  const deleting = ref<Item | null>(null) as { value: Item | null }
  const isDeleteOpen = ref(false)

  return {
    editing,
    isEditOpen,
    deleting,
    isDeleteOpen,

    edit(record: Item) {
      editing.value = record
      isEditOpen.value = true
    },

    async sendEdit(patch: Patch) {
      const record = editing.value
      if (!record) return undefined
      try {
        return await update.save(record, patch, { success: `${patch.name ?? record.name} saved`, inForm: true })
      } catch (error) {
        // Someone else saved first: the conflict dialog takes over from the form.
        if (error instanceof ApiError && error.isConflict && error.current) isEditOpen.value = false
        throw error
      }
    },

    toggle(record: Item, isEnabled: boolean) {
      update.save(record, { isEnabled } as Patch, { success: `${record.name} turned ${isEnabled ? 'on' : 'off'}` }).catch(() => undefined)
    },

    askDelete(record: Item) {
      deleting.value = record
      isDeleteOpen.value = true
    },

    confirmDelete() {
      const record = deleting.value
      isDeleteOpen.value = false
      if (record) remove.mutate(record)
    },

    conflict: computed(() => (update.conflict.value ? { mine: options.readable(update.conflict.value.mine), theirs: options.readable(update.conflict.value.theirs) } : null)),

    /** Dismissing the choice keeps the saved version (the edit was not applied). */
    onConflictOpen(open: boolean) {
      if (!open && update.conflict.value) update.keepTheirs()
    },
  }
}

/**
 * Saving an edit to a versioned record shown in a one-page list (`{ data: Item[] }`, such as alert
 * rules): applied to the listed row at once, sent with If-Match, rolled back on failure. A 412 opens
 * `conflict` with both versions, as `useUpdateRecord` does. Fields of the patch the record does not
 * have (a write-only secret) are sent but never put in the cache. `pendingIds` says which rows are
 * saving, so a second change never goes out with a stale version.
 */
export function useUpdateListedRecord<Item extends Versioned, Patch extends object>(options: {
  noun: string
  mutationKey: QueryKey
  listKey: QueryKey
  send: (id: string, patch: Patch, version: number) => Promise<Item>
  affects: Affects
}) {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const conflict = shallowRef<{ id: string; patch: Patch; mine: Item; theirs: Item } | null>(null)

  function replaceRow(id: string, next: (row: Item) => Item) {
    const list = client.getQueryData<{ data: Item[] }>(options.listKey)
    if (list) client.setQueryData(options.listKey, { ...list, data: list.data.map((row) => (row.id === id ? next(row) : row)) })
  }

  const mutation = useMutation({
    mutationKey: options.mutationKey,
    mutationFn: (input: ListedChange<Item, Patch>) => options.send(input.record.id, input.patch, input.record.version),
    onMutate: async ({ record, patch }) => {
      await client.cancelQueries({ queryKey: options.listKey })
      const known = Object.fromEntries(Object.entries(patch).filter(([key, value]) => key in record && value !== undefined))
      replaceRow(record.id, (row) => ({ ...row, ...known }))
    },
    onError: (error, { record, patch, inForm }) => {
      replaceRow(record.id, () => record)
      if (error instanceof ApiError && error.isConflict && error.current) {
        conflict.value = { id: record.id, patch, mine: { ...record, ...patch }, theirs: error.current as Item }
        return
      }
      // A form shows the error in place; quick actions (a toggle) need a notice.
      if (!inForm) notices.show(errorMessage(error), 'error')
    },
    onSuccess: (saved, { success }) => {
      replaceRow(saved.id, () => saved)
      notices.show(success ?? `${options.noun} saved`)
    },
    // Refresh in the background: the save's own feedback never waits for every list to reload.
    onSettled: () => void Promise.all(options.affects.map((queryKey) => client.invalidateQueries({ queryKey }))),
  })

  const pending = useMutationState({
    filters: { mutationKey: options.mutationKey, status: 'pending' },
    select: (entry) => (entry.state.variables as ListedChange<Item, Patch> | undefined)?.record.id ?? '',
  })
  const pendingIds = computed(() => new Set(pending.value))

  function save(record: Item, patch: Patch, extra: { success?: string; inForm?: boolean } = {}) {
    return mutation.mutateAsync({ record, patch, ...extra })
  }

  async function overwrite() {
    const pending = conflict.value
    if (!pending) return
    conflict.value = null
    // On top of their version: its version is the one If-Match must name now.
    await mutation.mutateAsync({ record: pending.theirs, patch: pending.patch }).catch(() => undefined)
  }

  function keepTheirs() {
    const pending = conflict.value
    if (!pending) return
    conflict.value = null
    replaceRow(pending.id, () => pending.theirs)
    void client.invalidateQueries({ queryKey: options.listKey })
  }

  return { ...mutation, save, conflict, overwrite, keepTheirs, pendingIds }
}

interface ListedChange<Item, Patch> {
  record: Item
  patch: Patch
  /** The notice once saved ("Rule turned off"). */
  success?: string
  /** Sent from a form that shows its own errors. */
  inForm?: boolean
}
