import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What a write touched, gathered while its request runs: the owners (organization assignees) and the
 * organizations whose data changed. Services call `touch`; the cache plugin turns them into tags bumped
 * before the response is sent. Outside a write request `touch` does nothing.
 */
export function createChangeScope() {
  const storage = new AsyncLocalStorage<Set<string>>()
  return {
    run<R>(work: () => R): R {
      return storage.run(new Set(), work)
    },
    touch(ownerId: string | null | undefined, organizationId?: string) {
      const tags = storage.getStore()
      if (!tags) return
      tags.add(scopeTag(ownerId ?? 'unassigned'))
      tags.add(scopeTag('all'))
      if (organizationId) tags.add(organizationTag(organizationId))
    },
    touchTag(tag: string) {
      storage.getStore()?.add(tag)
    },
    touchedTags(): string[] {
      return [...(storage.getStore() ?? [])]
    },
  }
}

export type ChangeScope = ReturnType<typeof createChangeScope>

/** Lists, searches and child records a rep sees hang off their id; managers and admins read `all`. */
export function scopeTag(scope: string): string {
  return `crm:${scope}`
}

/** One organization's detail and its nested lists: changed by writes to it or to its children. */
export function organizationTag(organizationId: string): string {
  return `org:${organizationId}`
}

/** User records show (as names) inside organization details. */
export const USERS_TAG = 'users'
