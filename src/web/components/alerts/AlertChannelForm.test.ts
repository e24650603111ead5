// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import AlertChannelForm from './AlertChannelForm.vue'
import { channel } from './alert-fixtures.js'

type Wrapper = ReturnType<typeof mount>

const labels = (wrapper: Wrapper) => wrapper.findAll('label').map((element) => element.text())
function field(wrapper: Wrapper, label: string) {
  const id = wrapper.findAll('label').find((element) => element.text() === label)?.attributes('for')
  if (!id) throw new Error(`No field labelled ${label}`)
  return { input: wrapper.get(`#${id}`), message: () => wrapper.get(`#${id}-message`).text() }
}
async function submit(wrapper: Wrapper) {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}
function mountCreate() {
  const create = vi.fn((_body: unknown) => Promise.resolve({}))
  return { wrapper: mount(AlertChannelForm, { props: { create } }), create }
}

describe('AlertChannelForm', () => {
  it('asks for an SMTP server, a sender and recipients for e-mail, checked before sending', async () => {
    const { wrapper, create } = mountCreate()
    expect(labels(wrapper)).toEqual(['Kind', 'Name', 'SMTP URL', 'From', 'Recipients'])

    await field(wrapper, 'SMTP URL').input.setValue('mail.example.com')
    await field(wrapper, 'Recipients').input.setValue('ops@example.com, not-an-address')
    await submit(wrapper)

    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'Name').message()).toBe('Required')
    expect(field(wrapper, 'SMTP URL').message()).toContain('An smtp:// or smtps:// URL')
    expect(field(wrapper, 'From').message()).not.toBe('The sender address.')
    // The second address is the bad one: its message shows under the recipients.
    expect(field(wrapper, 'Recipients').input.attributes('aria-invalid')).toBe('true')
  })

  it('sends an e-mail channel with the recipients split on commas', async () => {
    const { wrapper, create } = mountCreate()

    await field(wrapper, 'Name').input.setValue('On-call')
    await field(wrapper, 'SMTP URL').input.setValue('smtps://alerts:secret@mail.example.com:465')
    await field(wrapper, 'From').input.setValue('alerts@example.com')
    await field(wrapper, 'Recipients').input.setValue('ops@example.com,  cto@example.com; dev@example.com')
    await submit(wrapper)

    expect(create).toHaveBeenCalledWith({
      kind: 'email',
      name: 'On-call',
      smtpUrl: 'smtps://alerts:secret@mail.example.com:465',
      from: 'alerts@example.com',
      to: ['ops@example.com', 'cto@example.com', 'dev@example.com'],
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('asks only for the webhook URL for Slack, and sends no e-mail fields', async () => {
    const { wrapper, create } = mountCreate()
    await field(wrapper, 'SMTP URL').input.setValue('smtp://typed-before@mail.example.com')

    await field(wrapper, 'Kind').input.setValue('slack')
    expect(labels(wrapper)).toEqual(['Kind', 'Name', 'Slack webhook URL'])
    await field(wrapper, 'Name').input.setValue('Ops Slack')
    await field(wrapper, 'Slack webhook URL').input.setValue('ftp://hooks.slack.com/x')
    await submit(wrapper)
    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'Slack webhook URL').message()).toBe('An http:// or https:// URL')

    await field(wrapper, 'Slack webhook URL').input.setValue('https://hooks.slack.com/services/T0/B0/abc')
    await submit(wrapper)
    expect(create).toHaveBeenCalledWith({ kind: 'slack', name: 'Ops Slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/abc' })
  })

  it('asks for a URL and a signing secret for a webhook, and says how receivers check it', async () => {
    const { wrapper, create } = mountCreate()
    await field(wrapper, 'Kind').input.setValue('webhook')
    expect(labels(wrapper)).toEqual(['Kind', 'Name', 'URL', 'Signing secret'])
    expect(field(wrapper, 'Signing secret').message()).toContain('X-KP-Signature')

    await field(wrapper, 'Name').input.setValue('Pager')
    await field(wrapper, 'URL').input.setValue('https://pager.example.com/hook')
    await field(wrapper, 'Signing secret').input.setValue('too-short')
    await submit(wrapper)
    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'Signing secret').message()).toBe('At least 16 characters')

    // "Generate" fills in a long random secret and shows it, so it can be copied to the receiver.
    await wrapper.findAll('button').find((button) => button.text() === 'Generate')!.trigger('click')
    const secret = field(wrapper, 'Signing secret').input
    expect(secret.attributes('type')).toBe('text')
    expect((secret.element as HTMLInputElement).value).toMatch(/^[0-9a-f]{48}$/)
    await submit(wrapper)
    expect(create).toHaveBeenCalledWith({ kind: 'webhook', name: 'Pager', url: 'https://pager.example.com/hook', secret: (secret.element as HTMLInputElement).value })
  })

  it('leaves write-only fields empty ("unchanged") when editing, and sends only what was typed', async () => {
    const update = vi.fn((_patch: unknown) => Promise.resolve({}))
    const saved = channel({ kind: 'webhook', name: 'Pager', target: 'https://pager.example.com/…', from: null, to: null })
    const wrapper = mount(AlertChannelForm, { props: { channel: saved, update } })

    expect(labels(wrapper)).toEqual(['Name', 'URL', 'Signing secret'])
    const url = field(wrapper, 'URL')
    const secret = field(wrapper, 'Signing secret')
    expect((url.input.element as HTMLInputElement).value).toBe('')
    expect(url.input.attributes('placeholder')).toBe('unchanged')
    expect(url.message()).toBe('Leave empty to keep the current one (https://pager.example.com/…).')
    expect((secret.input.element as HTMLInputElement).value).toBe('')
    expect(secret.input.attributes('placeholder')).toBe('unchanged')

    await field(wrapper, 'Name').input.setValue('Pager duty')
    await submit(wrapper)
    expect(update).toHaveBeenLastCalledWith({ name: 'Pager duty' })

    await secret.input.setValue('a-new-secret-of-enough-length')
    await submit(wrapper)
    expect(update).toHaveBeenLastCalledWith({ name: 'Pager duty', secret: 'a-new-secret-of-enough-length' })
  })

  it('fills in an e-mail channel’s sender and recipients, and closes without a request when nothing changed', async () => {
    const update = vi.fn((_patch: unknown) => Promise.resolve({}))
    const wrapper = mount(AlertChannelForm, { props: { channel: channel(), update } })

    expect((field(wrapper, 'SMTP URL').input.element as HTMLInputElement).value).toBe('')
    expect((field(wrapper, 'Recipients').input.element as HTMLInputElement).value).toBe('ops@example.com, cto@example.com')
    await submit(wrapper)
    expect(update).not.toHaveBeenCalled()
    expect(wrapper.emitted('cancel')).toHaveLength(1)

    await field(wrapper, 'Recipients').input.setValue('ops@example.com')
    await submit(wrapper)
    expect(update).toHaveBeenCalledWith({ to: ['ops@example.com'] })
  })
})
