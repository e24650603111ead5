// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { AlertDelivery } from '../../api/types.js'
import AlertDeliveryRow from './AlertDeliveryRow.vue'
import { delivery } from './alert-fixtures.js'

const now = new Date('2025-05-20T14:01:00.000Z')
const mountRow = (overrides: Partial<AlertDelivery> = {}, canWrite = true) => mount(AlertDeliveryRow, { props: { delivery: delivery(overrides), canWrite, now } })

describe('AlertDeliveryRow', () => {
  it('shows where it went, what for, and that it got there', () => {
    const wrapper = mountRow()
    expect(wrapper.text()).toContain('Status: Sent')
    expect(wrapper.text()).toContain('Ops webhook')
    expect(wrapper.text()).toContain('Alert fired')
    expect(wrapper.text()).toContain('1 attempt · sent 10 minutes ago')
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('offers admins a resend for a dead letter, with the channel’s error as text', async () => {
    const wrapper = mountRow({ status: 'dead', attempts: 5, sentAt: null, lastError: 'HTTP 500 <html><script>alert(1)</script></html>' })
    expect(wrapper.text()).toContain('Status: Dead letter')
    expect(wrapper.text()).toContain('5 attempts')
    expect(wrapper.get('[data-testid="alert-delivery-error"]').text()).toBe('HTTP 500 <html><script>alert(1)</script></html>')
    expect(wrapper.find('script').exists()).toBe(false)
    await wrapper.get('button[aria-label="Resend to Ops webhook"]').trigger('click')
    expect(wrapper.emitted('resend')).toHaveLength(1)
  })

  it('offers no resend for deliveries still trying, nor to managers', () => {
    expect(mountRow({ status: 'retrying', sentAt: null }).find('button').exists()).toBe(false)
    expect(mountRow({ status: 'dead', sentAt: null }, false).find('button').exists()).toBe(false)
  })
})
