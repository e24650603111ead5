// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Dashboard } from '../../api/types.js'
import DashboardFigures from './DashboardFigures.vue'

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' })
const count = new Intl.NumberFormat()

function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    scope: { kind: 'team', userId: null },
    figures: {
      organizations: 12_345,
      aPriorityOrganizations: 321,
      contacts: 45_678,
      interactionsThisMonth: 89,
      openOpportunities: 42,
      pipelineValueCents: 123_456_789,
      wonThisQuarterCents: 5_000_000,
    },
    pipeline: [],
    winRateThisQuarter: 0.375,
    refreshedAt: '2025-05-03T10:00:00.000Z',
    ...overrides,
  }
}

describe('DashboardFigures', () => {
  it('shows every figure formatted: counts grouped, cents as currency, the win rate as a percentage', () => {
    const wrapper = mount(DashboardFigures, { props: { dashboard: dashboard() } })
    const figure = (name: string) => wrapper.get(`[data-testid="figure-${name}"] dd`).text()

    expect(figure('organizations')).toBe(count.format(12_345))
    expect(figure('aPriorityOrganizations')).toBe(count.format(321))
    expect(figure('contacts')).toBe(count.format(45_678))
    expect(figure('interactionsThisMonth')).toBe('89')
    expect(figure('openOpportunities')).toBe('42')
    // Money reads short on the card and exact for screen readers and on hover.
    const compact = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 })
    const pipeline = wrapper.get('[data-testid="figure-pipelineValue"] dd')
    expect(pipeline.get('[aria-hidden="true"]').text()).toBe(compact.format(1_234_567.89))
    expect(pipeline.get('.sr-only').text()).toBe(money.format(1_234_567.89))
    expect(pipeline.attributes('title')).toBe(money.format(1_234_567.89))
    expect(wrapper.get('[data-testid="figure-wonThisQuarter"] .sr-only').text()).toBe(money.format(50_000))
    expect(figure('winRateThisQuarter')).toBe(new Intl.NumberFormat(undefined, { style: 'percent' }).format(0.38))
    expect(wrapper.get('[data-testid="figure-pipelineValue"] dt').text()).toBe('Pipeline value')
  })

  it('says so when no deal has closed this quarter instead of showing 0%', () => {
    const wrapper = mount(DashboardFigures, { props: { dashboard: dashboard({ winRateThisQuarter: null }) } })

    expect(wrapper.get('[data-testid="figure-winRateThisQuarter"]').text()).toContain('—')
    expect(wrapper.get('[data-testid="figure-winRateThisQuarter"]').text()).toContain('No deals closed yet')
  })

  it('shows eight placeholder cards while loading', () => {
    const wrapper = mount(DashboardFigures, { props: { dashboard: undefined } })

    expect(wrapper.findAll('[data-testid^="figure-"]')).toHaveLength(0)
    expect(wrapper.findAll('.animate-pulse')).toHaveLength(8)
  })
})
