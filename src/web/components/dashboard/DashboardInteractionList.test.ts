// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { InteractionListItem } from '../../api/types.js'
import DashboardInteractionList from './DashboardInteractionList.vue'

const ORG = '01900000-0000-7000-8000-0000000000aa'
const OTHER = '01900000-0000-7000-8000-0000000000bb'

function interaction(id: string, organizationId: string, organizationName: string, followUpAt: string | null): InteractionListItem {
  return {
    id,
    organizationName,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
    version: 1,
    organizationId,
    contactId: null,
    opportunityId: null,
    userId: '01900000-0000-7000-8000-000000000001',
    type: 'visit',
    subject: 'Menu tasting',
    notes: null,
    occurredAt: '2025-01-01T00:00:00.000Z',
    followUpAt,
    outcome: null,
  }
}

const props = {
  authors: { '01900000-0000-7000-8000-000000000001': 'Sam Reed' },
  label: 'My follow-ups due',
  emptyText: 'Nothing due.',
  isLoading: false,
  isError: false,
}

describe('DashboardInteractionList', () => {
  it('links each row to its account by name, and marks follow-ups past due', () => {
    const past = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString()
    const future = new Date(Date.now() + 3 * 3600 * 1000).toISOString()
    const wrapper = mount(DashboardInteractionList, {
      props: { ...props, when: 'followUpAt', interactions: [interaction('1', ORG, 'Blue Door Bistro', past), interaction('2', OTHER, 'Harbor <General>', future)] },
      global: { stubs: { RouterLink: RouterLinkStub } },
    })

    const rows = wrapper.findAll('[data-testid="dashboard-interaction"]')
    expect(rows).toHaveLength(2)
    expect(wrapper.findAllComponents(RouterLinkStub).map((link) => link.props('to'))).toEqual([`/organizations/${ORG}`, `/organizations/${OTHER}`])
    expect(rows[0]?.text()).toContain('Blue Door Bistro')
    expect(rows[0]?.text()).toContain('Visit · Menu tasting · Sam Reed')
    expect(rows[0]?.get('time').text()).toMatch(/^Overdue · /)
    expect(rows[1]?.get('time').text()).not.toContain('Overdue')
    // Names are text, never markup.
    expect(rows[1]?.text()).toContain('Harbor <General>')
    expect(rows[1]?.find('general').exists()).toBe(false)
  })

  it('shows the empty text, and a retry when loading failed', async () => {
    const empty = mount(DashboardInteractionList, { props: { ...props, when: 'occurredAt', interactions: [] }, global: { stubs: { RouterLink: RouterLinkStub } } })
    expect(empty.text()).toBe('Nothing due.')

    const failed = mount(DashboardInteractionList, { props: { ...props, when: 'occurredAt', interactions: [], isError: true }, global: { stubs: { RouterLink: RouterLinkStub } } })
    await failed.get('button').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
  })
})
