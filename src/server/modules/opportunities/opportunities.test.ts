import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOpportunity, makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type TestApp } from '../../testing/test-app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => {
  await t.close()
})

describe('opportunities', () => {
  it('moving to a closed stage stamps closedAt and the stage probability; reopening clears it', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const created = await rep.request({ method: 'POST', url: '/api/v1/opportunities', payload: { organizationId: organization.id, name: 'Wings', valueCents: 90_000 } })
    expect(created.json()).toMatchObject({ stage: 'prospecting', probabilityPercent: 10, closedAt: null, assignedUserId: rep.user.id })

    const won = await rep.request({ method: 'PATCH', url: `/api/v1/opportunities/${created.json().id}`, payload: { stage: 'closed_won' } })
    expect(won.json()).toMatchObject({ stage: 'closed_won', probabilityPercent: 100, closedAt: t.clock.now().toISOString() })
    const reopened = await rep.request({ method: 'PATCH', url: `/api/v1/opportunities/${created.json().id}`, payload: { stage: 'negotiation' } })
    expect(reopened.json()).toMatchObject({ stage: 'negotiation', probabilityPercent: 75, closedAt: null })
  })

  it('list rows name their organization, and follow a rename of it', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { name: 'Harbor Hospital', assignedUserId: rep.user.id })
    await makeOpportunity(t.db, organization.id, { name: 'Frozen desserts', assignedUserId: rep.user.id })
    const url = '/api/v1/opportunities?q=frozen'
    expect((await rep.request({ method: 'GET', url })).json().data).toMatchObject([{ name: 'Frozen desserts', organizationName: 'Harbor Hospital' }])
    expect((await rep.request({ method: 'PATCH', url: `/api/v1/organizations/${organization.id}`, payload: { name: 'Harbor General' } })).statusCode).toBe(200)
    expect((await rep.request({ method: 'GET', url })).json().data).toMatchObject([{ name: 'Frozen desserts', organizationName: 'Harbor General' }])
    expect((await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}/opportunities` })).json().data).toMatchObject([{ organizationName: 'Harbor General' }])
  })

  it('filters by stage list, value and principal; a principal must be of type principal', async () => {
    const rep = await t.signIn('rep')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const principal = await makeOrganization(t.db, { type: 'principal', name: 'Sysco Brands' })
    const big = await makeOpportunity(t.db, organization.id, { stage: 'proposal', valueCents: 5_000_000, principalId: principal.id })
    await makeOpportunity(t.db, organization.id, { stage: 'prospecting', valueCents: 1_000 })
    const list = (query: string) => rep.request({ method: 'GET', url: `/api/v1/opportunities?${query}` }).then((r) => r.json().data.map((o: { id: string }) => o.id))
    expect(await list('stage=proposal,negotiation')).toEqual([big.id])
    expect(await list('minValueCents=1000000')).toEqual([big.id])
    expect(await list(`principalId=${principal.id}`)).toEqual([big.id])
    expect(await list('sort=-valueCents&limit=1')).toEqual([big.id])

    const notPrincipal = await rep.request({ method: 'POST', url: '/api/v1/opportunities', payload: { organizationId: organization.id, name: 'x', principalId: organization.id } })
    expect(notPrincipal.statusCode).toBe(400)
    expect((await rep.request({ method: 'GET', url: '/api/v1/opportunities?stage=won' })).statusCode).toBe(400)
    expect((await rep.request({ method: 'POST', url: '/api/v1/opportunities', payload: { organizationId: organization.id, name: 'x', probabilityPercent: 101 } })).statusCode).toBe(400)
    const unassign = await rep.request({ method: 'PATCH', url: `/api/v1/opportunities/${big.id}`, payload: { assignedUserId: null } })
    expect(unassign.statusCode).toBe(400)
    expect((await rep.request({ method: 'GET', url: `/api/v1/opportunities/${big.id}` })).json().version).toBe(1)
  })
})
