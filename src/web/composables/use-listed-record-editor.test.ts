// @vitest-environment happy-dom
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { ApiError } from '../api/client.js'
import { useNoticesStore } from '../stores/notices.js'
import { useUpdateListedRecord } from './use-listed-record-editor.js'

interface Channel {
  id: string
  version: number
  name: string
  isEnabled: boolean
}
type Patch = { name?: string; isEnabled?: boolean; secret?: string }

const LIST = ['channels', 'list'] as const
const first: Channel = { id: 'a', version: 1, name: 'Ops', isEnabled: true }
const second: Channel = { id: 'b', version: 4, name: 'Pager', isEnabled: true }

/** Mounts a component using the updater over a list already in the cache; `send` stands in for the API. */
function setup(send: (id: string, patch: Patch, version: number) => Promise<Channel>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  client.setQueryData(LIST, { data: [first, second] })
  const pinia = createPinia()
  setActivePinia(pinia)
  let updater!: ReturnType<typeof useUpdateListedRecord<Channel, Patch>>
  mount(
    defineComponent({
      setup() {
        updater = useUpdateListedRecord<Channel, Patch>({ noun: 'Channel', mutationKey: ['channels', 'update'], listKey: LIST, send, affects: [] })
        return () => null
      },
    }),
    { global: { plugins: [[VueQueryPlugin, { queryClient: client }], pinia] } },
  )
  const rows = () => client.getQueryData<{ data: Channel[] }>(LIST)?.data
  return { updater, rows, notices: useNoticesStore() }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

describe('useUpdateListedRecord', () => {
  it('shows the change in the list at once, sends the record’s version, and keeps the saved row', async () => {
    const reply = deferred<Channel>()
    const calls: [string, Patch, number][] = []
    const { updater, rows, notices } = setup((id, patch, version) => {
      calls.push([id, patch, version])
      return reply.promise
    })

    const saving = updater.save(second, { isEnabled: false, secret: 'a-write-only-secret' }, { success: 'Pager turned off' })
    await flushPromises()
    // Only fields the record has go into the cache: the secret is sent, never kept.
    expect(rows()?.[1]).toEqual({ ...second, isEnabled: false })
    expect(updater.pendingIds.value.has('b')).toBe(true)
    expect(calls).toEqual([['b', { isEnabled: false, secret: 'a-write-only-secret' }, 4]])

    reply.resolve({ ...second, isEnabled: false, version: 5 })
    await saving
    await flushPromises()
    expect(rows()?.[1]).toEqual({ ...second, isEnabled: false, version: 5 })
    expect(rows()?.[0]).toEqual(first)
    expect(updater.pendingIds.value.has('b')).toBe(false)
    expect(notices.notices.map((notice) => notice.text)).toEqual(['Pager turned off'])
  })

  it('puts the row back and says why when the save fails', async () => {
    const { updater, rows, notices } = setup(() => Promise.reject(new ApiError(409, 'Conflict', 'Set in the environment', [], undefined, undefined)))

    await expect(updater.save(first, { name: 'Renamed' })).rejects.toBeInstanceOf(ApiError)
    await flushPromises()

    expect(rows()?.[0]).toEqual(first)
    expect(notices.notices.map((notice) => [notice.text, notice.tone])).toEqual([['Set in the environment', 'error']])
    expect(updater.conflict.value).toBeNull()
  })

  it('opens the conflict with both versions on a 412, and overwrites on top of theirs', async () => {
    const theirs: Channel = { ...first, name: 'Ops (theirs)', version: 2 }
    const versions: number[] = []
    const { updater, rows, notices } = setup((_id, patch, version) => {
      versions.push(version)
      if (version === 1) return Promise.reject(new ApiError(412, 'Precondition Failed', 'Changed by someone else', [], theirs, undefined))
      return Promise.resolve({ ...theirs, ...patch, version: 3 })
    })

    await expect(updater.save(first, { isEnabled: false }, { inForm: true })).rejects.toBeInstanceOf(ApiError)
    await flushPromises()
    expect(updater.conflict.value).toEqual({ id: 'a', patch: { isEnabled: false }, mine: { ...first, isEnabled: false }, theirs })
    expect(rows()?.[0]).toEqual(first)
    expect(notices.notices).toEqual([])

    await updater.overwrite()
    await flushPromises()
    expect(versions).toEqual([1, 2])
    expect(updater.conflict.value).toBeNull()
    expect(rows()?.[0]).toEqual({ ...theirs, isEnabled: false, version: 3 })
  })
})
