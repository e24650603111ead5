// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { User } from '../../api/types.js'
import UserEditForm from './UserEditForm.vue'

const user: User = {
  id: '01900000-0000-7000-8000-000000000001',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  deletedAt: null,
  version: 3,
  email: 'sam@example.com',
  name: 'Sam Reed',
  role: 'rep',
  isActive: true,
  lastLoginAt: null,
}

const byLabel = (wrapper: ReturnType<typeof mount>, label: string) => {
  const id = wrapper.findAll('label').find((element) => element.text() === label)?.attributes('for')
  return wrapper.get(`#${id}`)
}

describe('UserEditForm', () => {
  it('sends only the fields that changed', async () => {
    const send = vi.fn(() => Promise.resolve({}))
    const wrapper = mount(UserEditForm, { props: { user, isSelf: false, send } })

    await byLabel(wrapper, 'Role').setValue('manager')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).toHaveBeenCalledWith({ role: 'manager' })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('rejects a new password under 12 characters and an emptied name', async () => {
    const send = vi.fn(() => Promise.resolve({}))
    const wrapper = mount(UserEditForm, { props: { user, isSelf: false, send } })

    await byLabel(wrapper, 'Name').setValue('')
    await byLabel(wrapper, 'New password (optional)').setValue('short')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Required')
    expect(wrapper.text()).toContain('At least 12 characters')
  })

  it('does not let admins change their own role', () => {
    const wrapper = mount(UserEditForm, { props: { user: { ...user, role: 'admin' }, isSelf: true, send: vi.fn() } })

    expect((byLabel(wrapper, 'Role').element as HTMLSelectElement).disabled).toBe(true)
    expect(wrapper.text()).toContain('You cannot change your own role.')
  })
})
