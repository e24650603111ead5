// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Contact } from '../../api/types.js'
import ContactListRow from './ContactListRow.vue'

const contact: Contact = {
  id: '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21',
  organizationId: '0b6f7f3e-6b8e-4f57-9d7a-0f6f3f1c2a10',
  firstName: 'Ana',
  lastName: 'Lopez',
  title: 'Executive chef',
  email: 'ana+orders@example.com',
  phone: '+1 (555) 010-0199',
  isPrimary: true,
  notes: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  deletedAt: null,
  version: 1,
}

const mountRow = (overrides: Partial<Contact> = {}) =>
  mount(ContactListRow, { props: { contact: { ...contact, ...overrides } }, global: { stubs: { RouterLink: RouterLinkStub } } })

describe('ContactListRow', () => {
  it('links to the contact and offers one-tap call and e-mail', () => {
    const wrapper = mountRow()
    expect(wrapper.text()).toContain('Ana Lopez')
    expect(wrapper.text()).toContain('Executive chef')
    expect(wrapper.text()).toContain('Primary')
    expect(wrapper.findAllComponents(RouterLinkStub).map((link) => link.props('to'))).toContain(`/contacts/${contact.id}`)
    expect(wrapper.get('a[aria-label="Call Ana Lopez"]').attributes('href')).toBe('tel:+15550100199')
    expect(wrapper.get('a[aria-label="E-mail Ana Lopez"]').attributes('href')).toBe('mailto:ana%2Borders@example.com')
  })

  it('leaves out what the contact does not have', () => {
    const wrapper = mountRow({ phone: null, email: null, title: null, isPrimary: false })
    expect(wrapper.find('a[href^="tel:"]').exists()).toBe(false)
    expect(wrapper.find('a[href^="mailto:"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Primary')
  })
})
