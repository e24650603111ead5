// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Alert } from '../../api/types.js'
import { formatDateTime } from '../../composables/format.js'
import AlertActiveRow from './AlertActiveRow.vue'
import { alert } from './alert-fixtures.js'

const now = new Date('2025-05-20T14:00:00.000Z')
const number = (value: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(value)
const percent = (value: number) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(value)

function mountRow(overrides: Partial<Alert> = {}, props: { canWrite?: boolean; isPending?: boolean } = {}) {
  return mount(AlertActiveRow, {
    props: { alert: alert(overrides), canWrite: props.canWrite ?? true, isPending: props.isPending ?? false, now },
    global: { stubs: { RouterLink: RouterLinkStub } },
  })
}
const buttons = (wrapper: ReturnType<typeof mountRow>) => wrapper.findAll('button').map((button) => button.text())

describe('AlertActiveRow', () => {
  it('shows severity, state, what it watches and the figure against the condition, in its unit', () => {
    const wrapper = mountRow()
    expect(wrapper.text()).toContain('Severity: High')
    expect(wrapper.text()).toContain('State: Firing')
    expect(wrapper.get('h3').text()).toBe('Slow responses')
    expect(wrapper.text()).toContain('p95 latency on GET /api/v1/organizations')
    expect(wrapper.get('[data-testid="alert-value"]').text()).toBe(`${number(2450)} ms`)
    expect(wrapper.text()).toContain(`fires when > ${number(2000)} ms over 5 min`)
    expect(wrapper.text()).toContain(`worst ${number(3100)} ms`)
    const since = wrapper.get('time')
    expect(since.text()).toBe('9 minutes ago')
    expect(since.attributes('title')).toBe(formatDateTime('2025-05-20T13:51:00.000Z'))
  })

  it('formats a ratio metric as a percentage and says since when a pending alert has held', () => {
    const wrapper = mountRow({ metric: 'errorRate', value: 0.083, peakValue: 0.083, threshold: 0.05, state: 'pending', firedAt: null, route: null })
    expect(wrapper.get('[data-testid="alert-value"]').text()).toBe(percent(0.083))
    expect(wrapper.text()).toContain(`fires when > ${percent(0.05)}`)
    expect(wrapper.text()).not.toContain('worst')
    expect(wrapper.text()).toContain('Pending since 10 minutes ago')
  })

  it('links to the Performance page, at the route when there is one', () => {
    const withRoute = mountRow().getComponent(RouterLinkStub)
    expect(withRoute.text()).toBe('See on the Performance page')
    expect(withRoute.props('to')).toEqual({ path: '/performance', query: { route: 'GET /api/v1/organizations' } })
    expect(mountRow({ metric: 'heapShare', route: null }).getComponent(RouterLinkStub).props('to')).toEqual({ path: '/performance', query: {} })
  })

  it('offers Acknowledge and Resolve to admins, and says who acknowledged', async () => {
    const wrapper = mountRow()
    expect(wrapper.get('[data-testid="alert-acknowledged"]').text()).toBe('Not acknowledged')
    expect(buttons(wrapper)).toEqual(['Timeline and notifications', 'Acknowledge', 'Resolve'])
    await wrapper.get('button[aria-label="Acknowledge Slow responses"]').trigger('click')
    await wrapper.get('button[aria-label="Resolve Slow responses"]').trigger('click')
    expect(wrapper.emitted('acknowledge')).toHaveLength(1)
    expect(wrapper.emitted('resolve')).toHaveLength(1)

    const acknowledged = mountRow({ acknowledgedAt: '2025-05-20T13:58:00.000Z', acknowledgedBy: { id: '01900000-0000-7000-8000-000000000001', name: 'Maria Lopez' } })
    expect(acknowledged.get('[data-testid="alert-acknowledged"]').text()).toBe('Acknowledged by Maria Lopez 2 minutes ago')
    expect(buttons(acknowledged)).toEqual(['Timeline and notifications', 'Resolve'])

    // A pending alert has not fired: nothing to acknowledge yet (the server answers 409).
    expect(buttons(mountRow({ state: 'pending', firedAt: null }))).toEqual(['Timeline and notifications', 'Resolve'])
  })

  it('shows managers no write controls', () => {
    const wrapper = mountRow({}, { canWrite: false })
    expect(buttons(wrapper)).toEqual(['Timeline and notifications'])
    expect(wrapper.text()).not.toContain('Acknowledge')
    expect(wrapper.text()).not.toContain('Resolve')
  })

  it('waits for the server while saving', () => {
    const wrapper = mountRow({}, { isPending: true })
    expect(wrapper.text()).toContain('Saving…')
    expect(wrapper.get('button[aria-label="Resolve Slow responses"]').attributes('disabled')).toBeDefined()
  })

  it('renders names and routes as text, never as markup', () => {
    const wrapper = mountRow({
      ruleName: '<img src=x onerror="alert(1)">Slow',
      route: 'GET /api/<script>alert(1)</script>',
      acknowledgedAt: '2025-05-20T13:58:00.000Z',
      acknowledgedBy: { id: '01900000-0000-7000-8000-000000000001', name: '<b>Mallory</b>' },
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.get('h3').text()).toBe('<img src=x onerror="alert(1)">Slow')
    expect(wrapper.text()).toContain('GET /api/<script>alert(1)</script>')
    expect(wrapper.text()).toContain('Acknowledged by <b>Mallory</b>')
  })
})
