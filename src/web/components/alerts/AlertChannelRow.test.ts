// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AlertChannel } from '../../api/types.js'
import AlertChannelRow from './AlertChannelRow.vue'
import { channel } from './alert-fixtures.js'

const mountRow = (overrides: Partial<AlertChannel> = {}, canWrite = true) => mount(AlertChannelRow, { props: { channel: channel(overrides), canWrite } })
const buttons = (wrapper: ReturnType<typeof mountRow>) => wrapper.findAll('button:not([role="switch"])').map((button) => button.text())

describe('AlertChannelRow', () => {
  it('shows the kind, the name and the target the server masked', () => {
    const wrapper = mountRow({ kind: 'webhook', name: 'Pager', target: 'https://pager.example.com/…', from: null, to: null })
    expect(wrapper.text()).toContain('Kind: Webhook')
    expect(wrapper.get('h3').text()).toBe('Pager')
    expect(wrapper.get('[data-testid="alert-channel-target"]').text()).toBe('https://pager.example.com/…')
    expect(wrapper.text()).toContain('Source: Added here')
  })

  it('lets admins switch, test, edit and delete a channel added here', async () => {
    const wrapper = mountRow()
    expect(buttons(wrapper)).toEqual(['Send test', 'Edit', 'Delete'])
    await wrapper.get('[role="switch"]').trigger('click')
    await wrapper.get('button[aria-label="Send a test to On-call e-mail"]').trigger('click')
    expect(wrapper.emitted('toggle')).toEqual([[false]])
    expect(wrapper.emitted('test')).toHaveLength(1)
  })

  it('marks a channel from the server’s environment and offers only the switch and a test', async () => {
    const wrapper = mountRow({ source: 'environment', isEnabled: false })
    expect(wrapper.text()).toContain('Source: Server setting')
    expect(wrapper.text()).not.toContain('Added here')
    expect(wrapper.text()).toContain('Disabled')
    expect(buttons(wrapper)).toEqual(['Send test'])
    const toggle = wrapper.get('[role="switch"]')
    expect(toggle.attributes('aria-checked')).toBe('false')
    await toggle.trigger('click')
    expect(wrapper.emitted('toggle')).toEqual([[true]])
  })

  it('shows managers no write controls', () => {
    const wrapper = mountRow({}, false)
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(wrapper.text()).toContain('Enabled')
  })
})
