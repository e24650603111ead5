import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeInteraction, makeOpportunity, makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'

// The contract every CRM resource keeps (DESIGN.md §3), checked for all four: statuses, Location,
// ETag/If-Match, Idempotency-Key, soft delete and restore, and rep visibility (404, never 403).

let t: TestApp
let rep: SignedIn
let otherRep: SignedIn
let manager: SignedIn

beforeAll(async () => {
  t = await buildTestApp()
  rep = await t.signIn('rep')
  otherRep = await t.signIn('rep')
  manager = await t.signIn('manager')
})
afterAll(async () => {
  await t.close()
})

interface Resource {
  path: string
  /** A body the signed-in rep may create, on an organization they own. */
  body(ownOrganizationId: string): Record<string, unknown>
  patch: Record<string, unknown>
  /** A record owned (through its organization) by the given rep, made by factories. */
  make(ownerId: string): Promise<{ id: string }>
}

const resources: Record<string, Resource> = {
  organizations: {
    path: '/api/v1/organizations',
    body: () => ({ name: 'Blue Plate Diner', type: 'operator', industrySegment: 'casual_dining', priorityLevel: 'A', city: 'Portland' }),
    patch: { priorityLevel: 'B', notes: 'Moved to weekly deliveries' },
    make: (ownerId) => makeOrganization(t.db, { assignedUserId: ownerId }),
  },
  contacts: {
    path: '/api/v1/contacts',
    body: (organizationId) => ({ organizationId, firstName: 'Rosa', lastName: 'Diaz', title: 'Executive Chef', email: 'rosa@blueplate.example.com' }),
    patch: { title: 'Owner' },
    make: async (ownerId) => makeContact(t.db, (await makeOrganization(t.db, { assignedUserId: ownerId })).id),
  },
  interactions: {
    path: '/api/v1/interactions',
    body: (organizationId) => ({ organizationId, type: 'visit', subject: 'Sampled the new fries', outcome: 'positive' }),
    patch: { notes: 'Chef wants a second tasting' },
    make: async (ownerId) => makeInteraction(t.db, (await makeOrganization(t.db, { assignedUserId: ownerId })).id, ownerId),
  },
  opportunities: {
    path: '/api/v1/opportunities',
    body: (organizationId) => ({ organizationId, name: 'Fry program', valueCents: 250_000 }),
    patch: { stage: 'proposal' },
    make: async (ownerId) => makeOpportunity(t.db, (await makeOrganization(t.db, { assignedUserId: ownerId })).id),
  },
}

