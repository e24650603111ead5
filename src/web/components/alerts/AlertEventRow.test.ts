// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AlertEvent } from '../../api/types.js'
import AlertEventRow from './AlertEventRow.vue'

const event: AlertEvent = {
  id: '01900000-0000-7000-8000-0000000000f1',
  alertId: '01900000-0000-7000-8000-0000000000e1',
  ruleId: '01900000-0000-7000-8000-0000000000a1',
  ruleName: 'Server errors',
  metric: 'errorRate',
  severity: 'critical',
  kind: 'fired',
  at: '2025-05-20T13:00:00.000Z',
  value: 0.0725,
  actor: null,
}
const now = new Date('2025-05-20T14:00:00.000Z')

describe('AlertEventRow', () => {
  it('shows what happened, to which rule, and the figure in the rule’s unit', async () => {
    const wrapper = mount(AlertEventRow, { props: { event, now } })
    expect(wrapper.text()).toContain('Event: Fired')
    expect(wrapper.text()).toContain('Severity: Critical')
    expect(wrapper.text()).toContain(`Value ${new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(0.0725)}`)
    expect(wrapper.get('time').text()).toBe('1 hour ago')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('details')).toHaveLength(1)
  })

  it('says who acted, as text', () => {
    const wrapper = mount(AlertEventRow, {
      props: { event: { ...event, kind: 'acknowledged', actor: { id: '01900000-0000-7000-8000-000000000001', name: '<em>Sam</em>' } }, now },
    })
    expect(wrapper.text()).toContain('· by <em>Sam</em>')
    expect(wrapper.find('em').exists()).toBe(false)
  })
})
