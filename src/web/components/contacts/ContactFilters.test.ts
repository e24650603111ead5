// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ContactFilters from './ContactFilters.vue'

function mountFilters(props: Record<string, unknown> = {}) {
  return mount(ContactFilters, { props: { search: '', primaryOnly: false, sort: 'lastName', ...props } })
}

describe('ContactFilters', () => {
  it('reports the search, "Primary contacts only" and the sort', async () => {
    const wrapper = mountFilters()
    await wrapper.get('#contacts-search').setValue('chef')
    await wrapper.get('input[type="checkbox"]').setValue(true)
    await wrapper.get('#contacts-sort').setValue('-updatedAt')
    expect(wrapper.emitted('update:search')).toEqual([['chef']])
    expect(wrapper.emitted('update:primaryOnly')).toEqual([[true]])
    expect(wrapper.emitted('update:sort')).toEqual([['-updatedAt']])
  })

  it('folds the filters behind a toggle that counts the ones set and stays open while they change', async () => {
    const wrapper = mountFilters({ search: 'chef', sort: '-createdAt' })
    const toggle = wrapper.get('button[aria-controls]')
    const panel = () => wrapper.get(`[id="${toggle.attributes('aria-controls')}"]`)
    // Neither the search box (outside the fold) nor the sort counts as a filter.
    expect(toggle.text()).toBe('Filters')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(panel().classes()).toContain('max-md:hidden')
    expect(panel().find('#contacts-search').exists()).toBe(false)

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(panel().classes()).not.toContain('max-md:hidden')

    await panel().get('input[type="checkbox"]').setValue(true)
    await wrapper.setProps({ primaryOnly: true })
    expect(toggle.text()).toBe('Filters (1)')
    expect(toggle.attributes('aria-expanded')).toBe('true')
  })
})
