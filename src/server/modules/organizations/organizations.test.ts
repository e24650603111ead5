import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeInteraction, makeOpportunity, makeOrganization, makeUser } from '../../testing/factories.js'
import { listOrganizationsQuery } from '../../../shared/schemas/organizations.js'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'
import { organizationListQuery } from './queries.js'

let t: TestApp
let manager: SignedIn

beforeAll(async () => {
  t = await buildTestApp()
  manager = await t.signIn('manager')
})
afterAll(async () => {
  await t.close()
})

const ids = (response: { json(): { data: { id: string }[] } }) => response.json().data.map((item) => item.id)

describe('organizations', () => {
  it('filters by type, segment, priority and assignee', async () => {
    const rep = await t.signIn('rep')
    const a = await makeOrganization(t.db, { assignedUserId: rep.user.id, type: 'operator', industrySegment: 'healthcare', priorityLevel: 'A' })
    const b = await makeOrganization(t.db, { assignedUserId: rep.user.id, type: 'distributor', industrySegment: 'other', priorityLevel: 'C' })
    const c = await makeOrganization(t.db, { assignedUserId: rep.user.id, type: 'operator', industrySegment: 'education', priorityLevel: 'B' })

    expect(ids(await rep.request({ method: 'GET', url: '/api/v1/organizations?type=distributor' }))).toEqual([b.id])
    expect(ids(await rep.request({ method: 'GET', url: '/api/v1/organizations?segment=healthcare,education' })).sort()).toEqual([a.id, c.id].sort())
    expect(ids(await rep.request({ method: 'GET', url: '/api/v1/organizations?priority=A' }))).toEqual([a.id])
    const byAssignee = await manager.request({ method: 'GET', url: `/api/v1/organizations?assignedUserId=${rep.user.id}&limit=200` })
    expect(ids(byAssignee).sort()).toEqual([a.id, b.id, c.id].sort())
    expect((await rep.request({ method: 'GET', url: '/api/v1/organizations?type=restaurant' })).statusCode).toBe(400)
  })

  it('sorts by a whitelisted field in either direction', async () => {
    const rep = await t.signIn('rep')
    for (const name of ['Charlie Cafe', 'Alpha Bistro', 'Bravo Grill']) await makeOrganization(t.db, { name, assignedUserId: rep.user.id })
    const names = (response: { json(): { data: { name: string }[] } }) => response.json().data.map((item) => item.name)
    expect(names(await rep.request({ method: 'GET', url: '/api/v1/organizations?sort=name' }))).toEqual(['Alpha Bistro', 'Bravo Grill', 'Charlie Cafe'])
    expect(names(await rep.request({ method: 'GET', url: '/api/v1/organizations?sort=-name' }))).toEqual(['Charlie Cafe', 'Bravo Grill', 'Alpha Bistro'])
    const cursorPage = await rep.request({ method: 'GET', url: '/api/v1/organizations?sort=-name&limit=1' })
    const wrongSort = await rep.request({ method: 'GET', url: `/api/v1/organizations?sort=name&cursor=${cursorPage.json().nextCursor}` })
    expect(wrongSort.statusCode).toBe(400)
  })

  it('searches by word prefix and substring, treating SQL and tsquery syntax as plain text', async () => {
    const rep = await t.signIn('rep')
    const sysco = await makeOrganization(t.db, { name: 'Sysco Portland', assignedUserId: rep.user.id })
    const odd = await makeOrganization(t.db, { name: "O'Brien's 100% Grill_House", assignedUserId: rep.user.id })
    await makeOrganization(t.db, { name: 'Other Place', assignedUserId: rep.user.id })
    const q = (text: string) => rep.request({ method: 'GET', url: `/api/v1/organizations?q=${encodeURIComponent(text)}` })

    expect(ids(await q('sys'))).toEqual([sysco.id])
    expect(ids(await q('ortla'))).toEqual([sysco.id])
    expect(ids(await q('100%'))).toEqual([odd.id])
    expect(ids(await q('_House'))).toEqual([odd.id])
    for (const hostile of ["'; DROP TABLE organizations; --", 'a & | ! :* ( )', '%', '\\', '\u0000', 'x'.repeat(200)]) {
      const response = await q(hostile)
      expect(response.statusCode, hostile).toBeLessThan(500)
    }
    expect((await q('x'.repeat(201))).statusCode).toBe(400)
    expect((await manager.request({ method: 'GET', url: '/api/v1/organizations?q=Sysco' })).statusCode).toBe(200)
  })

  it('detail carries counts of contacts, interactions in the last 90 days and open opportunities', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    await makeContact(t.db, organization.id)
    await makeContact(t.db, organization.id)
    await makeContact(t.db, organization.id, { deletedAt: new Date() })
    const now = t.clock.now().getTime()
    await makeInteraction(t.db, organization.id, rep.user.id, { occurredAt: new Date(now - 10 * 86_400_000) })
    await makeInteraction(t.db, organization.id, rep.user.id, { occurredAt: new Date(now - 200 * 86_400_000) })
    await makeOpportunity(t.db, organization.id, { stage: 'proposal' })
    await makeOpportunity(t.db, organization.id, { stage: 'closed_won', closedAt: new Date(now) })

    const detail = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })
    expect(detail.statusCode).toBe(200)
    expect(detail.json().counts).toEqual({ contacts: 2, interactionsLast90Days: 1, openOpportunities: 1 })
    expect(detail.json().assignedUser).toEqual({ id: rep.user.id, name: rep.user.name })
  })

  it('deleting an organization hides its children, and restoring brings back exactly those', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const contact = await makeContact(t.db, organization.id)
    const earlier = await makeContact(t.db, organization.id, { deletedAt: new Date('2026-01-01T00:00:00Z') })
    const interaction = await makeInteraction(t.db, organization.id, rep.user.id)

    expect((await rep.request({ method: 'DELETE', url: `/api/v1/organizations/${organization.id}` })).statusCode).toBe(204)
    expect((await rep.request({ method: 'GET', url: `/api/v1/contacts/${contact.id}` })).statusCode).toBe(404)
    expect((await rep.request({ method: 'GET', url: `/api/v1/interactions/${interaction.id}` })).statusCode).toBe(404)
    expect((await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/contacts` })).statusCode).toBe(404)

    expect((await rep.request({ method: 'POST', url: `/api/v1/organizations/${organization.id}/restore` })).statusCode).toBe(200)
    const contacts = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/contacts` })
    expect(ids(contacts)).toEqual([contact.id])
    expect(ids(contacts)).not.toContain(earlier.id)
    expect((await rep.request({ method: 'GET', url: `/api/v1/interactions/${interaction.id}` })).statusCode).toBe(200)
  })

  it('reps create accounts for themselves only; managers assign any active user', async () => {
    const rep = await t.signIn('rep')
    const other = await makeUser(t.db)
    const own = await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Corner Deli' } })
    expect(own.statusCode).toBe(201)
    expect(own.json().assignedUserId).toBe(rep.user.id)

    const forOther = await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Nope Deli', assignedUserId: other.id } })
    expect(forOther.statusCode).toBe(400)
    expect(forOther.json().errors[0].path).toBe('body.assignedUserId')
    const giveAway = await rep.request({ method: 'PATCH', url: `/api/v1/organizations/${own.json().id}`, payload: { assignedUserId: other.id } })
    expect(giveAway.statusCode).toBe(400)

    const reassigned = await manager.request({ method: 'PATCH', url: `/api/v1/organizations/${own.json().id}`, payload: { assignedUserId: other.id } })
    expect(reassigned.statusCode).toBe(200)
    expect((await rep.request({ method: 'GET', url: `/api/v1/organizations/${own.json().id}` })).statusCode).toBe(404)

    const inactive = await makeUser(t.db, { isActive: false })
    const toInactive = await manager.request({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Ghost Deli', assignedUserId: inactive.id } })
    expect(toInactive.statusCode).toBe(400)
  })

  it("reassigning an organization moves its contacts, interactions and opportunities into the new rep's lists", async () => {
    const from = await t.signIn('rep')
    const to = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: from.user.id })
    const contact = await makeContact(t.db, organization.id)
    const interaction = await makeInteraction(t.db, organization.id, from.user.id)
    const opportunity = await makeOpportunity(t.db, organization.id)
    const lists = async (rep: SignedIn) =>
      Promise.all(['contacts', 'interactions', 'opportunities'].map(async (name) => ids(await rep.request({ method: 'GET', url: `/api/v1/${name}` }))))
    expect(await lists(from)).toEqual([[contact.id], [interaction.id], [opportunity.id]])
    expect(await lists(to)).toEqual([[], [], []])

    const moved = await manager.request({ method: 'PATCH', url: `/api/v1/organizations/${organization.id}`, payload: { assignedUserId: to.user.id } })
    expect(moved.statusCode).toBe(200)
    expect(await lists(from)).toEqual([[], [], []])
    expect(await lists(to)).toEqual([[contact.id], [interaction.id], [opportunity.id]])
    expect((await to.request({ method: 'GET', url: `/api/v1/contacts/${contact.id}` })).statusCode).toBe(200)
    expect((await from.request({ method: 'GET', url: `/api/v1/contacts/${contact.id}` })).statusCode).toBe(404)
  })

  it('validates field types, lengths and ranges', async () => {
    const rep = await t.signIn('rep')
    const bad = [
      { name: 42 },
      { name: '' },
      { name: 'x'.repeat(201) },
      { name: 'ok', priorityLevel: 'Z' },
      { name: 'ok', annualRevenueCents: -1 },
      { name: 'ok', annualRevenueCents: 1e20 },
      { name: 'ok', annualRevenueCents: 1.5 },
      { name: 'ok', website: 'javascript:alert(1)' },
      { name: 'ok', primaryEmail: 'not-an-email' },
      { name: 'ok', notes: 'x'.repeat(10_001) },
    ]
    for (const payload of bad) {
      const response = await rep.request({ method: 'POST', url: '/api/v1/organizations', payload })
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400)
      expect(response.json().errors.length).toBeGreaterThan(0)
    }
    const list = await rep.request({ method: 'GET', url: '/api/v1/organizations' })
    expect(list.json().data).toHaveLength(0)
  })
})

describe('organizations list SQL', () => {
  it('stays a keyset query on the live partial indexes, with every value a parameter', () => {
    const query = listOrganizationsQuery.parse({ q: "o'brien", priority: 'A,B', sort: '-updatedAt', limit: '50' })
    const { sql, params } = organizationListQuery(t.db, query, '00000000-0000-0000-0000-00000000000a').toSQL()
    expect(sql).toMatchInlineSnapshot(`"select "id", "created_at", "updated_at", "deleted_at", "version", "name", "type", "industry_segment", "priority_level", "assigned_user_id", "primary_email", "primary_phone", "website", "street", "city", "region", "postal_code", "country", "annual_revenue_cents", "description", "notes" from "organizations" where ("organizations"."deleted_at" is null and "organizations"."assigned_user_id" = $1 and "organizations"."priority_level" in ($2, $3) and ("organizations"."search_vector" @@ to_tsquery('simple', $4) or "organizations"."name" ILIKE $5)) order by "organizations"."updated_at" desc, "organizations"."id" desc limit $6"`)
    expect(params).toEqual(expect.arrayContaining(['o:* & brien:*', "%o'brien%"]))
    expect(sql).not.toContain("o'brien")
    expect(sql).not.toMatch(/offset/i)
  })
})
