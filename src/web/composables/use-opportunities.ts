import { type InfiniteData, type QueryClient, useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { OPPORTUNITY_STAGES, type OpportunityStage, STAGE_PROBABILITY } from '../../shared/schemas/enums.js'
import { ApiError, errorMessage } from '../api/client.js'
import { keys } from '../api/keys.js'
import { opportunitiesApi, organizationsApi } from '../api/resources.js'
import type { Opportunity, OpportunityCreate, OpportunityListItem, OpportunityQuery, Page } from '../api/types.js'
import { useNoticesStore } from '../stores/notices.js'
import { humanize } from './format.js'
import { useList } from './use-list.js'
import { useCreateRecord } from './use-record-mutations.js'

/** What a change to a deal makes stale: deal lists, account pages (counts, tabs), dashboards, search. */
export const OPPORTUNITY_AFFECTS = [keys.opportunities.all, keys.organizations.all, keys.dashboard.all, keys.search.all] as const

/** The filters shared by the board and the table. */
export interface OpportunityFilters {
  q?: string
  minValueCents?: number
  assignedUserId?: string
}

export type OpportunitySort = 'updatedAt' | '-updatedAt' | 'name' | '-name' | 'valueCents' | '-valueCents'

const COLUMN_LIMIT = 50

/** One board column: a stage's deals, most recently touched first. */
export function boardColumnQuery(stage: OpportunityStage, filters: OpportunityFilters) {
  return { ...filters, stage, sort: '-updatedAt', limit: COLUMN_LIMIT } satisfies OpportunityQuery
}

/** Every stage's column, each paged on its own; `enabled` is false while the table is shown. */
export function useOpportunityBoard(filters: MaybeRefOrGetter<OpportunityFilters>, enabled: MaybeRefOrGetter<boolean>) {
  return OPPORTUNITY_STAGES.map((stage) => {
    const query = () => boardColumnQuery(stage, toValue(filters))
    const list = useList<OpportunityListItem>(
      () => keys.opportunities.list(query()),
      (cursor, signal) => opportunitiesApi.list({ ...query(), cursor }, signal),
      { enabled },
    )
    return { stage, list }
  })
}

/** All stages in one list, in the chosen order. */
export function useOpportunityTable(
  filters: MaybeRefOrGetter<OpportunityFilters>,
  sort: MaybeRefOrGetter<OpportunitySort>,
  enabled: MaybeRefOrGetter<boolean>,
) {
  const query = () => ({ ...toValue(filters), sort: toValue(sort), limit: COLUMN_LIMIT }) satisfies OpportunityQuery
  return useList<OpportunityListItem>(
    () => keys.opportunities.list(query()),
    (cursor, signal) => opportunitiesApi.list({ ...query(), cursor }, signal),
    { enabled },
  )
}

type ListData = InfiniteData<Page<OpportunityListItem>, string | undefined>

function isListData(data: unknown): data is ListData {
  return typeof data === 'object' && data !== null && Array.isArray((data as { pages?: unknown }).pages)
}

/** Whether a deal belongs in a list with these filters (the ones a stage change can affect). */
function belongs(record: OpportunityListItem, query: Record<string, unknown>) {
  if (typeof query.stage === 'string' && !query.stage.split(',').includes(record.stage)) return false
  if (typeof query.organizationId === 'string' && query.organizationId !== record.organizationId) return false
  if (typeof query.assignedUserId === 'string' && query.assignedUserId !== record.assignedUserId) return false
  if (typeof query.minValueCents === 'number' && record.valueCents < query.minValueCents) return false
  return true
}

/** Orders two deals the way the server sorts a list (`-updatedAt` unless the query says otherwise). */
function comparator(sort: unknown) {
  const text = typeof sort === 'string' ? sort : '-updatedAt'
  const field = text.replace(/^-/, '') as 'updatedAt' | 'createdAt' | 'name' | 'valueCents'
  const sign = text.startsWith('-') ? -1 : 1
  return (a: OpportunityListItem, b: OpportunityListItem) => {
    const left = a[field]
    const right = b[field]
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right))
    return sign * order
  }
}

/**
 * Puts a deal where it now belongs in every cached deal list: out of lists whose filters it no longer
 * matches, into the right place of those it now matches. A place past the last loaded row is left to
 * "load more", so a list never shows a row out of order.
 */
