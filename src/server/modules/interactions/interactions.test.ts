import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeInteraction, makeOpportunity, makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type TestApp } from '../../testing/test-app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => {
  await t.close()
})

describe('interactions', () => {
  it('an organization timeline is newest first and pages by cursor', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    for (const day of [3, 1, 5, 2, 4]) {
      await makeInteraction(t.db, organization.id, rep.user.id, { subject: `day ${day}`, occurredAt: new Date(`2026-03-0${day}T09:00:00Z`) })
    }
    const first = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/interactions?limit=3` })
    expect(first.json().data.map((i: { subject: string }) => i.subject)).toEqual(['day 5', 'day 4', 'day 3'])
    const second = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/interactions?limit=3&cursor=${first.json().nextCursor}` })
    expect(second.json().data.map((i: { subject: string }) => i.subject)).toEqual(['day 2', 'day 1'])
    expect(second.json().nextCursor).toBeNull()
  })

  it("list rows name their organization, and follow a rename of it", async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { name: 'Blue Door Bistro', assignedUserId: rep.user.id })
    await makeInteraction(t.db, organization.id, rep.user.id, { subject: 'Menu tasting' })
    const url = `/api/v1/interactions?organizationId=${organization.id}`
    const before = await rep.request({ method: 'GET', url })
    expect(before.json().data).toMatchObject([{ subject: 'Menu tasting', organizationId: organization.id, organizationName: 'Blue Door Bistro' }])
    const renamed = await rep.request({ method: 'PATCH', url: `/api/v1/organizations/${organization.id}`, payload: { name: 'Red Door Bistro' } })
    expect(renamed.statusCode).toBe(200)
    for (const path of [url, `/api/v1/organizations/${organization.id}/interactions`, '/api/v1/interactions?limit=200']) {
      const after = await rep.request({ method: 'GET', url: path })
      const row = after.json().data.find((item: { organizationId: string }) => item.organizationId === organization.id)
      expect(row?.organizationName, path).toBe('Red Door Bistro')
    }
  })

  it('filters by type and date range, and by follow-ups due', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const visit = await makeInteraction(t.db, organization.id, rep.user.id, { type: 'visit', occurredAt: new Date('2026-02-10T10:00:00Z') })
    const call = await makeInteraction(t.db, organization.id, rep.user.id, { type: 'call', occurredAt: new Date('2026-03-10T10:00:00Z'), followUpAt: new Date('2026-03-20T10:00:00Z') })
    const list = (query: string) => rep.request({ method: 'GET', url: `/api/v1/interactions?${query}` }).then((r) => r.json().data.map((i: { id: string }) => i.id))
    expect(await list('type=visit')).toEqual([visit.id])
    expect(await list('occurredFrom=2026-03-01T00:00:00Z&occurredTo=2026-03-31T00:00:00Z')).toEqual([call.id])
    expect(await list('followUpTo=2026-03-31T00:00:00Z')).toEqual([call.id])
    expect((await rep.request({ method: 'GET', url: '/api/v1/interactions?occurredFrom=yesterday' })).statusCode).toBe(400)
  })

  it('logs the author and refuses a contact or opportunity of another organization', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const elsewhere = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const contact = await makeContact(t.db, organization.id)
    const foreignContact = await makeContact(t.db, elsewhere.id)
    const foreignOpportunity = await makeOpportunity(t.db, elsewhere.id)

    const logged = await rep.request({ method: 'POST', url: '/api/v1/interactions', payload: { organizationId: organization.id, contactId: contact.id, type: 'sampling', subject: 'Tasting' } })
    expect(logged.statusCode).toBe(201)
    expect(logged.json()).toMatchObject({ userId: rep.user.id, contactId: contact.id, occurredAt: t.clock.now().toISOString() })

    const wrongContact = await rep.request({ method: 'POST', url: '/api/v1/interactions', payload: { organizationId: organization.id, contactId: foreignContact.id, type: 'call', subject: 'x' } })
    expect(wrongContact.statusCode).toBe(400)
    expect(wrongContact.json().errors[0].path).toBe('body.contactId')
    const wrongOpportunity = await rep.request({ method: 'POST', url: '/api/v1/interactions', payload: { organizationId: organization.id, opportunityId: foreignOpportunity.id, type: 'call', subject: 'x' } })
    expect(wrongOpportunity.statusCode).toBe(400)
    const timeline = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/interactions` })
    expect(timeline.json().data).toHaveLength(1)

    // A linked contact deleted later does not block unrelated edits.
    expect((await rep.request({ method: 'DELETE', url: `/api/v1/contacts/${contact.id}` })).statusCode).toBe(204)
    const edited = await rep.request({ method: 'PATCH', url: `/api/v1/interactions/${logged.json().id}`, payload: { subject: 'Tasting, round two' } })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ subject: 'Tasting, round two', contactId: contact.id })
  })
})