describe.each(Object.entries(resources))('%s', (_name, resource) => {
  async function ownOrganizationId() {
    return (await makeOrganization(t.db, { assignedUserId: rep.user.id })).id
  }

  it('creates (201, Location, ETag), reads, patches, deletes and restores', async () => {
    const created = await rep.request({ method: 'POST', url: resource.path, payload: resource.body(await ownOrganizationId()) })
    expect(created.statusCode).toBe(201)
    const record = created.json()
    expect(record.version).toBe(1)
    expect(created.headers.location).toBe(`${resource.path}/${record.id}`)
    expect(created.headers.etag).toBe('"1"')

    const read = await rep.request({ method: 'GET', url: `${resource.path}/${record.id}` })
    expect(read.statusCode).toBe(200)
    expect(read.json().id).toBe(record.id)
    expect(String(read.headers.etag)).toMatch(/^"1(\.[A-Za-z0-9_-]+)?"$/)

    const patched = await rep.request({ method: 'PATCH', url: `${resource.path}/${record.id}`, headers: { 'if-match': '"1"' }, payload: resource.patch })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ ...resource.patch, version: 2 })
    expect(patched.headers.etag).toBe('"2"')

    const listed = await rep.request({ method: 'GET', url: `${resource.path}?limit=200` })
    expect(listed.json().data.map((item: { id: string }) => item.id)).toContain(record.id)

    const deleted = await rep.request({ method: 'DELETE', url: `${resource.path}/${record.id}`, headers: { 'if-match': '"2"' } })
    expect(deleted.statusCode).toBe(204)
    expect((await rep.request({ method: 'GET', url: `${resource.path}/${record.id}` })).statusCode).toBe(404)
    const afterDelete = await rep.request({ method: 'GET', url: `${resource.path}?limit=200` })
    expect(afterDelete.json().data.map((item: { id: string }) => item.id)).not.toContain(record.id)

    const restored = await rep.request({ method: 'POST', url: `${resource.path}/${record.id}/restore` })
    expect(restored.statusCode).toBe(200)
    expect(restored.json()).toMatchObject({ id: record.id, deletedAt: null, version: 4 })
    expect((await rep.request({ method: 'GET', url: `${resource.path}/${record.id}` })).statusCode).toBe(200)
    expect((await rep.request({ method: 'POST', url: `${resource.path}/${record.id}/restore` })).statusCode).toBe(404)
  })

  it("answers 404 when a rep reads, changes, deletes or restores another rep's record, and changes nothing", async () => {
    const theirs = await resource.make(otherRep.user.id)
    const url = `${resource.path}/${theirs.id}`
    expect((await rep.request({ method: 'GET', url })).statusCode).toBe(404)
    const patch = await rep.request({ method: 'PATCH', url, payload: resource.patch })
    expect(patch.statusCode).toBe(404)
    expect(patch.headers['content-type']).toContain('application/problem+json')
    expect((await rep.request({ method: 'DELETE', url })).statusCode).toBe(404)
    expect((await rep.request({ method: 'POST', url: `${url}/restore` })).statusCode).toBe(404)
    const list = await rep.request({ method: 'GET', url: `${resource.path}?limit=200` })
    expect(list.json().data.map((item: { id: string }) => item.id)).not.toContain(theirs.id)

    const owner = await otherRep.request({ method: 'GET', url })
    expect(owner.statusCode).toBe(200)
    expect(owner.json().version).toBe(1)
    expect((await manager.request({ method: 'GET', url })).statusCode).toBe(200)
  })

  it('a stale If-Match answers 412 with the current record and changes nothing', async () => {
    const record = await resource.make(rep.user.id)
    const url = `${resource.path}/${record.id}`
    expect((await rep.request({ method: 'PATCH', url, payload: resource.patch })).statusCode).toBe(200)

    const stale = await rep.request({ method: 'PATCH', url, headers: { 'if-match': '"1"' }, payload: resource.patch })
    expect(stale.statusCode).toBe(412)
    expect(stale.json()).toMatchObject({ status: 412, current: { id: record.id, version: 2 } })
    const staleDelete = await rep.request({ method: 'DELETE', url, headers: { 'if-match': '"1"' } })
    expect(staleDelete.statusCode).toBe(412)
    for (const tag of ['nonsense', 'W/"2"']) {
      const unmatched = await rep.request({ method: 'PATCH', url, headers: { 'if-match': tag }, payload: resource.patch })
      expect(unmatched.statusCode, tag).toBe(412)
    }

    const after = await rep.request({ method: 'GET', url })
    expect(after.json().version).toBe(2)
    expect(after.json().deletedAt).toBeNull()
  })

  it('concurrent changes without If-Match all apply, none refused', async () => {
    const record = await resource.make(rep.user.id)
    const url = `${resource.path}/${record.id}`
    const responses = await Promise.all(Array.from({ length: 6 }, () => rep.request({ method: 'PATCH', url, payload: resource.patch })))
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200, 200])
    expect((await rep.request({ method: 'GET', url })).json().version).toBe(7)
  })

  it('replays a POST with the same Idempotency-Key and creates nothing new', async () => {
    const body = resource.body(await ownOrganizationId())
    const headers = { 'idempotency-key': `create-${Math.random()}` }
    const first = await rep.request({ method: 'POST', url: resource.path, headers, payload: body })
    const second = await rep.request({ method: 'POST', url: resource.path, headers, payload: body })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.json().id).toBe(first.json().id)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.headers.location).toBe(first.headers.location)

    const listed = await rep.request({ method: 'GET', url: `${resource.path}?limit=200` })
    expect(listed.json().data.filter((item: { id: string }) => item.id === first.json().id)).toHaveLength(1)
    const countBefore = listed.json().data.length
    const reused = await rep.request({ method: 'POST', url: resource.path, headers, payload: { ...body, ...resource.patch } })
    expect(reused.statusCode).toBe(422)
    expect((await rep.request({ method: 'GET', url: `${resource.path}?limit=200` })).json().data).toHaveLength(countBefore)

    const otherUser = await otherRep.request({ method: 'POST', url: resource.path, headers, payload: resource.body((await makeOrganization(t.db, { assignedUserId: otherRep.user.id })).id) })
    expect(otherUser.statusCode).toBe(201)
    expect(otherUser.json().id).not.toBe(first.json().id)
  })

  it('pages with an opaque keyset cursor: no row twice, none missed', async () => {
    const owner = await t.signIn('rep')
    for (let index = 0; index < 5; index++) await resource.make(owner.user.id)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const page = await owner.request({ method: 'GET', url: `${resource.path}?${query}` })
      expect(page.statusCode).toBe(200)
      seen.push(...page.json().data.map((item: { id: string }) => item.id))
      cursor = page.json().nextCursor
      pages += 1
    } while (cursor && pages < 10)
    expect(seen).toHaveLength(5)
    expect(new Set(seen).size).toBe(5)
    expect(pages).toBe(3)
  })

  it('rejects bad input with 400 problem+json and field errors', async () => {
    const cases = [
      { method: 'POST' as const, url: resource.path, payload: { ...resource.body(await ownOrganizationId()), unknownField: 1 } },
      { method: 'POST' as const, url: resource.path, payload: {} },
      { method: 'GET' as const, url: `${resource.path}?sort=password` },
      { method: 'GET' as const, url: `${resource.path}?limit=100000` },
      { method: 'GET' as const, url: `${resource.path}?cursor=not-a-cursor` },
      { method: 'GET' as const, url: `${resource.path}/not-a-uuid` },
      { method: 'PATCH' as const, url: `${resource.path}/${(await resource.make(rep.user.id)).id}`, payload: {} },
    ]
    for (const request of cases) {
      const response = await rep.request(request)
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' })
    }
  })
})
