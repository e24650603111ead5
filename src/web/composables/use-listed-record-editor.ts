import { computed, ref, type ShallowRef } from 'vue'
import { ApiError } from '../api/client.js'

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
