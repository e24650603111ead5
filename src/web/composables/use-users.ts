import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { errorMessage } from '../api/client.js'
import { keys } from '../api/keys.js'
import { usersApi } from '../api/resources.js'
import type { User, UserCreate, UserPatch, UserQuery } from '../api/types.js'
import { useNoticesStore } from '../stores/notices.js'
import { useList } from './use-list.js'
import { useCreateRecord } from './use-record-mutations.js'

/** A user's name shows beside the accounts and deals they own, and scopes dashboards. */
export const USER_AFFECTS = [keys.users.all, keys.organizations.all, keys.dashboard.all] as const

/** The team, paged by cursor (admins' user list). */
export function useUserList(query: MaybeRefOrGetter<Omit<UserQuery, 'cursor'>>) {
  return useList<User>(
    () => keys.users.list(toValue(query)),
    (cursor, signal) => usersApi.list({ ...toValue(query), cursor }, signal),
  )
}

const OPTIONS_QUERY = { isActive: 'true', sort: 'name', limit: 200 } as const satisfies UserQuery

/**
 * Active users for pickers (assignee filter, dashboard scope). The list is for managers only, so it is
 * fetched only when `enabled`; a team fits in one page.
 */
export function useUserOptions(enabled: MaybeRefOrGetter<boolean>) {
  const query = useQuery({
    queryKey: keys.users.list(OPTIONS_QUERY),
    queryFn: ({ signal }) => usersApi.list(OPTIONS_QUERY, signal),
    enabled: computed(() => toValue(enabled)),
    staleTime: 5 * 60_000,
  })
  const users = computed(() => query.data.value?.data ?? [])
  return { ...query, users }
}

export function useCreateUser() {
  return useCreateRecord<User, UserCreate>({ noun: 'User', send: (body) => usersApi.create(body), affects: USER_AFFECTS })
}

const UPDATE_KEY = ['users', 'update'] as const

export interface UserChange {
  user: User
  patch: UserPatch
  /** The notice once saved ("Role changed"). */
  success: string
  /** Sent from a form that shows its own errors. */
  inForm?: boolean
}

/**
 * Changing a user (role, name, password, active). Users have no If-Match in the UI: an admin's change is
 * the decision. Not optimistic — a deactivation ends sessions, so the row shows "Saving…" until the
 * server has done it; `pendingIds` says which rows are saving.
 */
export function useUpdateUser() {
  const client = useQueryClient()
  const notices = useNoticesStore()
  const mutation = useMutation({
    mutationKey: UPDATE_KEY,
    mutationFn: (input: UserChange) => usersApi.update(input.user.id, input.patch),
    onSuccess: (_saved, { success }) => notices.show(success),
    onError: (error, { inForm }) => {
      // A form shows the error in place; quick actions (deactivate, reactivate) need a notice.
      if (!inForm) notices.show(errorMessage(error), 'error')
    },
    // Refresh in the background: the save's own feedback never waits for every list to reload.
    onSettled: () => void Promise.all(USER_AFFECTS.map((queryKey) => client.invalidateQueries({ queryKey }))),
  })
  const pending = useMutationState({
    filters: { mutationKey: UPDATE_KEY, status: 'pending' },
    select: (entry) => (entry.state.variables as UserChange | undefined)?.user.id ?? '',
  })
  const pendingIds = computed(() => new Set(pending.value))
  return { ...mutation, pendingIds }
}
