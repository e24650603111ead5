import { useQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { INDUSTRY_SEGMENTS, ORGANIZATION_TYPES, PRIORITY_LEVELS } from '../../shared/schemas/enums.js'
import { ApiError } from '../api/client.js'
import { keys } from '../api/keys.js'
import { organizationsApi } from '../api/resources.js'
import type { Contact, InteractionListItem, OpportunityListItem, Organization, OrganizationListItem, OrganizationCreate, OrganizationPatch, OrganizationQuery, Page } from '../api/types.js'
import { useList } from './use-list.js'
import { useCreateRecord, useRemoveRecord, useUpdateRecord } from './use-record-mutations.js'

export type OrganizationType = (typeof ORGANIZATION_TYPES)[number]
export type IndustrySegment = (typeof INDUSTRY_SEGMENTS)[number]
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number]

/** What an organization change makes stale: every organization view (lists, details, nested lists), dashboards, search. */
// An account's children show its name and go (and come back) with it on delete and restore.
export const ORGANIZATION_AFFECTS = [
  keys.organizations.all,
  keys.contacts.all,
  keys.interactions.all,
  keys.opportunities.all,
  keys.dashboard.all,
  keys.search.all,
] as const

export const ORGANIZATION_SORT_OPTIONS = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: '-updatedAt', label: 'Recently updated' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
] as const
export type OrganizationSort = (typeof ORGANIZATION_SORT_OPTIONS)[number]['value']
const SORT_VALUES: readonly string[] = ORGANIZATION_SORT_OPTIONS.map((option) => option.value)
export const DEFAULT_ORGANIZATION_SORT: OrganizationSort = 'name'

/** The list filters as the page and the URL hold them. Empty means "any". */
export interface OrganizationFilterState {
  q: string
  type: OrganizationType[]
  segment: IndustrySegment | ''
  priority: PriorityLevel[]
  assignedUserId: string
  sort: OrganizationSort
}

export const EMPTY_ORGANIZATION_FILTERS: OrganizationFilterState = {
  q: '',
  type: [],
  segment: '',
  priority: [],
  assignedUserId: '',
  sort: DEFAULT_ORGANIZATION_SORT,
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function firstString(value: LocationQuery[string] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value
  return typeof raw === 'string' ? raw : ''
}

/** Only the listed values of a comma list, in their canonical order; anything else in the URL is ignored. */
function pickList<T extends string>(value: LocationQuery[string] | undefined, allowed: readonly T[]): T[] {
  const parts = new Set(firstString(value).split(','))
  return allowed.filter((item) => parts.has(item))
}

/** Filters from the page's URL query (a bookmark, a reload, the back button), ignoring anything invalid. */
export function parseOrganizationFilters(query: LocationQuery): OrganizationFilterState {
  const segment = firstString(query.segment)
  const sort = firstString(query.sort)
  const assignedUserId = firstString(query.assignee)
  return {
    q: firstString(query.q).trim().slice(0, 200),
    type: pickList(query.type, ORGANIZATION_TYPES),
    segment: (INDUSTRY_SEGMENTS as readonly string[]).includes(segment) ? (segment as IndustrySegment) : '',
    priority: pickList(query.priority, PRIORITY_LEVELS),
    assignedUserId: UUID.test(assignedUserId) ? assignedUserId : '',
    sort: SORT_VALUES.includes(sort) ? (sort as OrganizationSort) : DEFAULT_ORGANIZATION_SORT,
  }
}

/** The URL query for a set of filters: only what differs from the defaults, so plain links stay plain. */
export function organizationFiltersToQuery(filters: OrganizationFilterState): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (filters.q) query.q = filters.q
  if (filters.type.length > 0) query.type = filters.type.join(',')
  if (filters.segment) query.segment = filters.segment
  if (filters.priority.length > 0) query.priority = filters.priority.join(',')
  if (filters.assignedUserId) query.assignee = filters.assignedUserId
  if (filters.sort !== DEFAULT_ORGANIZATION_SORT) query.sort = filters.sort
  return query
}

export function hasActiveOrganizationFilters(filters: OrganizationFilterState): boolean {
  return Boolean(filters.q || filters.type.length || filters.segment || filters.priority.length || filters.assignedUserId)
}

