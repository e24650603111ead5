// @vitest-environment happy-dom
import { type InfiniteData, QueryClient } from '@tanstack/vue-query'
import { describe, expect, it } from 'vitest'
import type { OpportunityStage } from '../../shared/schemas/enums.js'
import { keys } from '../api/keys.js'
import type { OpportunityListItem, Page } from '../api/types.js'
import { boardColumnQuery, placeInLists } from './use-opportunities.js'

type ListData = InfiniteData<Page<OpportunityListItem>, string | undefined>

function deal(id: string, stage: OpportunityStage, updatedAt: string, valueCents = 100): OpportunityListItem {
  return {
    id,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt,
    deletedAt: null,
    version: 1,
    organizationId: '01900000-0000-7000-8000-0000000000aa',
    organizationName: 'Blue Door Bistro',
    contactId: null,
    principalId: null,
    assignedUserId: null,
    name: `Deal ${id}`,
    stage,
    valueCents,
    probabilityPercent: 10,
    expectedCloseDate: null,
    closedAt: null,
    lossReason: null,
  }
}

const pages = (...lists: [OpportunityListItem[], string | null][]): ListData => ({
  pages: lists.map(([data, nextCursor]) => ({ data, nextCursor })),
  pageParams: lists.map((_, index) => (index === 0 ? undefined : `c${index}`)),
})
const ids = (client: QueryClient, key: readonly unknown[]) =>
  client.getQueryData<ListData>(key)?.pages.map((page) => page.data.map((row) => row.id))

describe('placeInLists', () => {
  const prospecting = keys.opportunities.list(boardColumnQuery('prospecting', {}))
  const proposal = keys.opportunities.list(boardColumnQuery('proposal', {}))
  const table = keys.opportunities.list({ sort: '-valueCents', limit: 50 })

  it('moves a card out of its old column and into its place in the new one, and updates it in place elsewhere', () => {
    const client = new QueryClient()
    const a = deal('a', 'prospecting', '2025-03-01T00:00:00.000Z', 500)
    const b = deal('b', 'proposal', '2025-04-01T00:00:00.000Z', 900)
    const c = deal('c', 'proposal', '2025-02-01T00:00:00.000Z', 100)
    client.setQueryData(prospecting, pages([[a], null]))
    client.setQueryData(proposal, pages([[b, c], null]))
    client.setQueryData(table, pages([[b, a, c], null]))

    placeInLists(client, { ...a, stage: 'proposal', updatedAt: '2025-05-01T00:00:00.000Z' })

    expect(ids(client, prospecting)).toEqual([[]])
    expect(ids(client, proposal)).toEqual([['a', 'b', 'c']])
    expect(ids(client, table)).toEqual([['b', 'a', 'c']])
    expect(client.getQueryData<ListData>(table)?.pages[0]?.data[1]?.stage).toBe('proposal')
  })

  it('puts a card back in sorted order, and leaves a place past the loaded rows to "load more"', () => {
    const client = new QueryClient()
    const rows = [deal('x', 'proposal', '2025-04-01T00:00:00.000Z'), deal('y', 'proposal', '2025-02-01T00:00:00.000Z')]
    client.setQueryData(proposal, pages([rows, 'next']))

    placeInLists(client, deal('middle', 'proposal', '2025-03-01T00:00:00.000Z'))
    placeInLists(client, deal('old', 'proposal', '2024-01-01T00:00:00.000Z'))

    expect(ids(client, proposal)).toEqual([['x', 'middle', 'y']])
  })

  it('leaves lists of other shapes alone', () => {
    const client = new QueryClient()
    const other = keys.opportunities.list({ stage: 'proposal', picker: true })
    client.setQueryData(other, { data: [], nextCursor: null })

    placeInLists(client, deal('a', 'proposal', '2025-01-01T00:00:00.000Z'))

    expect(client.getQueryData(other)).toEqual({ data: [], nextCursor: null })
  })
})
