// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/client.js'
import type { Contact } from '../../api/types.js'
import ContactForm from './ContactForm.vue'

const organizationId = '0b6f7f3e-6b8e-4f57-9d7a-0f6f3f1c2a10'

function makeContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21',
    organizationId,
    firstName: 'Ana',
    lastName: 'Lopez',
    title: 'Executive chef',
    email: 'ana@example.com',
    phone: null,
    isPrimary: false,
    notes: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
    version: 3,
    ...overrides,
  }
}

const field = (wrapper: ReturnType<typeof mount>, label: string) => {
  const id = wrapper.findAll('label').find((element) => element.text() === label)!.attributes('for')
  return wrapper.get(`#${CSS.escape(id!)}`)
}

describe('ContactForm', () => {
  it('shows validation messages and sends nothing when required names are empty or the e-mail is malformed', async () => {
    const create = vi.fn(async () => makeContact())
    const wrapper = mount(ContactForm, { props: { organizationId, create } })
    await field(wrapper, 'E-mail').setValue('not-an-address')
    await wrapper.get('form').trigger('submit')

    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'First name').attributes('aria-invalid')).toBe('true')
    expect(field(wrapper, 'Last name').attributes('aria-invalid')).toBe('true')
    expect(field(wrapper, 'E-mail').attributes('aria-invalid')).toBe('true')
    expect(wrapper.findAll('p.text-red-700').map((p) => p.text())).toEqual(expect.arrayContaining(['Required']))
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('creates a contact at the organization with empty optional fields sent as null', async () => {
    const created = makeContact({ id: 'c2f7a1a4-1d8b-4c55-9b0e-3f0c1a2b3c4d' })
    const create = vi.fn(async () => created)
    const wrapper = mount(ContactForm, { props: { organizationId, create } })
    await field(wrapper, 'First name').setValue(' Sam ')
    await field(wrapper, 'Last name').setValue('Okafor')
    await wrapper.get('input[type="checkbox"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toEqual([[created]]))
    expect(create).toHaveBeenCalledWith({
      organizationId,
      firstName: 'Sam',
      lastName: 'Okafor',
      title: null,
      email: null,
      phone: null,
      isPrimary: true,
      notes: null,
    })
  })

  it('sends only the changed fields when editing', async () => {
    const contact = makeContact()
    const update = vi.fn(async (patch: object) => ({ ...contact, ...patch }))
    const wrapper = mount(ContactForm, { props: { contact, update } })
    expect((field(wrapper, 'First name').element as HTMLInputElement).value).toBe('Ana')
    await field(wrapper, 'Phone').setValue('+1 555 0100')
    await field(wrapper, 'Title').setValue('')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(update).toHaveBeenCalledTimes(1))
    expect(update).toHaveBeenCalledWith({ phone: '+1 555 0100', title: null })
  })

  it('shows the server’s field errors under the matching fields', async () => {
    const contact = makeContact()
    const update = vi.fn(async () => {
      throw new ApiError(400, 'Invalid request', 'Check the highlighted fields.', [{ path: 'body.email', message: 'Already used by another contact' }], undefined, undefined)
    })
    const wrapper = mount(ContactForm, { props: { contact, update } })
    await field(wrapper, 'E-mail').setValue('chef@example.com')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Already used by another contact'))

    const email = field(wrapper, 'E-mail')
    expect(email.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get(`#${CSS.escape(email.attributes('aria-describedby')!)}`).text()).toBe('Already used by another contact')
    expect(wrapper.get('[role="alert"]').text()).toBe('Check the highlighted fields.')
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect(wrapper.get('[data-testid="contact-form-submit"]').text()).toBe('Save changes')
  })
})
