// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/client.js'
import AppLoadError from './AppLoadError.vue'

describe('AppLoadError', () => {
  it("says what failed and the server's reason, as text, and offers a retry", async () => {
    const error = new ApiError(503, 'Service Unavailable', 'The database is <b>unavailable</b>', [], undefined, 5)
    const wrapper = mount(AppLoadError, { props: { title: 'Contacts could not be loaded.', error } })
    expect(wrapper.get('[role="alert"]').text()).toContain('Contacts could not be loaded.')
    expect(wrapper.text()).toContain('The database is <b>unavailable</b>')
    expect(wrapper.find('b').exists()).toBe(false)
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('falls back to a plain sentence for an unexpected error', () => {
    const wrapper = mount(AppLoadError, { props: { title: 'Interactions could not be loaded.', error: new TypeError('x is undefined') } })
    expect(wrapper.text()).toContain('Something went wrong. Try again.')
    expect(wrapper.text()).not.toContain('x is undefined')
  })
})
