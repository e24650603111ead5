// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../shared/schemas/enums.js'
import type { OpportunityListItem } from '../../api/types.js'
import { type BoardColumn, OPPORTUNITY_DRAG_TYPE } from './opportunity-board.js'
import OpportunityBoard from './OpportunityBoard.vue'

function deal(id: string, stage: OpportunityStage, overrides: Partial<OpportunityListItem> = {}): OpportunityListItem {
  return {
    id,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
    deletedAt: null,
    version: 1,
    organizationId: '01900000-0000-7000-8000-0000000000aa',
    organizationName: 'Blue Door Bistro',
    contactId: null,
    principalId: null,
    assignedUserId: null,
    name: `Deal ${id}`,
    stage,
    valueCents: 150_000,
    probabilityPercent: 25,
    expectedCloseDate: '2030-06-30',
    closedAt: null,
    lossReason: null,
    ...overrides,
  }
}

function columnsWith(deals: OpportunityListItem[]): BoardColumn[] {
  return OPPORTUNITY_STAGES.map((stage) => ({
    stage,
    rows: deals.filter((row) => row.stage === stage),
    hasMore: false,
    isLoadingMore: false,
    isLoading: false,
    isError: false,
  }))
}

function mountBoard(deals: OpportunityListItem[]) {
  return mount(OpportunityBoard, {
    props: { columns: columnsWith(deals), pendingIds: [] },
    global: { stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('OpportunityBoard', () => {
  it('renders a column for every stage with each card in its own column', () => {
    const wrapper = mountBoard([deal('a', 'prospecting'), deal('b', 'proposal'), deal('c', 'proposal', { valueCents: 50_000 })])

    for (const stage of OPPORTUNITY_STAGES) expect(wrapper.find(`[data-testid="board-column-${stage}"]`).exists()).toBe(true)
    const proposal = wrapper.get('[data-testid="board-column-proposal"]')
    expect(proposal.findAll('[data-testid="opportunity-card"]').map((card) => card.attributes('data-opportunity-id'))).toEqual(['b', 'c'])
    expect(wrapper.get('[data-testid="board-column-prospecting"]').findAll('[data-testid="opportunity-card"]')).toHaveLength(1)
    expect(wrapper.get('[data-testid="board-column-negotiation"]').findAll('[data-testid="opportunity-card"]')).toHaveLength(0)
    // The header sums what the column holds: $1,500 + $500.
    const total = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(2000)
    expect(proposal.get('[data-testid="board-column-summary"]').text()).toBe(`2 deals · ${total}`)
  })

  it('moves a card from its labelled stage select and gives the select focus in the new column', async () => {
    const card = deal('a', 'prospecting')
    const wrapper = mountBoard([card])
    const select = wrapper.get('select[aria-label="Stage of Deal a"]')

    await select.setValue('negotiation')

    expect(wrapper.emitted('move')).toEqual([[card, 'negotiation']])
    // The select keeps the real stage until the parent has moved the card.
    expect((select.element as HTMLSelectElement).value).toBe('prospecting')

    await wrapper.setProps({ columns: columnsWith([{ ...card, stage: 'negotiation' }]) })
    await nextTick()
    const moved = wrapper.get('[data-testid="board-column-negotiation"] [data-opportunity-id="a"]')
    expect(wrapper.get('[data-testid="board-column-prospecting"]').findAll('[data-testid="opportunity-card"]')).toHaveLength(0)
    expect(document.activeElement).toBe(moved.get('select').element)
  })

  it('emits a move to the stage of the column a card is dropped on', async () => {
    const card = deal('a', 'qualification')
    const wrapper = mountBoard([card])
    const dataTransfer = new DataTransfer()

    await wrapper.get('[data-opportunity-id="a"]').trigger('dragstart', { dataTransfer })
    expect(dataTransfer.getData(OPPORTUNITY_DRAG_TYPE)).toBe('a')

    await wrapper.get('[data-testid="board-column-closed_won"]').trigger('drop', { dataTransfer })
    expect(wrapper.emitted('move')).toEqual([[card, 'closed_won']])
  })

  it('ignores a drop on the card’s own column and drops that are not cards', async () => {
    const wrapper = mountBoard([deal('a', 'proposal')])
    const own = new DataTransfer()
    own.setData(OPPORTUNITY_DRAG_TYPE, 'a')
    await wrapper.get('[data-testid="board-column-proposal"]').trigger('drop', { dataTransfer: own })

    const foreign = new DataTransfer()
    foreign.setData('text/plain', 'a')
    await wrapper.get('[data-testid="board-column-negotiation"]').trigger('drop', { dataTransfer: foreign })

    expect(wrapper.emitted('move')).toBeUndefined()
  })

  it('asks for the next page of one column', async () => {
    const columns = columnsWith([deal('a', 'proposal')]).map((column) => (column.stage === 'proposal' ? { ...column, hasMore: true } : column))
    const wrapper = mount(OpportunityBoard, { props: { columns, pendingIds: [] }, global: { stubs: { RouterLink: RouterLinkStub } } })

    await wrapper.get('[data-testid="board-column-proposal"]').get('button').trigger('click')

    expect(wrapper.emitted('loadMore')).toEqual([['proposal']])
  })
})
