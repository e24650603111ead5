// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AlertDetail, AlertEvent } from '../../api/types.js'
import AlertDetailPanel from './AlertDetailPanel.vue'
import { alert, delivery } from './alert-fixtures.js'

function event(n: number, kind: AlertEvent['kind'], at: string, actor: AlertEvent['actor'] = null): AlertEvent {
  return { id: `01900000-0000-7000-8000-00000000f00${n}`, alertId: alert().id, ruleId: alert().ruleId, ruleName: 'Slow responses', metric: 'latencyP95', severity: 'high', kind, at, value: 2450, actor }
}

describe('AlertDetailPanel', () => {
  it('tells the alert’s story oldest first, with its notifications and their errors as text', () => {
    const maria = { id: '01900000-0000-7000-8000-000000000001', name: 'Maria Lopez' }
    const detail: AlertDetail = {
      ...alert({ state: 'resolved', resolvedAt: '2025-05-20T14:10:00.000Z', resolvedBy: null }),
      // As the API sends them: newest first, and two steps in the same instant.
      events: [
        event(4, 'resolved', '2025-05-20T14:10:00.000Z'),
        event(3, 'acknowledged', '2025-05-20T13:58:00.000Z', maria),
        event(2, 'fired', '2025-05-20T13:51:00.000Z'),
        event(1, 'pending', '2025-05-20T13:51:00.000Z'),
      ],
      deliveries: [delivery({ status: 'dead', lastError: '<b>502</b> from the receiver' })],
    }
    const wrapper = mount(AlertDetailPanel, { props: { alert: detail } })

    const steps = wrapper.findAll('ol li').map((item) => item.find('span').text())
    expect(steps).toEqual(['Pending', 'Fired', 'Acknowledged', 'Resolved'])
    expect(wrapper.findAll('ol li')[2]!.text()).toContain('by Maria Lopez')
    expect(wrapper.text()).toContain('by itself')
    expect(wrapper.text()).toContain('Dead letter')
    expect(wrapper.text()).toContain('<b>502</b> from the receiver')
    expect(wrapper.find('b').exists()).toBe(false)
  })
})
