// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PerformanceCacheTable from './PerformanceCacheTable.vue'
import PerformanceFigures from './PerformanceFigures.vue'
import { overview } from './performance-fixtures.js'

const value = (wrapper: ReturnType<typeof mount>, name: string) => wrapper.get(`[data-testid="performance-${name}"] dd`).text()
const hint = (wrapper: ReturnType<typeof mount>, name: string) => wrapper.findAll(`[data-testid="performance-${name}"] dd`)[1]?.text()
const number = (figure: number, digits: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(figure)
const percent = (figure: number, digits: number) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits }).format(figure)

describe('PerformanceFigures', () => {
  it('shows the request summary: count, throughput, percentiles and error rate', () => {
    const wrapper = mount(PerformanceFigures, { props: { overview: overview() } })
    expect(value(wrapper, 'count')).toBe(new Intl.NumberFormat().format(12_345))
    expect(value(wrapper, 'perSecond')).toBe(`${number(41.15, 1)} req/s`)
    expect(value(wrapper, 'p50')).toBe('8.2 ms')
    expect(value(wrapper, 'p95')).toBe('64 ms')
    expect(value(wrapper, 'p99')).toBe(`${number(1250, 0)} ms`)
    expect(value(wrapper, 'errorRate')).toBe(percent(0.005, 2))
    expect(hint(wrapper, 'errorRate')).toBe('62 failed')
  })

  it('shows the process figures: heap share with its bytes, event loop, memory and CPU', () => {
    const wrapper = mount(PerformanceFigures, { props: { overview: overview() } })
    expect(value(wrapper, 'heapShare')).toBe(percent(0.046875, 1))
    expect(hint(wrapper, 'heapShare')).toBe('96 MB of 2 GB')
    expect(value(wrapper, 'eventLoop')).toBe('24 ms')
    expect(value(wrapper, 'rss')).toBe('210 MB')
    expect(value(wrapper, 'cpu')).toBe(`${number(37.25, 1)}%`)
    expect(wrapper.find('[data-testid="performance-pool"]').exists()).toBe(false)

    const pooled = mount(PerformanceFigures, { props: { overview: overview({ databasePool: { total: 10, idle: 7, waiting: 1 } }) } })
    expect(value(pooled, 'pool')).toBe('3 busy')
    expect(hint(pooled, 'pool')).toBe('7 idle, 1 waiting')
  })

  it('pulses while loading', () => {
    const wrapper = mount(PerformanceFigures, { props: { overview: undefined } })
    expect(wrapper.findAll('[data-testid^="performance-"]')).toHaveLength(0)
    expect(wrapper.get('[aria-busy="true"]').findAll('.animate-pulse').length).toBeGreaterThan(0)
  })
})

describe('PerformanceCacheTable', () => {
  it('shows the hit ratio per namespace, and "—" for one not read in the window', () => {
    const wrapper = mount(PerformanceCacheTable, { props: { cache: overview().cache } })
    const rows = wrapper.findAll('[data-testid="performance-cache-row"]').map((row) => row.findAll('th, td').map((cell) => cell.text()))
    expect(rows).toEqual([
      ['organizations', '900', '100', percent(0.9, 1)],
      ['dashboard', '0', '0', '—'],
    ])
    expect(wrapper.get('[data-testid="performance-cache-summary"]').text()).toContain(`hit ratio ${percent(0.9, 1)}`)
  })
})
