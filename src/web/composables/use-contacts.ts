import { useQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { keys } from '../api/keys.js'
import { contactsApi, organizationsApi } from '../api/resources.js'
import type { Contact, ContactCreate, ContactPatch, ContactQuery } from '../api/types.js'
import { useList } from './use-list.js'
import { useCreateRecord, useRemoveRecord, useUpdateRecord } from './use-record-mutations.js'

/** What a contact change makes stale: contact lists, account pages (counts, nested lists) and search. */
// Contacts show in accounts (counts, nested lists), search, the dashboard's figures and interaction rows.
export const CONTACT_AFFECTS = [keys.contacts.all, keys.organizations.all, keys.interactions.all, keys.dashboard.all, keys.search.all] as const

/** Contacts matching a filter, paged by cursor. */
export function useContactList(query: MaybeRefOrGetter<Omit<ContactQuery, 'cursor'>>) {
  return useList<Contact>(
    () => keys.contacts.list(toValue(query)),
    (cursor, signal) => contactsApi.list({ ...toValue(query), cursor }, signal),
  )
}

/** One contact. */
export function useContact(id: MaybeRefOrGetter<string>) {
  return useQuery({
    queryKey: computed(() => keys.contacts.detail(toValue(id))),
    queryFn: ({ signal }) => contactsApi.get(toValue(id), signal),
  })
}

/**
 * An account's contacts for a picker (the first hundred, primary contacts first). Kept apart from the
 * account page's paged list, under the same prefix so contact and account changes refresh it.
 */
export function useOrganizationContactOptions(organizationId: MaybeRefOrGetter<string>, enabled: MaybeRefOrGetter<boolean> = true) {
  return useQuery({
    queryKey: computed(() => keys.organizations.contactOptions(toValue(organizationId))),
    queryFn: ({ signal }) => organizationsApi.contacts(toValue(organizationId), { limit: 100 }, signal),
    select: (page) =>
      [...page.data].sort(
        (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName),
      ),
    enabled: computed(() => toValue(enabled) && Boolean(toValue(organizationId))),
  })
}

export function useCreateContact() {
  return useCreateRecord<Contact, ContactCreate>({ noun: 'Contact', send: (body) => contactsApi.create(body), affects: CONTACT_AFFECTS })
}

export function useUpdateContact() {
  return useUpdateRecord<Contact, ContactPatch>({
    noun: 'Contact',
    detailKey: keys.contacts.detail,
    send: (id, patch, version) => contactsApi.update(id, patch, version),
    affects: CONTACT_AFFECTS,
  })
}

export function useRemoveContact() {
  return useRemoveRecord<Contact>({
    noun: 'Contact',
    send: (id, version) => contactsApi.remove(id, version),
    restore: (id) => contactsApi.restore(id),
    affects: CONTACT_AFFECTS,
    detailKey: keys.contacts.detail,
  })
}

/** "Ana Lopez" */
export function contactName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim()
}
