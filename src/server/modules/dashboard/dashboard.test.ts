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

describe('dashboard', () => {
  it('serves per-rep and team figures from the refreshed views', async () => {
    const rep = await t.signIn('rep')
    const other = await t.signIn('rep')
    const manager = await t.signIn('manager')
    const now = new Date()
    const mine = await makeOrganization(t.db, { assignedUserId: rep.user.id, priorityLevel: 'A' })
    await makeOrganization(t.db, { assignedUserId: rep.user.id, priorityLevel: 'C' })
    const theirs = await makeOrganization(t.db, { assignedUserId: other.user.id })
    await makeContact(t.db, mine.id)
    await makeInteraction(t.db, mine.id, rep.user.id, { occurredAt: now })
    await makeInteraction(t.db, mine.id, rep.user.id, { occurredAt: new Date(now.getTime() - 400 * 86_400_000) })
    await makeOpportunity(t.db, mine.id, { stage: 'proposal', valueCents: 300_00 })
    await makeOpportunity(t.db, mine.id, { stage: 'closed_won', valueCents: 500_00, closedAt: now })
    await makeOpportunity(t.db, mine.id, { stage: 'closed_lost', valueCents: 100_00, closedAt: now })
    await makeOpportunity(t.db, theirs.id, { stage: 'negotiation', valueCents: 700_00 })

    const before = await rep.request({ method: 'GET', url: '/api/v1/dashboard' })
    expect(before.json().figures.organizations).toBe(0)

    await t.services.dashboard.refresh()
    const response = await rep.request({ method: 'GET', url: '/api/v1/dashboard' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.scope).toEqual({ kind: 'user', userId: rep.user.id })
    expect(body.figures).toEqual({
      organizations: 2,
      aPriorityOrganizations: 1,
      contacts: 1,
      interactionsThisMonth: 1,
      openOpportunities: 1,
      pipelineValueCents: 300_00,
      wonThisQuarterCents: 500_00,
    })
    expect(body.winRateThisQuarter).toBe(0.5)
    expect(body.pipeline.find((s: { stage: string }) => s.stage === 'proposal')).toEqual({ stage: 'proposal', count: 1, valueCents: 300_00 })
    expect(body.refreshedAt).not.toBeNull()

    const team = await manager.request({ method: 'GET', url: '/api/v1/dashboard' })
    expect(team.json().scope.kind).toBe('team')
    expect(team.json().figures.organizations).toBe(3)
    expect(team.json().figures.pipelineValueCents).toBe(1_000_00)
    const one = await manager.request({ method: 'GET', url: `/api/v1/dashboard?scope=${other.user.id}` })
    expect(one.json().figures).toMatchObject({ organizations: 1, pipelineValueCents: 700_00 })

    const repAsksTeam = await rep.request({ method: 'GET', url: '/api/v1/dashboard?scope=team' })
    expect(repAsksTeam.json().scope.userId).toBe(rep.user.id)
    expect((await manager.request({ method: 'GET', url: '/api/v1/dashboard?scope=everyone' })).statusCode).toBe(400)
  })
})

describe('dashboard refresh job', () => {
  it('a burst of writes enqueues at most two debounced pg-boss refreshes', async () => {
    // A 60 s debounce: five quick writes land in the current slot and, at most, the next one.
    const jobs = await buildTestApp({ env: { JOBS: 'on', DASHBOARD_REFRESH_DEBOUNCE_SECONDS: '60' } })
    try {
      const rep = await jobs.signIn('rep')
      for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) {
        expect((await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: { name } })).statusCode).toBe(201)
      }
      const queued = await jobs.platform.database.executeSql("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'dashboard-refresh'")
      expect((queued.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(1)
      expect((queued.rows[0] as { n: number }).n).toBeLessThanOrEqual(2)
    } finally {
      await jobs.close()
    }
  })

  it('the queued refresh runs in the background and the dashboard shows the write', async () => {
    const jobs = await buildTestApp({ env: { JOBS: 'on', DASHBOARD_REFRESH_DEBOUNCE_SECONDS: '1' } })
    try {
      const rep = await jobs.signIn('rep')
      expect((await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Fresh Diner' } })).statusCode).toBe(201)
      await expect
        .poll(async () => (await rep.request({ method: 'GET', url: '/api/v1/dashboard' })).json().figures.organizations, { timeout: 25_000, interval: 250 })
        .toBe(1)
    } finally {
      await jobs.close()
    }
  })
})
