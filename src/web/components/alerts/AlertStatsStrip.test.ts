// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AlertStats } from '../../api/types.js'
import AlertStatsStrip from './AlertStatsStrip.vue'

const stats: AlertStats = {
  window: '7d',
  fired: 1234,
  open: 2,
  byMetric: [],
  bySeverity: [],
  meanTimeToAcknowledgeSeconds: 272,
  meanTimeToResolveSeconds: 5400,
}
const figure = (wrapper: ReturnType<typeof mount>, name: string) => wrapper.get(`[data-testid="alert-stat-${name}"]`).text()

describe('AlertStatsStrip', () => {
  it('shows fired, open and the mean times as durations', () => {
    const wrapper = mount(AlertStatsStrip, { props: { stats, window: '7d' } })
    expect(figure(wrapper, 'fired')).toBe(`Fired${new Intl.NumberFormat().format(1234)}`)
    expect(figure(wrapper, 'open')).toBe('Open now2')
    expect(figure(wrapper, 'mtta')).toBe('Mean time to acknowledge4 min 32 s')
    expect(figure(wrapper, 'mttr')).toBe('Mean time to resolve1 h 30 min')
  })

  it('says so when no alert got acknowledged or resolved, rather than 0', () => {
    const wrapper = mount(AlertStatsStrip, { props: { stats: { ...stats, meanTimeToAcknowledgeSeconds: null, meanTimeToResolveSeconds: null }, window: '24h' } })
    expect(figure(wrapper, 'mtta')).toContain('—None acknowledged')
    expect(figure(wrapper, 'mttr')).toContain('—None resolved')
  })

  it('changes the window', async () => {
    const wrapper = mount(AlertStatsStrip, { props: { stats: undefined, window: '7d' } })
    expect(wrapper.findAll('.animate-pulse')).toHaveLength(4)
    await wrapper.get('select').setValue('30d')
    expect(wrapper.emitted('update:window')).toEqual([['30d']])
  })
})
