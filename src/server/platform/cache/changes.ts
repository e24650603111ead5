import { AsyncLocalStorage } from 'node:async_hooks'

/** The kinds of CRM record a cached list or search can show; each has its own tag per scope. */
export const RESOURCES = ['organizations', 'contacts', 'interactions', 'opportunities'] as const
export type Resource = (typeof RESOURCES)[number]

/**
 * What a write touched, gathered while its request runs: the owners (organization assignees), the
 * kinds of record and the organizations whose data changed. Services call `touch`; the cache plugin
 * turns them into tags bumped before the response is sent. Outside a write request `touch` does nothing.
 */
export function createChangeScope() {
  const storage = new AsyncLocalStorage<Set<string>>()
  return {
    run<R>(work: () => R): R {
      return storage.run(new Set(), work)
    },
    touch(resources: readonly Resource[], ownerId: string | null | undefined, organizationId?: string) {
      const tags = storage.getStore()
      if (!tags) return
      for (const resource of resources) {
        tags.add(scopeTag(ownerId ?? 'unassigned', resource))
        tags.add(scopeTag('all', resource))
        if (organizationId) tags.add(organizationTag(organizationId, resource))
      }
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

/**
 * Lists, searches and records of one kind that a rep sees hang off their id (managers and admins read
 * `all`): logging a visit leaves the rep's cached organization lists and searches alone.
 */
export function scopeTag(scope: string, resource: Resource): string {
  return `crm:${scope}:${resource}`
}

/**
 * One organization's detail (`org:<id>`, changed by any write to it or its children, as it shows
 * their counts) and each of its nested lists (`org:<id>:<kind>`, changed by writes to that kind).
 */
export function organizationTag(organizationId: string, kind?: Resource): string {
  return kind ? `org:${organizationId}:${kind}` : `org:${organizationId}`
}

/** User records show (as names) inside organization details. */
export const USERS_TAG = 'users'
