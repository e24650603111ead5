// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PerformanceTable from './PerformanceTable.vue'
import { summary } from './performance-fixtures.js'

const rows = [summary('GET /api/v1/search', { p95Ms: 320.2, errorRate: 0.052, errors: 3 }), summary('GET /api/v1/organizations')]
const cells = (row: ReturnType<ReturnType<typeof mount>['get']>) => row.findAll('th, td').map((cell) => cell.text())
const percent = (value: number, digits: number) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits }).format(value)

describe('PerformanceTable', () => {
  it('shows each route’s figures formatted', () => {
    const wrapper = mount(PerformanceTable, { props: { rows, caption: 'Slowest routes', nameLabel: 'Route', emptyText: 'None' } })
    const [first] = wrapper.findAll('[data-testid="performance-row"]')
    expect(cells(first!)).toEqual(['GET /api/v1/search', new Intl.NumberFormat().format(1200), '4', '12 ms', '320 ms', '180 ms', percent(0.052, 1)])
    expect(wrapper.get('caption').text()).toBe('Slowest routes')
  })

  it('marks the route an alert linked to, and only that one', () => {
    const wrapper = mount(PerformanceTable, { props: { rows, caption: 'Slowest routes', nameLabel: 'Route', highlight: 'GET /api/v1/organizations', emptyText: 'None' } })
    const [search, organizations] = wrapper.findAll('[data-testid="performance-row"]')
    expect(organizations!.attributes('aria-current')).toBe('true')
    expect(organizations!.classes()).toContain('bg-amber-50')
    expect(organizations!.text()).toContain('from the alert')
    expect(search!.attributes('aria-current')).toBeUndefined()
    expect(search!.text()).not.toContain('from the alert')
  })

  it('says so when there is nothing in the window, and shows names as text', () => {
    expect(mount(PerformanceTable, { props: { rows: [], caption: 'Slowest queries', nameLabel: 'Query', emptyText: 'No database queries in this window.' } }).text()).toContain(
      'No database queries in this window.',
    )
    const hostile = mount(PerformanceTable, { props: { rows: [summary('GET /<img src=x onerror=alert(1)>')], caption: 'Routes', nameLabel: 'Route', emptyText: '' } })
    expect(hostile.find('img').exists()).toBe(false)
    expect(hostile.text()).toContain('GET /<img src=x onerror=alert(1)>')
  })
})
