// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/client.js'
import type { AlertChannel, AlertRule } from '../../api/types.js'
import AlertRuleForm from './AlertRuleForm.vue'
import { channel, rule } from './alert-fixtures.js'

const channels: AlertChannel[] = [
  channel(),
  channel({ id: '01900000-0000-7000-8000-0000000000c2', kind: 'slack', name: 'Ops Slack', target: 'hooks.slack.com/…', from: null, to: null, isEnabled: false }),
]

type Wrapper = ReturnType<typeof mount>

function labelled(wrapper: Wrapper, label: string) {
  const id = wrapper.findAll('label').find((element) => element.text() === label)?.attributes('for')
  if (!id) return undefined
  return { input: wrapper.get(`#${id}`), message: () => wrapper.get(`#${id}-message`).text() }
}
function field(wrapper: Wrapper, label: string) {
  const found = labelled(wrapper, label)
  if (!found) throw new Error(`No field labelled ${label}`)
  return found
}
async function submit(wrapper: Wrapper) {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

function mountCreate() {
  const create = vi.fn((_body: unknown) => Promise.resolve({}))
  const wrapper = mount(AlertRuleForm, { props: { channels, create } })
  return { wrapper, create }
}
function mountEdit(saved: AlertRule) {
  const update = vi.fn((_patch: unknown) => Promise.resolve({}))
  const wrapper = mount(AlertRuleForm, { props: { rule: saved, channels, update } })
  return { wrapper, update }
}

describe('AlertRuleForm', () => {
  it('says what is wrong under each field and sends nothing', async () => {
    const { wrapper, create } = mountCreate()

    await field(wrapper, 'Over the last (seconds)').input.setValue('5')
    await submit(wrapper)

    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'Name').message()).toBe('Required')
    expect(field(wrapper, 'Threshold (ms)').message()).toBe('Enter a number')
    expect(field(wrapper, 'Over the last (seconds)').message()).toBe('Whole seconds from 10 to 86,400 (1 day)')
    expect(field(wrapper, 'Name').input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('takes a ratio threshold as a percentage and sends it as 0–1', async () => {
    const { wrapper, create } = mountCreate()

    await field(wrapper, 'Name').input.setValue('Too many errors')
    await field(wrapper, 'Metric').input.setValue('errorRate')
    // The label, the unit beside the box and the hint all say percent.
    const threshold = field(wrapper, 'Threshold (%)')
    expect(wrapper.get('[data-testid="threshold-unit"]').text()).toBe('%')
    expect(threshold.message()).toBe('In percent: type 5 for 5 %.')
    await threshold.input.setValue('12.5')
    await submit(wrapper)

    expect(create).toHaveBeenCalledTimes(1)
    expect(create.mock.calls[0]?.[0]).toEqual({
      name: 'Too many errors',
      description: null,
      metric: 'errorRate',
      route: null,
      windowSeconds: 300,
      comparison: '>',
      threshold: 0.125,
      forSeconds: 0,
      severity: 'medium',
      repeatIntervalSeconds: 3600,
      channelIds: null,
      isEnabled: true,
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('refuses a percentage over 100 in the form’s own terms', async () => {
    const { wrapper, create } = mountCreate()

    await field(wrapper, 'Name').input.setValue('Heap')
    await field(wrapper, 'Metric').input.setValue('heapShare')
    await field(wrapper, 'Threshold (%)').input.setValue('150')
    await submit(wrapper)

    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'Threshold (%)').message()).toBe('A percentage from 0 to 100')
  })

  it('sends other metrics’ thresholds as typed', async () => {
    const { wrapper, create } = mountCreate()

    await field(wrapper, 'Name').input.setValue('Slow')
    await field(wrapper, 'Threshold (ms)').input.setValue('800')
    await submit(wrapper)

    expect(create.mock.calls[0]?.[0]).toMatchObject({ metric: 'latencyP95', threshold: 800 })
  })

  it('shows the route only for per-route metrics, checks it, and drops it for the others', async () => {
    const { wrapper, create } = mountCreate()
    await field(wrapper, 'Name').input.setValue('Slow list')
    await field(wrapper, 'Threshold (ms)').input.setValue('500')

    // p95 latency is measured per route.
    await field(wrapper, 'Route (optional)').input.setValue('/api/v1/organizations')
    await submit(wrapper)
    expect(create).not.toHaveBeenCalled()
    expect(field(wrapper, 'Route (optional)').message()).toContain('METHOD /path/template')

    await field(wrapper, 'Route (optional)').input.setValue('GET /api/v1/organizations')
    await submit(wrapper)
    expect(create.mock.calls[0]?.[0]).toMatchObject({ route: 'GET /api/v1/organizations' })

    // Heap share is not: the field goes, and so does the route typed before.
    await field(wrapper, 'Metric').input.setValue('heapShare')
    expect(labelled(wrapper, 'Route (optional)')).toBeUndefined()
    await field(wrapper, 'Threshold (%)').input.setValue('90')
    await submit(wrapper)
    expect(create.mock.calls[1]?.[0]).toMatchObject({ metric: 'heapShare', route: null, threshold: 0.9 })
  })

  it('suggests the routes the server has seen', () => {
    const wrapper = mount(AlertRuleForm, { props: { channels, routeSuggestions: ['GET /api/v1/organizations', 'POST /api/v1/interactions'], create: vi.fn() } })
    const route = field(wrapper, 'Route (optional)').input
    const list = wrapper.get(`datalist#${route.attributes('list')}`)
    expect(list.findAll('option').map((option) => option.attributes('value'))).toEqual(['GET /api/v1/organizations', 'POST /api/v1/interactions'])
  })

  it('notifies every enabled channel (null) unless some are chosen', async () => {
    const { wrapper, create } = mountCreate()
    await field(wrapper, 'Name').input.setValue('Slow')
    await field(wrapper, 'Threshold (ms)').input.setValue('800')

    expect(wrapper.find('[data-testid="alert-rule-channel-list"]').exists()).toBe(false)
    await wrapper.get('input[type="radio"][value="some"]').setValue(true)
    const boxes = wrapper.get('[data-testid="alert-rule-channel-list"]').findAll('input[type="checkbox"]')
    expect(boxes).toHaveLength(2)
    expect(wrapper.get('[data-testid="alert-rule-channel-list"]').text()).toContain('Ops Slack (disabled)')
    await boxes[1]!.setValue(true)
    await submit(wrapper)
    expect(create.mock.calls[0]?.[0]).toMatchObject({ channelIds: [channels[1]!.id] })

    await wrapper.get('input[type="radio"][value="all"]').setValue(true)
    await submit(wrapper)
    expect(create.mock.calls[1]?.[0]).toMatchObject({ channelIds: null })
  })

  it('shows a saved ratio as a percentage and sends only what changed', async () => {
    const saved = rule({ metric: 'errorRate', threshold: 0.05, channelIds: [channels[0]!.id] })
    const { wrapper, update } = mountEdit(saved)

    const threshold = field(wrapper, 'Threshold (%)')
    expect((threshold.input.element as HTMLInputElement).value).toBe('5')
    expect((wrapper.get('input[type="radio"][value="some"]').element as HTMLInputElement).checked).toBe(true)
    await threshold.input.setValue('7.5')
    await field(wrapper, 'Severity').input.setValue('critical')
    await submit(wrapper)

    expect(update).toHaveBeenCalledWith({ threshold: 0.075, severity: 'critical' })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('checks the whole rule on edit, not just the changed field', async () => {
    const { wrapper, update } = mountEdit(rule({ metric: 'cacheHitRatio', threshold: 0.9, comparison: '<' }))

    await field(wrapper, 'Threshold (%)').input.setValue('101')
    await submit(wrapper)

    expect(update).not.toHaveBeenCalled()
    expect(field(wrapper, 'Threshold (%)').message()).toBe('A percentage from 0 to 100')
  })

  it('closes without a request when nothing changed', async () => {
    const { wrapper, update } = mountEdit(rule())

    await submit(wrapper)

    expect(update).not.toHaveBeenCalled()
    expect(wrapper.emitted('cancel')).toHaveLength(1)
  })

  it('shows the server’s answer', async () => {
    const create = vi.fn(() =>
      Promise.reject(new ApiError(400, 'Bad Request', 'Invalid input', [{ path: 'body.name', message: 'A rule with this name exists' }], undefined, undefined)),
    )
    const wrapper = mount(AlertRuleForm, { props: { channels, create } })
    await field(wrapper, 'Name').input.setValue('Slow responses')
    await field(wrapper, 'Threshold (ms)').input.setValue('800')
    await submit(wrapper)

    expect(field(wrapper, 'Name').message()).toBe('A rule with this name exists')
    expect(wrapper.get('[role="alert"]').text()).toBe('Invalid input')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })
})
