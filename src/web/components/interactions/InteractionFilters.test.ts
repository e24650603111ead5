// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import InteractionFilters from './InteractionFilters.vue'
import { EMPTY_INTERACTION_FILTERS, filtersFromQuery, filtersToApiQuery, filtersToQuery, type InteractionFilterValues } from './interaction-filters.js'

function mountFilters(modelValue: InteractionFilterValues = EMPTY_INTERACTION_FILTERS, showMine = true) {
  return mount(InteractionFilters, { props: { modelValue, showMine } })
}
const emitted = (wrapper: ReturnType<typeof mountFilters>) => wrapper.emitted('update:modelValue')?.map(([value]) => value)

describe('InteractionFilters', () => {
  it('toggles types on and off, keeping the canonical order', async () => {
    const wrapper = mountFilters({ ...EMPTY_INTERACTION_FILTERS, types: ['visit'] })
    const button = (label: string) => wrapper.findAll('button').find((element) => element.text() === label)!
    expect(button('Visit').attributes('aria-pressed')).toBe('true')
    expect(button('Call').attributes('aria-pressed')).toBe('false')

    await button('Call').trigger('click')
    await button('Visit').trigger('click')
    expect(emitted(wrapper)).toEqual([
      { ...EMPTY_INTERACTION_FILTERS, types: ['call', 'visit'] },
      { ...EMPTY_INTERACTION_FILTERS, types: [] },
    ])
  })

  it('emits the day range and the toggles', async () => {
    const wrapper = mountFilters()
    await wrapper.get('input[type="date"]').setValue('2025-02-01')
    const [due, mine] = wrapper.findAll('input[type="checkbox"]')
    await due!.setValue(true)
    await mine!.setValue(true)
    expect(emitted(wrapper)).toEqual([
      { ...EMPTY_INTERACTION_FILTERS, from: '2025-02-01' },
      { ...EMPTY_INTERACTION_FILTERS, due: true },
      { ...EMPTY_INTERACTION_FILTERS, mine: true },
    ])
  })

  it('hides "Mine only" from reps and clears every filter at once', async () => {
    const wrapper = mountFilters({ types: ['call'], from: '2025-03-01', to: '2025-02-01', mine: false, due: true }, false)
    expect(wrapper.text()).not.toContain('Mine only')
    expect(wrapper.findAll('input[type="checkbox"]')).toHaveLength(1)
    expect(wrapper.get('[role="alert"]').text()).toContain('after the "To" day')
    await wrapper.findAll('button').find((element) => element.text() === 'Clear filters')!.trigger('click')
    expect(emitted(wrapper)).toEqual([EMPTY_INTERACTION_FILTERS])
  })

  it('shows no "Clear filters" when nothing is filtered', () => {
    expect(mountFilters().text()).not.toContain('Clear filters')
  })

  it('folds behind a toggle that counts the filters set and stays open while they change', async () => {
    const wrapper = mountFilters({ ...EMPTY_INTERACTION_FILTERS, types: ['call', 'visit'], from: '2025-02-01', to: '2025-02-28' })
    const toggle = wrapper.get('button[aria-controls]')
    const panel = () => wrapper.get(`[id="${toggle.attributes('aria-controls')}"]`)
    // The types are one filter, the day range another.
    expect(toggle.text()).toBe('Filters (2)')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(panel().classes()).toContain('max-md:hidden')
    expect(panel().findAll('input[type="checkbox"]')).toHaveLength(2)

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(panel().classes()).not.toContain('max-md:hidden')

    await panel().findAll('input[type="checkbox"]')[0]!.setValue(true)
    await wrapper.setProps({ modelValue: emitted(wrapper)!.at(-1) })
    expect(toggle.text()).toBe('Filters (3)')
    expect(toggle.attributes('aria-expanded')).toBe('true')
  })

  it('says just "Filters" when none is set, and ignores "Mine only" where it is not offered', () => {
    expect(mountFilters().get('button[aria-controls]').text()).toBe('Filters')
    expect(mountFilters({ ...EMPTY_INTERACTION_FILTERS, mine: true }, false).get('button[aria-controls]').text()).toBe('Filters')
    expect(mountFilters({ ...EMPTY_INTERACTION_FILTERS, mine: true }, true).get('button[aria-controls]').text()).toBe('Filters (1)')
  })
})

describe('interaction filters in the URL and the API', () => {
  it('round-trips through the URL query and drops what it cannot read', () => {
    const filters: InteractionFilterValues = { types: ['call', 'sampling'], from: '2025-01-01', to: '2025-01-31', mine: true, due: false }
    expect(filtersToQuery(filters)).toEqual({ type: 'call,sampling', from: '2025-01-01', to: '2025-01-31', mine: '1' })
    expect(filtersFromQuery(filtersToQuery(filters) as Record<string, string>)).toEqual(filters)
    expect(filtersFromQuery({ type: 'call,banquet', from: 'yesterday', due: '1' })).toEqual({ ...EMPTY_INTERACTION_FILTERS, types: ['call'], due: true })
  })

  it('turns local days into the start and end of those days, and "due" into the end of today', () => {
    const today = new Date('2025-05-20T10:00')
    const query = filtersToApiQuery(
      { types: ['visit', 'demo'], from: '2025-05-01', to: '2025-05-10', mine: true, due: true },
      { userId: 'a0e7b0c2-4a4c-4a7e-9a51-5c8f0b1e2d3f', today },
    )
    expect(query).toEqual({
      limit: 50,
      type: 'visit,demo',
      occurredFrom: new Date('2025-05-01T00:00').toISOString(),
      occurredTo: new Date('2025-05-10T23:59:59.999').toISOString(),
      userId: 'a0e7b0c2-4a4c-4a7e-9a51-5c8f0b1e2d3f',
      followUpTo: new Date('2025-05-20T23:59:59.999').toISOString(),
    })
    expect(filtersToApiQuery({ ...EMPTY_INTERACTION_FILTERS, mine: true })).toEqual({ limit: 50 })
  })
})
