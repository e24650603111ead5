// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AlertRule } from '../../api/types.js'
import AlertRuleRow from './AlertRuleRow.vue'
import { rule } from './alert-fixtures.js'

const now = new Date('2025-05-20T14:01:00.000Z')
const percent = (value: number) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(value)

function mountRow(overrides: Partial<AlertRule> = {}, props: { canWrite?: boolean; channelNames?: string[] | null; isPending?: boolean; isTesting?: boolean } = {}) {
  return mount(AlertRuleRow, {
    props: { rule: rule(overrides), channelNames: props.channelNames ?? null, canWrite: props.canWrite ?? true, isPending: props.isPending, isTesting: props.isTesting, now },
  })
}

describe('AlertRuleRow', () => {
  it('says the condition in words, with the status and the last figure in the metric’s unit', () => {
    const wrapper = mountRow({ metric: 'errorRate', threshold: 0.05, route: 'POST /api/v1/interactions', status: 'firing', lastValue: 0.0725 })
    expect(wrapper.get('[data-testid="alert-rule-condition"]').text()).toBe(
      `Error rate (5xx share) on POST /api/v1/interactions > ${percent(0.05)} over 5 min, for 1 min`,
    )
    expect(wrapper.text()).toContain('Status: Firing')
    expect(wrapper.get('[data-testid="alert-rule-last"]').text()).toBe(percent(0.0725))
    expect(wrapper.text()).toContain('(1 minute ago)')
    expect(wrapper.text()).toContain('Built in')
  })

  it('says where it notifies', () => {
    expect(mountRow().text()).toContain('Notifies: All enabled channels')
    expect(mountRow({}, { channelNames: ['On-call e-mail', 'Ops Slack'] }).text()).toContain('Notifies: On-call e-mail, Ops Slack')
    expect(mountRow({}, { channelNames: [] }).text()).toContain('No channel (shown here only)')
    expect(mountRow({ repeatIntervalSeconds: 1800 }).text()).toContain('again every 30 min until acknowledged')
    expect(mountRow({ repeatIntervalSeconds: 0 }).text()).not.toContain('again every')
  })

  it('shows a disabled rule as disabled rather than OK, and one never evaluated as such', () => {
    const wrapper = mountRow({ isEnabled: false, lastValue: null, lastEvaluatedAt: null })
    expect(wrapper.text()).toContain('Disabled')
    expect(wrapper.text()).not.toContain('Status: OK')
    expect(wrapper.get('[data-testid="alert-rule-last"]').text()).toBe('—')
    expect(wrapper.text()).toContain('(not evaluated yet)')
  })

  it('gives admins the switch, a test, edit and delete', async () => {
    const wrapper = mountRow()
    const toggle = wrapper.get('[role="switch"]')
    expect(toggle.attributes('aria-checked')).toBe('true')
    await toggle.trigger('click')
    await wrapper.get('button[aria-label="Send a test for Slow responses"]').trigger('click')
    await wrapper.get('button[aria-label="Edit Slow responses"]').trigger('click')
    await wrapper.get('button[aria-label="Delete Slow responses"]').trigger('click')
    expect(wrapper.emitted('toggle')).toEqual([[false]])
    expect(wrapper.emitted('test')).toHaveLength(1)
    expect(wrapper.emitted('edit')).toHaveLength(1)
    expect(wrapper.emitted('delete')).toHaveLength(1)

    expect(mountRow({}, { isTesting: true }).get('button[aria-label="Send a test for Slow responses"]').text()).toBe('Sending…')
    expect(mountRow({}, { isPending: true }).get('[role="switch"]').attributes('disabled')).toBeDefined()
  })

  it('shows managers no write controls', () => {
    const wrapper = mountRow({}, { canWrite: false })
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(wrapper.find('[role="switch"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Enabled')
  })

  it('renders the name and description as text', () => {
    const wrapper = mountRow({ name: '<i>Slow</i>', description: '<img src=x onerror="alert(1)">' })
    expect(wrapper.find('i').exists()).toBe(false)
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('h3').text()).toBe('<i>Slow</i>')
  })
})
