// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Organization } from '../../api/types.js'
import OrganizationForm from './OrganizationForm.vue'

const repId = '5a1d1c7e-2c39-4d0b-8f0a-6e3b7b9a4c21'
const managerId = '0b6f7f3e-6b8e-4f57-9d7a-0f6f3f1c2a10'

/** The control a visible label points at. */
function field(wrapper: VueWrapper, label: string) {
  const element = wrapper.findAll('label').find((candidate) => candidate.text() === label)
  if (!element) throw new Error(`No field labelled ${label}`)
  return wrapper.get(`[id="${element.attributes('for')}"]`)
}

function organization(overrides: Partial<Organization> = {}): Organization {
  return {
    id: '9c3b2f0e-1d4a-4b8e-9f6a-2e7d5c1b0a93',
    name: 'Blue Fin Bistro',
    type: 'operator',
    industrySegment: 'fine_dining',
    priorityLevel: 'B',
    assignedUserId: repId,
    primaryEmail: 'chef@bluefin.example',
    primaryPhone: '+1 512 555 0101',
    website: null,
    street: '12 Harbor St',
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: 'US',
    annualRevenueCents: null,
    description: null,
    notes: 'Prefers morning visits',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
    version: 3,
    ...overrides,
  }
}

describe('OrganizationForm', () => {
  it('shows the validation message for an empty name and does not emit', async () => {
    const wrapper = mount(OrganizationForm, { props: { mode: 'create' }, attachTo: document.body })
    await field(wrapper, 'Name').setValue('   ')
    await wrapper.get('form').trigger('submit')

    expect(field(wrapper, 'Name').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Required')
    expect(wrapper.emitted('submit')).toBeUndefined()
    wrapper.unmount()
  })

  it('rejects a malformed e-mail and website without emitting', async () => {
    const wrapper = mount(OrganizationForm, { props: { mode: 'create' } })
    await field(wrapper, 'Name').setValue('Blue Fin Bistro')
    await field(wrapper, 'E-mail').setValue('chef-at-bluefin')
    await field(wrapper, 'Website').setValue('ftp://bluefin.example')
    await wrapper.get('form').trigger('submit')

    expect(field(wrapper, 'E-mail').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Must be an http(s) URL')
    expect(wrapper.emitted('submit')).toBeUndefined()
  })

  it('emits the parsed values when valid', async () => {
    const wrapper = mount(OrganizationForm, {
      props: { mode: 'create', showAssignee: true, assignees: [{ id: repId, name: 'Ana Lopez' }], initial: { assignedUserId: managerId } },
    })
    await field(wrapper, 'Name').setValue('  Blue Fin Bistro  ')
    await field(wrapper, 'Type').setValue('distributor')
    await field(wrapper, 'Segment').setValue('fine_dining')
    await field(wrapper, 'Priority').setValue('A')
    await field(wrapper, 'Assigned to').setValue(repId)
    await field(wrapper, 'Phone').setValue('+1 512 555 0101')
    await field(wrapper, 'Website').setValue('https://bluefin.example')
    await field(wrapper, 'City').setValue('Austin')
    await wrapper.get('form').trigger('submit')

    const emitted = wrapper.emitted('submit')
    expect(emitted).toHaveLength(1)
    expect(emitted![0]![0]).toEqual({
      name: 'Blue Fin Bistro',
      type: 'distributor',
      industrySegment: 'fine_dining',
      priorityLevel: 'A',
      assignedUserId: repId,
      primaryPhone: '+1 512 555 0101',
      primaryEmail: null,
      website: 'https://bluefin.example',
      city: 'Austin',
      region: null,
    })
  })

  it('leaves the assignee out for reps (the server assigns their own accounts)', async () => {
    const wrapper = mount(OrganizationForm, { props: { mode: 'create' } })
    expect(wrapper.findAll('label').map((label) => label.text())).not.toContain('Assigned to')
    await field(wrapper, 'Name').setValue('Corner Deli')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('submit')![0]![0]).not.toHaveProperty('assignedUserId')
  })

  it('edits an existing record with the address and notes fields filled in', async () => {
    const wrapper = mount(OrganizationForm, { props: { mode: 'edit', initial: organization() } })
    expect((field(wrapper, 'Name').element as HTMLInputElement).value).toBe('Blue Fin Bistro')
    expect((field(wrapper, 'Street').element as HTMLInputElement).value).toBe('12 Harbor St')
    expect((field(wrapper, 'Notes').element as HTMLTextAreaElement).value).toBe('Prefers morning visits')
    expect(wrapper.get('[data-testid="organization-form-submit"]').text()).toBe('Save changes')

    await field(wrapper, 'Name').setValue('')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('Required')
    expect(wrapper.emitted('submit')).toBeUndefined()

    await field(wrapper, 'Name').setValue('Blue Fin Bistro & Bar')
    await field(wrapper, 'Notes').setValue('')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('submit')![0]![0]).toMatchObject({ name: 'Blue Fin Bistro & Bar', notes: null, city: 'Austin' })
  })

  it('shows server field errors under their fields and the form error above the buttons', () => {
    const wrapper = mount(OrganizationForm, {
      props: {
        mode: 'create',
        serverErrors: { name: 'An organization with this name already exists in Austin', primaryEmail: 'Domain does not accept mail' },
        formError: 'Check the highlighted fields.',
      },
    })
    const name = field(wrapper, 'Name')
    const message = wrapper.get(`[id="${name.attributes('aria-describedby')}"]`)
    expect(message.text()).toBe('An organization with this name already exists in Austin')
    expect(name.attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Domain does not accept mail')
    expect(wrapper.get('[role="alert"]').text()).toBe('Check the highlighted fields.')
  })

  it('shows a pending state while saving', () => {
    const wrapper = mount(OrganizationForm, { props: { mode: 'create', isSubmitting: true } })
    const submit = wrapper.get('[data-testid="organization-form-submit"]')
    expect(submit.text()).toBe('Saving…')
    expect(submit.attributes('disabled')).toBe('')
  })
})