/** The API query for a set of filters (comma lists, empty values left out). */
export function organizationListQuery(filters: OrganizationFilterState): Omit<OrganizationQuery, 'cursor'> {
  return {
    q: filters.q || undefined,
    type: filters.type.length > 0 ? filters.type.join(',') : undefined,
    segment: filters.segment || undefined,
    priority: filters.priority.length > 0 ? filters.priority.join(',') : undefined,
    assignedUserId: filters.assignedUserId || undefined,
    sort: filters.sort,
  }
}

/** Organizations matching a filter, fetched a page at a time by cursor as the list scrolls. */
export function useOrganizationList(query: MaybeRefOrGetter<Omit<OrganizationQuery, 'cursor'>>) {
  return useList<OrganizationListItem>(
    () => keys.organizations.list(toValue(query)),
    (cursor, signal) => organizationsApi.list({ limit: 100, ...toValue(query), cursor }, signal),
  )
}

/** One organization with its assignee's name and its counts. */
export function useOrganization(id: MaybeRefOrGetter<string>) {
  return useQuery({
    queryKey: computed(() => keys.organizations.detail(toValue(id))),
    queryFn: ({ signal }) => organizationsApi.get(toValue(id), signal),
    enabled: computed(() => Boolean(toValue(id))),
  })
}

/** Whether a query failed because the record does not exist or belongs to someone else's accounts. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404
}

export function useUpdateOrganization() {
  return useUpdateRecord<Organization, OrganizationPatch>({
    noun: 'Organization',
    detailKey: keys.organizations.detail,
    send: (id, patch, version) => organizationsApi.update(id, patch, version),
    affects: ORGANIZATION_AFFECTS,
  })
}

export function useCreateOrganization() {
  return useCreateRecord<Organization, OrganizationCreate>({
    noun: 'Organization',
    send: (body) => organizationsApi.create(body),
    affects: ORGANIZATION_AFFECTS,
  })
}

/** Soft delete (contacts, interactions and opportunities go with it) with an Undo in the notice. */
export function useRemoveOrganization() {
  return useRemoveRecord<Organization>({
    noun: 'Organization',
    send: (id, version) => organizationsApi.remove(id, version),
    restore: (id) => organizationsApi.restore(id),
    affects: ORGANIZATION_AFFECTS,
    detailKey: keys.organizations.detail,
  })
}

interface ChildRows {
  contacts: Contact
  interactions: InteractionListItem
  opportunities: OpportunityListItem
}
type ChildKind = keyof ChildRows

const CHILD_FETCHERS: { [K in ChildKind]: (id: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) => Promise<Page<ChildRows[K]>> } = {
  contacts: organizationsApi.contacts,
  interactions: organizationsApi.interactions,
  opportunities: organizationsApi.opportunities,
}

/**
 * One of an organization's nested lists (contacts, the interaction timeline newest first, opportunities),
 * a page at a time. Keyed under the organization, so any change to the account refreshes them.
 */
export function useOrganizationChildren<K extends ChildKind>(id: MaybeRefOrGetter<string>, kind: K, options: { pageSize?: number } = {}) {
  const fetchPage = CHILD_FETCHERS[kind] as (id: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) => Promise<Page<ChildRows[K]>>
  return useList<ChildRows[K]>(
    () => keys.organizations.children(toValue(id), kind),
    (cursor, signal) => fetchPage(toValue(id), { cursor, limit: options.pageSize ?? 25 }, signal),
    { enabled: () => Boolean(toValue(id)) },
  )
}

const EDITABLE_FIELDS = [
  'name',
  'type',
  'industrySegment',
  'priorityLevel',
  'assignedUserId',
  'primaryPhone',
  'primaryEmail',
  'website',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'description',
  'notes',
] as const

/**
 * Only the fields an edit actually changed (an emptied text field counts as null, like the server
 * stores it); null when nothing changed, so nothing needs sending.
 */
export function changedOrganizationFields(original: Organization, values: Partial<Record<(typeof EDITABLE_FIELDS)[number], unknown>>): OrganizationPatch | null {
  const patch: Record<string, unknown> = {}
  for (const field of EDITABLE_FIELDS) {
    const next = values[field]
    if (next === undefined) continue
    if ((next ?? null) !== (original[field] ?? null)) patch[field] = next
  }
  return Object.keys(patch).length > 0 ? (patch as OrganizationPatch) : null
}

/** A server 400's field errors by field name (`body.name` → `name`), for showing under the fields. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  return Object.fromEntries(error.fieldErrors.map((field) => [field.path.replace(/^body\.?/, ''), field.message]))
}
