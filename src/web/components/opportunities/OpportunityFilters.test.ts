// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import OpportunityFilters from './OpportunityFilters.vue'

const ana = { id: '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21', name: 'Ana Lopez' }

function mountFilters(props: Record<string, unknown> = {}) {
  return mount(OpportunityFilters, { props: { q: '', minValue: '', ...props } })
}

describe('OpportunityFilters', () => {
  it('folds the filters behind a toggle that counts the ones set and stays open while they change', async () => {
    const wrapper = mountFilters({ q: 'walk-in', minValue: '500', users: [ana], showSort: true, sort: 'name' })
    const toggle = wrapper.get('button[aria-controls]')
    const panel = () => wrapper.get(`[id="${toggle.attributes('aria-controls')}"]`)
    // The search box stays outside the fold and, like the sort, is not counted.
    expect(toggle.text()).toBe('Filters (1)')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(panel().classes()).toContain('max-md:hidden')
    expect(panel().find('#opportunity-filter-q').exists()).toBe(false)
    expect(panel().find('#opportunity-filter-sort').exists()).toBe(true)

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(panel().classes()).not.toContain('max-md:hidden')

    await panel().get('#opportunity-filter-assignee').setValue(ana.id)
    expect(wrapper.emitted('update:assignee')).toEqual([[ana.id]])
    await wrapper.setProps({ assignee: ana.id })
    expect(toggle.text()).toBe('Filters (2)')
    expect(toggle.attributes('aria-expanded')).toBe('true')

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('false')
  })

  it('counts a minimum value only above zero, and the assignee only for managers', async () => {
    const wrapper = mountFilters({ minValue: '0', assignee: ana.id })
    const toggle = wrapper.get('button[aria-controls]')
    expect(toggle.text()).toBe('Filters')
    await wrapper.setProps({ minValue: '250' })
    expect(toggle.text()).toBe('Filters (1)')
    await wrapper.setProps({ users: [ana] })
    expect(toggle.text()).toBe('Filters (2)')
  })

  it('reports the search and the minimum value as they are typed, as text', async () => {
    const wrapper = mountFilters()
    await wrapper.get('#opportunity-filter-q').setValue('tasting')
    await wrapper.get('#opportunity-filter-min').setValue('1000')
    expect(wrapper.emitted('update:q')).toEqual([['tasting']])
    expect(wrapper.emitted('update:minValue')).toEqual([['1000']])
  })
})
