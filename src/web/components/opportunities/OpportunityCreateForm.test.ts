// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import OpportunityCreateForm from './OpportunityCreateForm.vue'

const ACCOUNT = { id: '01900000-0000-7000-8000-0000000000aa', name: 'Blue Door Bistro', city: 'Austin', type: 'operator' as const }

function byLabel(wrapper: ReturnType<typeof mount>, label: string) {
  const id = wrapper.findAll('label').find((element) => element.text() === label)?.attributes('for')
  if (!id) throw new Error(`No field labelled ${label}`)
  return wrapper.get(`#${id}`)
}

function mountForm(send = vi.fn((_body: unknown) => Promise.resolve({}))) {
  const wrapper = mount(OpportunityCreateForm, { props: { send, organizations: [], principals: [] } })
  return { wrapper, send }
}

describe('OpportunityCreateForm', () => {
  it('asks for a name and an account before sending', async () => {
    const { wrapper, send } = mountForm()

    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Required')
    expect(wrapper.text()).toContain('Choose the account this deal is with')
  })

  it('searches accounts as the user types and sends the picked account with the value in cents', async () => {
    const { wrapper, send } = mountForm()

    await byLabel(wrapper, 'Deal name').setValue('Spring menu olive oil')
    const picker = byLabel(wrapper, 'Account')
    await picker.setValue('blue')
    expect(wrapper.emitted('searchOrganizations')).toEqual([['blue']])

    await wrapper.setProps({ organizations: [ACCOUNT] })
    await picker.trigger('keydown', { key: 'Enter' })
    expect(wrapper.get('[data-testid="picked-organization"]').text()).toBe('Blue Door Bistro')

    await byLabel(wrapper, 'Value ($)').setValue('1,250.50')
    await byLabel(wrapper, 'Stage').setValue('proposal')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Spring menu olive oil', organizationId: ACCOUNT.id, stage: 'proposal', valueCents: 125_050 }),
    )
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('rejects a value that is not an amount', async () => {
    const { wrapper, send } = mountForm()

    await byLabel(wrapper, 'Value ($)').setValue('lots')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Enter the value in dollars, like 1500 or 1500.50')
  })
})
