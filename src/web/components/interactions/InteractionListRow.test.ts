// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { InteractionListItem } from '../../api/types.js'
import { formatDateTime } from '../../composables/format.js'
import InteractionListRow from './InteractionListRow.vue'

const interaction: InteractionListItem = {
  organizationName: 'Blue Door Bistro',
  id: '9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  organizationId: '0b6f7f3e-6b8e-4f57-9d7a-0f6f3f1c2a10',
  contactId: '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21',
  opportunityId: null,
  userId: 'a0e7b0c2-4a4c-4a7e-9a51-5c8f0b1e2d3f',
  type: 'sampling',
  subject: 'Brioche tasting with the pastry team',
  notes: '<b>Loved</b> the brioche',
  occurredAt: '2025-05-17T15:00:00.000Z',
  followUpAt: '2025-05-20T04:00:00.000Z',
  outcome: 'positive',
  createdAt: '2025-05-17T15:05:00.000Z',
  updatedAt: '2025-05-17T15:05:00.000Z',
  deletedAt: null,
  version: 1,
}
const now = new Date('2025-05-20T15:00:00.000Z')

const mountRow = (overrides: Partial<InteractionListItem> = {}, props: Record<string, unknown> = {}) =>
  mount(InteractionListRow, { props: { interaction: { ...interaction, ...overrides }, now, ...props }, global: { stubs: { RouterLink: RouterLinkStub } } })

describe('InteractionListRow', () => {
  it('shows type, subject, outcome and when, relative with the exact time on hover', () => {
    const wrapper = mountRow()
    expect(wrapper.text()).toContain('Sampling')
    expect(wrapper.get('h3').text()).toBe('Brioche tasting with the pastry team')
    expect(wrapper.text()).toContain('Positive')
    const time = wrapper.get('time')
    expect(time.text()).toBe('3 days ago')
    expect(time.attributes('title')).toBe(formatDateTime(interaction.occurredAt))
    // User text is text, never markup.
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.text()).toContain('<b>Loved</b> the brioche')
  })

  it('links to the organization, by name, and the contact', () => {
    const links = mountRow().findAllComponents(RouterLinkStub)
    expect(links[0]?.text()).toBe('Blue Door Bistro')
    const targets = links.map((link) => link.props('to'))
    expect(targets).toEqual([`/organizations/${interaction.organizationId}`, `/contacts/${interaction.contactId}`])
    const withoutContact = mountRow({ contactId: null }).findAllComponents(RouterLinkStub).map((link) => link.props('to'))
    expect(withoutContact).toEqual([`/organizations/${interaction.organizationId}`])
  })

  it('flags a follow-up that is due and not one that is later', () => {
    expect(mountRow().text()).toContain('Follow-up due')
    const later = mountRow({ followUpAt: '2025-06-02T12:00:00.000Z' })
    expect(later.text()).not.toContain('Follow-up due')
    expect(later.text()).toContain('Follow up')
  })
})
