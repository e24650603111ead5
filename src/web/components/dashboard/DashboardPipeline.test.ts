// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Dashboard } from '../../api/types.js'
import DashboardPipeline from './DashboardPipeline.vue'

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' })

function pipeline(values: [number, number][]): Dashboard['pipeline'] {
  const stages = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const
  return stages.map((stage, index) => ({ stage, count: values[index]?.[0] ?? 0, valueCents: values[index]?.[1] ?? 0 }))
}

const widths = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('[data-testid="pipeline-bar"]').map((bar) => (bar.element as HTMLElement).style.width)

describe('DashboardPipeline', () => {
  it('draws each stage as a bar proportional to its value, the largest full width', () => {
    const wrapper = mount(DashboardPipeline, {
      props: { pipeline: pipeline([[4, 2_000_000], [2, 1_000_000], [1, 500_000], [0, 0], [3, 4_000_000], [1, 100_000]]) },
    })

    expect(widths(wrapper)).toEqual(['50%', '25%', '12.5%', '0%', '100%', '2.5%'])
  })

  it('labels each bar with its stage, count and value in words', () => {
    const wrapper = mount(DashboardPipeline, { props: { pipeline: pipeline([[1, 250_000], [3, 1_234_500]]) } })

    expect(wrapper.get('[data-testid="pipeline-prospecting"]').text()).toBe(`Prospecting1 deal · ${money.format(2500)}`)
    expect(wrapper.get('[data-testid="pipeline-qualification"]').text()).toBe(`Qualification3 deals · ${money.format(12_345)}`)
    expect(wrapper.get('[data-testid="pipeline-closed_lost"]').text()).toBe(`Closed lost0 deals · ${money.format(0)}`)
  })

  it('falls back to counts when no deal has a value yet', () => {
    const wrapper = mount(DashboardPipeline, { props: { pipeline: pipeline([[4, 0], [2, 0], [1, 0]]) } })

    expect(widths(wrapper)).toEqual(['100%', '50%', '25%', '0%', '0%', '0%'])
  })

  it('keeps a sliver for a stage with deals far smaller than the largest', () => {
    const wrapper = mount(DashboardPipeline, { props: { pipeline: pipeline([[1, 100], [1, 10_000_000]]) } })

    expect(widths(wrapper)[0]).toBe('1.5%')
  })
})
