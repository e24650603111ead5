// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import AppConfirmDialog from './AppConfirmDialog.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

function mountDialog() {
  return mount(AppConfirmDialog, {
    props: { open: true, title: 'Delete <b>Hook</b>?', description: 'It cannot be restored.', confirmLabel: 'Delete channel', testId: 'confirm' },
    attachTo: document.body,
  })
}

const buttonNamed = (name: string) => [...document.body.querySelectorAll('button')].find((button) => button.textContent?.trim() === name) as HTMLButtonElement

describe('AppConfirmDialog', () => {
  it('asks, as text, with the safe choice first', async () => {
    mountDialog()
    await flushPromises()
    const dialog = document.body.querySelector('[role="dialog"]') as HTMLElement
    expect(dialog.textContent).toContain('Delete <b>Hook</b>?')
    expect(dialog.querySelector('b')).toBeNull()
    expect(dialog.textContent).toContain('It cannot be restored.')
    const labels = [...dialog.querySelectorAll('button')].map((button) => button.textContent?.trim())
    expect(labels.indexOf('Cancel')).toBeLessThan(labels.indexOf('Delete channel'))
    expect(document.body.querySelector('[data-testid="confirm"]')?.textContent?.trim()).toBe('Delete channel')
  })

  it('confirms only on the destructive button; Cancel just closes', async () => {
    const wrapper = mountDialog()
    await flushPromises()
    buttonNamed('Cancel').click()
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    expect(wrapper.emitted('confirm')).toBeUndefined()
    buttonNamed('Delete channel').click()
    expect(wrapper.emitted('confirm')).toHaveLength(1)
  })
})
