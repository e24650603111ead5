import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type TestApp } from '../../testing/test-app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => {
  await t.close()
})

describe('contacts', () => {
  it("lists an organization's contacts, searchable by name prefix", async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const rosa = await makeContact(t.db, organization.id, { firstName: 'Rosa', lastName: 'Diaz' })
    await makeContact(t.db, organization.id, { firstName: 'Amir', lastName: 'Khan' })
    await makeContact(t.db, (await makeOrganization(t.db, { assignedUserId: rep.user.id })).id, { firstName: 'Rosalind', lastName: 'Franklin' })

    const nested = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/contacts?sort=lastName` })
    expect(nested.statusCode).toBe(200)
    expect(nested.json().data.map((c: { lastName: string }) => c.lastName)).toEqual(['Diaz', 'Khan'])

    const search = await rep.request({ method: 'GET', url: `/api/v1/contacts?q=ros&organizationId=${organization.id}` })
    expect(search.json().data.map((c: { id: string }) => c.id)).toEqual([rosa.id])
    const everywhere = await rep.request({ method: 'GET', url: '/api/v1/contacts?q=ros' })
    expect(everywhere.json().data).toHaveLength(2)
  })

  it('keeps one primary contact per organization', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const first = await rep.request({ method: 'POST', url: '/api/v1/contacts', payload: { organizationId: organization.id, firstName: 'A', lastName: 'One', isPrimary: true } })
    const second = await rep.request({ method: 'POST', url: '/api/v1/contacts', payload: { organizationId: organization.id, firstName: 'B', lastName: 'Two', isPrimary: true } })
    expect(second.statusCode).toBe(201)
    const primaries = await rep.request({ method: 'GET', url: `/api/v1/contacts?organizationId=${organization.id}&isPrimary=true` })
    expect(primaries.json().data.map((c: { id: string }) => c.id)).toEqual([second.json().id])
    const demoted = await rep.request({ method: 'GET', url: `/api/v1/contacts/${first.json().id}` })
    expect(demoted.json()).toMatchObject({ isPrimary: false, version: 2 })

    // Deleting the primary and restoring it later makes it the primary again, alone.
    expect((await rep.request({ method: 'DELETE', url: `/api/v1/contacts/${second.json().id}` })).statusCode).toBe(204)
    expect((await rep.request({ method: 'PATCH', url: `/api/v1/contacts/${first.json().id}`, payload: { isPrimary: true } })).statusCode).toBe(200)
    expect((await rep.request({ method: 'POST', url: `/api/v1/contacts/${second.json().id}/restore` })).statusCode).toBe(200)
    const after = await rep.request({ method: 'GET', url: `/api/v1/contacts?organizationId=${organization.id}&isPrimary=true` })
    expect(after.json().data.map((c: { id: string }) => c.id)).toEqual([second.json().id])
  })

  it("cannot be created under, or moved to, another rep's organization", async () => {
    const rep = await t.signIn('rep')
    const other = await t.signIn('rep')
    const theirs = await makeOrganization(t.db, { assignedUserId: other.user.id })
    const mine = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const create = await rep.request({ method: 'POST', url: '/api/v1/contacts', payload: { organizationId: theirs.id, firstName: 'X', lastName: 'Y' } })
    expect(create.statusCode).toBe(404)
    const contact = await makeContact(t.db, mine.id)
    const move = await rep.request({ method: 'PATCH', url: `/api/v1/contacts/${contact.id}`, payload: { organizationId: theirs.id } })
    expect(move.statusCode).toBe(404)
    expect((await other.request({ method: 'GET', url: `/api/v1/organizations/${theirs.id}/contacts` })).json().data).toHaveLength(0)
    expect((await rep.request({ method: 'GET', url: `/api/v1/organizations/${theirs.id}/contacts` })).statusCode).toBe(404)
  })
})
