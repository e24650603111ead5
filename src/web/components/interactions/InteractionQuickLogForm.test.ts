// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/client.js'
import type { Contact, Interaction } from '../../api/types.js'
import InteractionQuickLogForm from './InteractionQuickLogForm.vue'

const organizationId = '0b6f7f3e-6b8e-4f57-9d7a-0f6f3f1c2a10'
const contactId = '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21'

function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: contactId,
    organizationId,
    firstName: 'Ana',
    lastName: 'Lopez',
    title: 'Executive chef',
    email: null,
    phone: null,
    isPrimary: true,
    notes: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
    version: 1,
    ...overrides,
  }
}

function mountForm(save = vi.fn(async (body: unknown) => ({ id: 'new', ...(body as object) }) as unknown as Interaction), props: Record<string, unknown> = {}) {
  const wrapper = mount(InteractionQuickLogForm, { props: { organizationId, save, ...props }, attachTo: document.body })
  return { wrapper, save }
}

describe('InteractionQuickLogForm', () => {
  it('shows a message for an empty subject and does not send', async () => {
    const { wrapper, save } = mountForm()
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('Required')
    expect(wrapper.get('input[type="text"]').attributes('aria-invalid')).toBe('true')
    expect(save).not.toHaveBeenCalled()
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })

  it('sends the chosen values with the local time as an ISO timestamp', async () => {
    const { wrapper, save } = mountForm(undefined, { contacts: [contact()] })
    await wrapper.get('input[value="call"]').setValue(true)
    await wrapper.get('input[type="text"]').setValue('  Asked about the fall menu  ')
    await wrapper.get('select').setValue(contactId)
    await wrapper.get('input[value="positive"]').setValue(true)
    await wrapper.get('input[type="datetime-local"]').setValue('2025-03-04T09:15')
    await wrapper.get('input[type="date"]').setValue('2025-03-11')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toHaveLength(1))

    expect(save).toHaveBeenCalledTimes(1)
    const body = save.mock.calls[0]![0] as Record<string, unknown>
    expect(body).toMatchObject({
      organizationId,
      contactId,
      type: 'call',
      subject: 'Asked about the fall menu',
      notes: null,
      outcome: 'positive',
      occurredAt: new Date('2025-03-04T09:15').toISOString(),
      followUpAt: new Date('2025-03-11T00:00').toISOString(),
    })
    expect(body.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    wrapper.unmount()
  })

  it('defaults to a visit logged now against the given contact, without a contact picker', async () => {
    const before = Date.now()
    const { wrapper, save } = mountForm(undefined, { contactId })
    expect(wrapper.find('select').exists()).toBe(false)
    expect((wrapper.get('input[value="visit"]').element as HTMLInputElement).checked).toBe(true)
    expect(document.activeElement).toBe(wrapper.get('input[type="text"]').element)
    await wrapper.get('input[type="text"]').setValue('Dropped off samples')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(1))
    const body = save.mock.calls[0]![0] as { type: string; contactId: string; occurredAt: string; followUpAt: unknown }
    expect(body.type).toBe('visit')
    expect(body.contactId).toBe(contactId)
    expect(body.followUpAt).toBeNull()
    expect(new Date(body.occurredAt).getTime()).toBeGreaterThanOrEqual(before - 1000)
    wrapper.unmount()
  })

  it('shows the server’s field errors under the fields and stays open', async () => {
    const save = vi.fn(async () => {
      throw new ApiError(400, 'Invalid request', 'Check the highlighted fields.', [{ path: 'body.subject', message: 'Too long for the server' }], undefined, undefined)
    })
    const { wrapper } = mountForm(save)
    await wrapper.get('input[type="text"]').setValue('Tasting')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Too long for the server'))
    expect(wrapper.get('[role="alert"]').text()).toBe('Check the highlighted fields.')
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })
})
