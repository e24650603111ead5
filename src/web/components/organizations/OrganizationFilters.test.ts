// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { EMPTY_ORGANIZATION_FILTERS, type OrganizationFilterState } from '../../composables/use-organizations.js'
import OrganizationFilters from './OrganizationFilters.vue'

const me = '0b6f7f3e-6b8e-4f57-9d7a-0f6f3f1c2a10'
const ana = '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21'

function mountFilters(filters: Partial<OrganizationFilterState> = {}, props: Record<string, unknown> = {}) {
  return mount(OrganizationFilters, { props: { filters: { ...EMPTY_ORGANIZATION_FILTERS, ...filters }, search: '', ...props } })
}

function control(wrapper: VueWrapper, label: string) {
  const element = wrapper.findAll('label').find((candidate) => candidate.text() === label)
  if (!element) throw new Error(`No control labelled ${label}`)
  return wrapper.get(`[id="${element.attributes('for')}"]`)
}

const lastFilters = (wrapper: VueWrapper) => wrapper.emitted<[OrganizationFilterState]>('update:filters')?.at(-1)?.[0]

describe('OrganizationFilters', () => {
  it('adds and removes a priority, keeping the other filters', async () => {
    const wrapper = mountFilters({ type: ['operator'], priority: ['C'] })
    const priorityA = wrapper.get('button[aria-label="Priority A"]')
    expect(priorityA.attributes('aria-pressed')).toBe('false')
    await priorityA.trigger('click')
    expect(lastFilters(wrapper)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, type: ['operator'], priority: ['A', 'C'] })

    await wrapper.get('button[aria-label="Priority C"]').trigger('click')
    expect(lastFilters(wrapper)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, type: ['operator'], priority: [] })
  })

  it('emits the chosen type, segment and sort', async () => {
    const wrapper = mountFilters()
    await wrapper.findAll('button').find((button) => button.text() === 'Distributor')!.trigger('click')
    expect(lastFilters(wrapper)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, type: ['distributor'] })

    await control(wrapper, 'Segment').setValue('healthcare')
    expect(lastFilters(wrapper)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, segment: 'healthcare' })

    await control(wrapper, 'Sort by').setValue('-updatedAt')
    expect(lastFilters(wrapper)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, sort: '-updatedAt' })
  })

  it('reports every keystroke of the search', async () => {
    const wrapper = mountFilters()
    await control(wrapper, 'Search').setValue('bis')
    expect(wrapper.emitted('update:search')).toEqual([['bis']])
    expect(wrapper.emitted('update:filters')).toBeUndefined()
  })

  it('offers the assignee filter only when asked (managers)', async () => {
    const rep = mountFilters()
    expect(rep.findAll('label').map((label) => label.text())).not.toContain('Assigned to')

    const manager = mountFilters({}, { showAssignee: true, currentUserId: me, users: [{ id: me, name: 'Maria Manager' }, { id: ana, name: 'Ana Lopez' }] })
    const select = control(manager, 'Assigned to')
    expect(select.findAll('option').map((option) => option.text())).toEqual(['Anyone', 'Me', 'Ana Lopez'])
    await select.setValue(ana)
    expect(lastFilters(manager)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, assignedUserId: ana })
  })

  it('clears everything but the sort', async () => {
    const wrapper = mountFilters({ q: 'bistro', priority: ['A'], segment: 'catering', sort: '-createdAt' }, { search: 'bistro' })
    await wrapper.findAll('button').find((button) => button.text() === 'Clear filters')!.trigger('click')
    expect(wrapper.emitted('update:search')).toEqual([['']])
    expect(lastFilters(wrapper)).toEqual({ ...EMPTY_ORGANIZATION_FILTERS, sort: '-createdAt' })
  })

  it('folds the filters behind a toggle that counts the ones set and stays open while they change', async () => {
    const wrapper = mountFilters({ type: ['operator', 'distributor'], segment: 'catering', sort: '-name' }, { search: 'bis' })
    const toggle = wrapper.get('button[aria-controls]')
    const panel = () => wrapper.get(`[id="${toggle.attributes('aria-controls')}"]`)
    // Two types are one filter; the search box (outside the fold) and the sort are not counted.
    expect(toggle.text()).toBe('Filters (2)')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(panel().classes()).toContain('max-md:hidden')
    expect(panel().find('input[type="search"]').exists()).toBe(false)
    expect(panel().find('button[aria-label="Priority A"]').exists()).toBe(true)

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(panel().classes()).not.toContain('max-md:hidden')

    await panel().get('button[aria-label="Priority A"]').trigger('click')
    await wrapper.setProps({ filters: lastFilters(wrapper) })
    expect(toggle.text()).toBe('Filters (3)')
    expect(toggle.attributes('aria-expanded')).toBe('true')

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(panel().classes()).toContain('max-md:hidden')
  })

  it('says just "Filters" when none is set, and counts the assignee only where it is offered', () => {
    expect(mountFilters({ sort: '-name' }).get('button[aria-controls]').text()).toBe('Filters')
    expect(mountFilters({ assignedUserId: ana }).get('button[aria-controls]').text()).toBe('Filters')
    expect(mountFilters({ assignedUserId: ana }, { showAssignee: true, users: [{ id: ana, name: 'Ana Lopez' }] }).get('button[aria-controls]').text()).toBe('Filters (1)')
  })

  it('has nothing to clear when no filter is set', () => {
    const wrapper = mountFilters({ sort: '-name' })
    expect(wrapper.findAll('button').some((button) => button.text() === 'Clear filters')).toBe(false)
  })
})
