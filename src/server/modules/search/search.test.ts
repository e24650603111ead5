import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeOpportunity, makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'

let t: TestApp
let rep: SignedIn
let manager: SignedIn
let otherOrganizationId: string

beforeAll(async () => {
  t = await buildTestApp()
  rep = await t.signIn('rep')
  manager = await t.signIn('manager')
  const other = await t.signIn('rep')
  const sysco = await makeOrganization(t.db, { name: 'Sysco Central Kitchen', city: 'Denver', assignedUserId: rep.user.id })
  await makeContact(t.db, sysco.id, { firstName: 'Sylvia', lastName: 'Park' })
  await makeOpportunity(t.db, sysco.id, { name: 'Systemwide fry rollout' })
  await makeOrganization(t.db, { name: 'Unrelated Bakery', assignedUserId: rep.user.id })
  otherOrganizationId = (await makeOrganization(t.db, { name: 'Sysco West (not yours)', assignedUserId: other.user.id })).id
})
afterAll(async () => {
  await t.close()
})

describe('search', () => {
  it('finds organizations, contacts and opportunities by prefix, ranked, within what the caller can see', async () => {
    const response = await rep.request({ method: 'GET', url: '/api/v1/search?q=sys' })
    expect(response.statusCode).toBe(200)
    const hits = response.json().data as { kind: string; title: string; organizationId: string; rank: number }[]
    expect(hits.map((hit) => hit.kind).sort()).toEqual(['opportunity', 'organization'])
    expect(hits[0]?.title).toBe('Sysco Central Kitchen')
    expect(hits.every((hit) => hit.organizationId !== otherOrganizationId)).toBe(true)
    expect(hits[0]!.rank).toBeGreaterThanOrEqual(hits[1]!.rank)

    const contact = await rep.request({ method: 'GET', url: '/api/v1/search?q=sylv' })
    expect(contact.json().data).toEqual([expect.objectContaining({ kind: 'contact', title: 'Sylvia Park', subtitle: 'Sysco Central Kitchen' })])

    const everyone = await manager.request({ method: 'GET', url: '/api/v1/search?q=sysco' })
    expect(everyone.json().data.map((hit: { organizationId: string }) => hit.organizationId)).toContain(otherOrganizationId)
  })

  it('treats operators and SQL as text, and rejects empty or oversized queries', async () => {
    for (const q of ["sys' OR 1=1 --", 'sys:* | !', '(((', '&&&', '🙂']) {
      const response = await rep.request({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` })
      expect(response.statusCode, q).toBe(200)
    }
    expect((await rep.request({ method: 'GET', url: '/api/v1/search?q=%26%26%26' })).json().data).toEqual([])
    expect((await rep.request({ method: 'GET', url: '/api/v1/search?q=' })).statusCode).toBe(400)
    expect((await rep.request({ method: 'GET', url: `/api/v1/search?q=${'a'.repeat(201)}` })).statusCode).toBe(400)
    expect((await rep.request({ method: 'GET', url: '/api/v1/search?q=sys&limit=0' })).statusCode).toBe(400)
  })
})
