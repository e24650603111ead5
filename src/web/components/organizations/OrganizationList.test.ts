// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Organization } from '../../api/types.js'
import OrganizationList from './OrganizationList.vue'

const ROW_HEIGHT = 72

function organizations(count: number): Organization[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `Account ${index}`,
    type: 'operator',
    industrySegment: 'casual_dining',
    priorityLevel: (['A', 'B', 'C', 'D'] as const)[index % 4]!,
    assignedUserId: null,
    primaryEmail: null,
    primaryPhone: null,
    website: null,
    street: null,
    city: 'Austin',
    region: 'TX',
    postalCode: null,
    country: null,
    annualRevenueCents: null,
    description: null,
    notes: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
    version: 1,
  }))
}

function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:pathMatch(.*)*', component: { render: () => null } }],
  })
}

describe('OrganizationList', () => {
  beforeEach(() => {
    // No layout engine here: give the window a phone-sized viewport and every row its real height.
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(800)
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const height = this.getAttribute('role') === 'listitem' ? ROW_HEIGHT : 0
      return { x: 0, y: 0, top: 0, left: 0, right: 360, bottom: height, width: 360, height, toJSON: () => ({}) } as DOMRect
    })
  })
  afterEach(() => {
    window.scrollTo(0, 0)
    vi.restoreAllMocks()
  })

  it('keeps only the rows near the screen in the page, however many are loaded', async () => {
    const wrapper = mount(OrganizationList, {
      props: { rows: organizations(10_000), hasMore: true },
      global: { plugins: [router()] },
      attachTo: document.body,
    })
    await flushPromises()
    await nextTick()

    const rendered = wrapper.findAll('[data-testid="organization-row"]')
    expect(rendered.length).toBeGreaterThan(0)
    expect(rendered.length).toBeLessThanOrEqual(100)
    expect(rendered[0]!.text()).toContain('Account 0')
    // The list is as tall as all its rows, so the scrollbar tells the truth.
    expect(wrapper.get('[role="list"]').attributes('style')).toContain(`height: ${10_000 * ROW_HEIGHT}px`)
    // Far from the end: no next page asked for yet.
    expect(wrapper.emitted('loadMore')).toBeUndefined()
    wrapper.unmount()
  })

  it('asks for the next page as the end of the loaded rows scrolls into view', async () => {
    const wrapper = mount(OrganizationList, {
      props: { rows: organizations(200), hasMore: true },
      global: { plugins: [router()] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.emitted('loadMore')).toBeUndefined()

    window.scrollTo(0, 200 * ROW_HEIGHT - 800)
    window.dispatchEvent(new Event('scroll'))
    await flushPromises()
    await nextTick()

    expect(wrapper.emitted('loadMore')).toHaveLength(1)
    const rendered = wrapper.findAll('[data-testid="organization-row"]')
    expect(rendered.length).toBeLessThanOrEqual(100)
    expect(rendered.at(-1)!.text()).toContain('Account 199')
    wrapper.unmount()
  })

  it('links each row to its organization', async () => {
    const wrapper = mount(OrganizationList, { props: { rows: organizations(3) }, global: { plugins: [router()] }, attachTo: document.body })
    await flushPromises()
    const links = wrapper.findAll('[data-testid="organization-row"] a')
    expect(links.map((link) => link.attributes('href'))).toEqual([
      '/organizations/00000000-0000-4000-8000-000000000000',
      '/organizations/00000000-0000-4000-8000-000000000001',
      '/organizations/00000000-0000-4000-8000-000000000002',
    ])
    expect(links[1]!.text()).toBe('Account 1')
    wrapper.unmount()
  })

  it('shows skeleton rows and no data rows while the first page loads', () => {
    const wrapper = mount(OrganizationList, { props: { rows: [], isPending: true }, global: { plugins: [router()] } })
    expect(wrapper.findAll('[data-testid="organization-row"]')).toHaveLength(0)
    expect(wrapper.findAll('.animate-pulse').length).toBeGreaterThanOrEqual(8)
    expect(wrapper.get('[role="status"]').attributes('aria-busy')).toBe('true')
  })

  it('suggests clearing the filters when they match nothing, and adding one when there is none', async () => {
    const filtered = mount(OrganizationList, { props: { rows: [], isFiltered: true }, global: { plugins: [router()] } })
    expect(filtered.text()).toContain('No organizations match these filters.')
    await filtered.get('button').trigger('click')
    expect(filtered.emitted('clearFilters')).toHaveLength(1)

    const empty = mount(OrganizationList, { props: { rows: [] }, global: { plugins: [router()] } })
    expect(empty.text()).toContain('No organizations yet.')
    await empty.get('button').trigger('click')
    expect(empty.emitted('create')).toHaveLength(1)
  })

  it('offers a retry when the list could not be loaded', async () => {
    const wrapper = mount(OrganizationList, {
      props: { rows: [], isError: true, errorText: 'The server could not be reached.' },
      global: { plugins: [router()] },
    })
    expect(wrapper.get('[role="alert"]').text()).toContain('The server could not be reached.')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })
})