export function placeInLists(client: QueryClient, record: OpportunityListItem) {
  for (const [key, data] of client.getQueriesData<ListData>({ queryKey: [...keys.opportunities.all, 'list'] })) {
    if (!isListData(data)) continue
    const query = (key[2] ?? {}) as Record<string, unknown>
    const pages = data.pages.map((page) => ({ ...page, data: page.data.filter((row) => row.id !== record.id) }))
    if (belongs(record, query)) {
      const compare = comparator(query.sort)
      for (const [index, page] of pages.entries()) {
        const at = page.data.findIndex((row) => compare(record, row) < 0)
        const isLast = index === pages.length - 1
        if (at >= 0 || (isLast && page.nextCursor === null)) {
          page.data.splice(at >= 0 ? at : page.data.length, 0, record)
          break
        }
      }
    }
    client.setQueryData<ListData>(key, { ...data, pages })
  }
}

export interface StageMove {
  opportunity: OpportunityListItem
  stage: OpportunityStage
  lossReason?: string
}

const MOVE_KEY = ['opportunities', 'move'] as const

/**
 * Moving a deal to another stage: the card moves at once in every list on screen, the PATCH carries the
 * version it was based on, and a failure puts it back. When someone else changed the deal first (412),
 * their version is shown instead and the lists reload.
 */
export function useMoveOpportunity() {
  const client = useQueryClient()
  const notices = useNoticesStore()

  const mutation = useMutation({
    mutationKey: MOVE_KEY,
    mutationFn: ({ opportunity, stage, lossReason }: StageMove) =>
      opportunitiesApi.update(opportunity.id, { stage, ...(lossReason ? { lossReason } : {}) }, opportunity.version),
    onMutate: async ({ opportunity, stage, lossReason }) => {
      await client.cancelQueries({ queryKey: [...keys.opportunities.all, 'list'] })
      const isClosed = stage === 'closed_won' || stage === 'closed_lost'
      // The server applies the same rules: the stage's probability, and closedAt stamped or cleared.
      placeInLists(client, {
        ...opportunity,
        stage,
        probabilityPercent: STAGE_PROBABILITY[stage],
        closedAt: isClosed ? new Date().toISOString() : null,
        lossReason: lossReason ?? opportunity.lossReason,
        updatedAt: new Date().toISOString(),
      })
    },
    onError: (error, { opportunity }) => {
      if (error instanceof ApiError && error.isConflict) {
        if (error.current) placeInLists(client, error.current as OpportunityListItem)
        notices.show('Someone else changed this deal — reloaded', 'error')
        return
      }
      placeInLists(client, opportunity)
      notices.show(`“${opportunity.name}” was not moved: ${errorMessage(error)}`, 'error')
    },
    onSuccess: (saved, { opportunity }) => {
      // The answer is the record; the row also carries its organization's name.
      const row: OpportunityListItem = { ...opportunity, ...saved }
      placeInLists(client, row)
      notices.show(`Moved “${row.name}” to ${humanize(row.stage)}`, 'success', {
        label: 'Undo',
        run: () => move({ opportunity: row, stage: opportunity.stage }),
      })
    },
    // Refresh in the background: the save's own feedback never waits for every list to reload.
    onSettled: () => void Promise.all(OPPORTUNITY_AFFECTS.map((queryKey) => client.invalidateQueries({ queryKey }))),
  })

  function move(input: StageMove): void {
    mutation.mutate(input)
  }

  const pending = useMutationState({
    filters: { mutationKey: MOVE_KEY, status: 'pending' },
    select: (entry) => (entry.state.variables as StageMove | undefined)?.opportunity.id ?? '',
  })
  const pendingIds = computed(() => pending.value.filter(Boolean))

  return { ...mutation, move, pendingIds }
}

export function useCreateOpportunity() {
  return useCreateRecord<Opportunity, OpportunityCreate>({
    noun: 'Opportunity',
    send: (body) => opportunitiesApi.create(body),
    affects: OPPORTUNITY_AFFECTS,
  })
}

/**
 * Accounts matching what is typed in a picker (`type: 'principal'` for the manufacturer picker). Only
 * asks the server while `enabled` (the dialog is open).
 */
export function useOrganizationOptions(q: MaybeRefOrGetter<string>, options: { type?: 'principal'; enabled: MaybeRefOrGetter<boolean> }) {
  const query = computed(() => ({ q: toValue(q).trim(), type: options.type, sort: 'name', limit: 8 }) as const)
  const result = useQuery({
    // Marked apart from the organizations page's paged lists of the same filters: a different shape.
    queryKey: computed(() => keys.organizations.picker(query.value)),
    queryFn: ({ signal }) => organizationsApi.list(query.value, signal),
    enabled: computed(() => toValue(options.enabled)),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  })
  const organizations = computed(() => result.data.value?.data ?? [])
  return { ...result, organizations }
}
