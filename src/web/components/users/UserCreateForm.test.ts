// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/client.js'
import UserCreateForm from './UserCreateForm.vue'

function field(wrapper: ReturnType<typeof mount>, label: string) {
  const id = wrapper.findAll('label').find((element) => element.text() === label)?.attributes('for')
  if (!id) throw new Error(`No field labelled ${label}`)
  return { input: wrapper.get(`#${id}`), message: () => wrapper.get(`#${id}-message`).text() }
}

async function fill(wrapper: ReturnType<typeof mount>, values: { name?: string; email?: string; role?: string; password?: string }) {
  if (values.name !== undefined) await field(wrapper, 'Name').input.setValue(values.name)
  if (values.email !== undefined) await field(wrapper, 'E-mail').input.setValue(values.email)
  if (values.role !== undefined) await field(wrapper, 'Role').input.setValue(values.role)
  if (values.password !== undefined) await field(wrapper, 'Password').input.setValue(values.password)
}

describe('UserCreateForm', () => {
  it('shows what is wrong under each field and sends nothing', async () => {
    const send = vi.fn(() => Promise.resolve({}))
    const wrapper = mount(UserCreateForm, { props: { send } })

    await fill(wrapper, { name: '  ', email: 'not-an-email', password: 'short' })
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).not.toHaveBeenCalled()
    expect(field(wrapper, 'Name').message()).toBe('Required')
    expect(field(wrapper, 'E-mail').message()).not.toBe('')
    expect(field(wrapper, 'Password').message()).toBe('At least 12 characters')
    expect(field(wrapper, 'Name').input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('sends the checked values and reports it saved', async () => {
    const send = vi.fn(() => Promise.resolve({}))
    const wrapper = mount(UserCreateForm, { props: { send } })

    await fill(wrapper, { name: ' Maria Lopez ', email: 'maria@example.com', role: 'manager', password: 'correct horse battery' })
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(send).toHaveBeenCalledWith({ name: 'Maria Lopez', email: 'maria@example.com', role: 'manager', password: 'correct horse battery' })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('puts a taken e-mail under the e-mail field', async () => {
    const send = vi.fn(() => Promise.reject(new ApiError(409, 'Conflict', 'A user with this e-mail already exists', [], undefined, undefined)))
    const wrapper = mount(UserCreateForm, { props: { send } })

    await fill(wrapper, { name: 'Maria', email: 'maria@example.com', password: 'correct horse battery' })
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(field(wrapper, 'E-mail').message()).toBe('A user with this e-mail already exists')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('shows the server’s field errors under their fields', async () => {
    const send = vi.fn(() =>
      Promise.reject(new ApiError(400, 'Bad Request', 'Invalid input', [{ path: 'body.password', message: 'Too common' }], undefined, undefined)),
    )
    const wrapper = mount(UserCreateForm, { props: { send } })

    await fill(wrapper, { name: 'Maria', email: 'maria@example.com', password: 'password1234' })
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(field(wrapper, 'Password').message()).toBe('Too common')
  })
})
