import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../app.js'
import { defineQuery, inTransaction } from '../../platform/db/query.js'
import type { Db } from '../../platform/db/types.js'
import { alertDeliveries, alertEvents, alerts } from '../../platform/db/schema/index.js'
import { createManualClock } from '../../platform/runtime/runtime.js'
import { makeOrganization } from '../../testing/factories.js'
import { eventually } from '../../testing/receivers.js'
import { buildTestApp, openTestDatabase, type SignedIn, type TestApp, testConfig } from '../../testing/test-app.js'

let t: TestApp
let admin: SignedIn
let channelId: string

beforeAll(async () => {
  t = await buildTestApp({ env: { CACHE: 'off' } })
  admin = await t.signIn('admin')
  // Jobs are off here: deliveries stay queued, which is what these tests count.
  const channel = await admin.request({ method: 'POST', url: '/api/v1/alerts/channels', payload: { kind: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/hook', secret: 'evaluation-test-secret-01' } })
  channelId = channel.json().id
})
afterAll(async () => {
  await t.close()
})

async function createRule(payload: Record<string, unknown>) {
  const response = await admin.request({ method: 'POST', url: '/api/v1/alerts/rules', payload: { channelIds: [channelId], ...payload } })
  expect(response.statusCode).toBe(201)
  return response.json() as { id: string }
}

/** Requests as the APM store records them (route key, duration, status), at the manual clock's time. */
function recordRequests(route: string, count: number, durationMs: number, status: '2xx' | '5xx' = '2xx') {
  for (let index = 0; index < count; index++) t.platform.monitor.requests.record(route, durationMs * 1000, status)
}

const alertsOf = (ruleId: string) => t.db.select().from(alerts).where(eq(alerts.ruleId, ruleId))
const deliveriesOf = async (ruleId: string) => (await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.ruleId, ruleId))).map((row) => row.kind)
const eventsOf = async (alertId: string) => (await t.db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(alertEvents.at)).map((row) => row.kind)
const step = async (seconds: number) => {
  t.clock.advance(seconds * 1000)
  return t.services.alertEvaluator.evaluate()
}

describe('alert evaluation', () => {
  it('does not fire a for-30s rule on a 10-second spike', async () => {
    const rule = await createRule({ name: 'Spike', metric: 'latencyP95', route: 'GET /spike', threshold: 500, windowSeconds: 10, forSeconds: 30 })
    recordRequests('GET /spike', 20, 900)
    expect((await t.services.alertEvaluator.evaluate()).status).toBe('evaluated')
    expect(await alertsOf(rule.id)).toEqual([expect.objectContaining({ state: 'pending', value: expect.closeTo(900, 0) })])
    await step(10)
    recordRequests('GET /spike', 20, 900)
    await step(10)
    await step(10)
    await step(10)
    expect(await alertsOf(rule.id)).toEqual([])
    expect(await deliveriesOf(rule.id)).toEqual([])
  })

  it('fires once the condition has held for its `for`, then resolves by itself once clear for its window', async () => {
    const rule = await createRule({ name: 'Sustained', metric: 'latencyP95', route: 'GET /sustained', threshold: 500, windowSeconds: 10, forSeconds: 30, repeatIntervalSeconds: 0 })
    recordRequests('GET /sustained', 20, 800)
    await t.services.alertEvaluator.evaluate()
    for (let second = 10; second <= 30; second += 10) {
      t.clock.advance(10_000)
      recordRequests('GET /sustained', 20, 800 + second)
      await t.services.alertEvaluator.evaluate()
    }
    const [fired] = await alertsOf(rule.id)
    expect(fired).toMatchObject({ state: 'firing', notificationCount: 1 })
    expect(fired?.value).toBeCloseTo(830, -1)
    expect(await deliveriesOf(rule.id)).toEqual(['firing'])
    // A repeat interval of 0 notifies once, however long it fires.
    recordRequests('GET /sustained', 20, 900)
    await step(10)
    expect(await deliveriesOf(rule.id)).toEqual(['firing'])

    await step(10) // the window (10 s) no longer holds a slow request: clear from here
    expect((await alertsOf(rule.id))[0]).toMatchObject({ state: 'firing', clearSince: expect.any(Date) })
    await step(10)
    const [resolved] = await alertsOf(rule.id)
    expect(resolved).toMatchObject({ state: 'resolved', resolvedBy: null, value: null, peakValue: expect.closeTo(900, -1) })
    expect(await eventsOf(resolved?.id as string)).toEqual(['pending', 'fired', 'resolved'])
    expect(await deliveriesOf(rule.id)).toEqual(['firing', 'resolved'])
  })

  it('repeats while unacknowledged and goes quiet once acknowledged; a hand resolve tells the channels', async () => {
    const rule = await createRule({ name: 'Errors', metric: 'errorRate', route: 'GET /broken', threshold: 0.1, windowSeconds: 60, forSeconds: 0, repeatIntervalSeconds: 60 })
    const keepBreaking = () => {
      recordRequests('GET /broken', 15, 20, '2xx')
      recordRequests('GET /broken', 10, 20, '5xx')
    }
    keepBreaking()
    await t.services.alertEvaluator.evaluate()
    const [alert] = await alertsOf(rule.id)
    expect(alert).toMatchObject({ state: 'firing', value: 0.4 })
    expect(await deliveriesOf(rule.id)).toEqual(['firing'])
    for (let index = 0; index < 4; index++) {
      keepBreaking()
      await step(20)
    }
    expect(await deliveriesOf(rule.id)).toEqual(['firing', 'repeat'])

    const ack = await admin.request({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/acknowledge` })
    expect(ack.statusCode).toBe(200)
    expect(ack.json()).toMatchObject({ state: 'firing', acknowledgedBy: { id: admin.user.id, name: admin.user.name } })
    for (let index = 0; index < 4; index++) {
      keepBreaking()
      await step(20)
    }
    expect(await deliveriesOf(rule.id)).toEqual(['firing', 'repeat'])

    const resolved = await admin.request({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/resolve` })
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: { id: admin.user.id } })
    expect((await admin.request({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/resolve` })).statusCode).toBe(409)
    expect(await deliveriesOf(rule.id)).toEqual(['firing', 'repeat', 'resolved'])

    // Still broken: resolved by hand, the rule stays quiet until its condition has cleared once.
    keepBreaking()
    await step(10)
    expect((await alertsOf(rule.id)).map((row) => row.state)).toEqual(['resolved'])
    await step(70) // the window empties: clear
    keepBreaking()
    await step(10) // broken again: a new alert, and still never two open ones for one rule
    const all = await alertsOf(rule.id)
    expect(all.map((row) => row.state).sort()).toEqual(['firing', 'resolved'])
    // Disabling the rule resolves the open alert, and the channel that heard it fire hears that too.
    await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { isEnabled: false } })
    await step(10)
    expect((await alertsOf(rule.id)).every((row) => row.state === 'resolved')).toBe(true)
    expect(await deliveriesOf(rule.id)).toEqual(['firing', 'repeat', 'resolved', 'firing', 'resolved'])

    const stats = (await admin.request({ method: 'GET', url: '/api/v1/alerts/stats?window=24h' })).json()
    expect(stats.fired).toBeGreaterThanOrEqual(2)
    expect(stats.bySeverity).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'medium' })]))
    expect(stats.meanTimeToAcknowledgeSeconds).toBeGreaterThan(0)
    expect(stats.meanTimeToResolveSeconds).toBeGreaterThan(0)
    const history = (await admin.request({ method: 'GET', url: `/api/v1/alerts/history?ruleId=${rule.id}` })).json().data as { kind: string }[]
    expect(history.map((event) => event.kind)).toEqual(expect.arrayContaining(['pending', 'fired', 'repeated', 'acknowledged', 'resolved']))
  })

  it('acknowledges only a firing alert, and a changed condition resolves the open alert', async () => {
    const rule = await createRule({ name: 'Busy', metric: 'throughput', route: 'GET /busy', threshold: 1, windowSeconds: 10, forSeconds: 20 })
    recordRequests('GET /busy', 30, 5)
    await t.services.alertEvaluator.evaluate()
    const [pending] = await alertsOf(rule.id)
    expect(pending?.state).toBe('pending')
    expect((await admin.request({ method: 'POST', url: `/api/v1/alerts/${pending?.id}/acknowledge` })).statusCode).toBe(409)
    for (let index = 0; index < 2; index++) {
      t.clock.advance(10_000)
      recordRequests('GET /busy', 30, 5)
      await t.services.alertEvaluator.evaluate()
    }
    expect((await alertsOf(rule.id))[0]?.state).toBe('firing')
    const changed = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { threshold: 100 } })
    expect(changed.json()).toMatchObject({ threshold: 100, status: 'ok' })
    expect((await alertsOf(rule.id))[0]).toMatchObject({ state: 'resolved', resolvedBy: admin.user.id })
    expect(await deliveriesOf(rule.id)).toEqual(['firing', 'resolved'])
    // A change that leaves the condition alone (a new name) leaves an open alert open.
    await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { threshold: 1 } })
    for (let index = 0; index < 3; index++) {
      recordRequests('GET /busy', 30, 5)
      await step(10)
    }
    await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { name: 'Busy route' } })
    expect((await alertsOf(rule.id)).map((row) => row.state).sort()).toEqual(['firing', 'resolved'])
  })

  it('fires the p95 rule on the real figures of slow requests through the app', async () => {
    const rule = await createRule({ name: 'Slow list', metric: 'latencyP95', route: 'GET /api/v1/organizations', threshold: 150, windowSeconds: 60, forSeconds: 0 })
    await makeOrganization(t.db, { assignedUserId: admin.user.id })
    // Hold a lock on the table the list reads for 400 ms: twelve real requests wait behind it.
    let locked: () => void = () => undefined
    const isLocked = new Promise<void>((resolve) => (locked = resolve))
    const release = inTransaction(t.db, async (tx) => {
      await tx.execute(sql`LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE`)
      locked()
      await new Promise((resolve) => setTimeout(resolve, 400))
    })
    await isLocked
    const requests = Array.from({ length: 12 }, () => admin.request({ method: 'GET', url: '/api/v1/organizations' }))
    await release
    expect((await Promise.all(requests)).map((response) => response.statusCode)).toEqual(Array(12).fill(200))

    const result = await t.services.alertEvaluator.evaluate()
    const [alert] = await alertsOf(rule.id)
    expect(result.status).toBe('evaluated')
    expect(alert?.state).toBe('firing')
    expect(alert?.value).toBeGreaterThan(250)
    const routes = (await admin.request({ method: 'GET', url: '/api/v1/monitoring/routes?window=1m' })).json().data as { name: string; p95Ms: number }[]
    expect(alert?.value).toBe(routes.find((route) => route.name === 'GET /api/v1/organizations')?.p95Ms)
    const listed = (await admin.request({ method: 'GET', url: '/api/v1/alerts?state=firing&metric=latencyP95' })).json().data as { id: string }[]
    expect(listed.map((item) => item.id)).toContain(alert?.id)
    const detail = (await admin.request({ method: 'GET', url: `/api/v1/alerts/${alert?.id}` })).json()
    expect(detail.deliveries).toEqual([expect.objectContaining({ kind: 'firing', channelId, status: 'queued' })])
  })

  it('fires the shipped database-errors rule on real failing queries, to every channel', async () => {
    const failing = defineQuery('test.divideByZero', async (db: Db) => db.execute(sql`SELECT 1 / 0`))
    for (let index = 0; index < 11; index++) await expect(failing(t.db)).rejects.toThrow()
    await t.services.alertEvaluator.evaluate()
    const rules = (await admin.request({ method: 'GET', url: '/api/v1/alerts/rules' })).json().data as { id: string; metric: string; status: string; lastValue: number }[]
    const shipped = rules.find((rule) => rule.metric === 'databaseErrors')
    expect(shipped).toMatchObject({ status: 'firing', lastValue: 11 })
    expect(await deliveriesOf(shipped?.id as string)).toEqual(['firing'])
  })

  it('counts failed sign-ins from the database', async () => {
    const rule = await createRule({ name: 'Guessing', metric: 'failedLogins', threshold: 2, windowSeconds: 3600, forSeconds: 0 })
    for (let index = 0; index < 3; index++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { email: admin.user.email, password: `wrong-${index}` } })
    }
    await t.services.alertEvaluator.evaluate()
    expect(await alertsOf(rule.id)).toEqual([expect.objectContaining({ state: 'firing', value: 3 })])
  })
})

// Several instances share one PostgreSQL: an embedded database has one. Registered per driver, not skipped.
if (inject('driver') === 'postgres') {
  describe('alert evaluation with two instances', () => {
    it('evaluates on one instance only, sends one notification, and hands over when it stops', async () => {
      const database = await openTestDatabase()
      const clock = createManualClock(new Date('2026-03-15T12:00:00.000Z'))
      const first = await buildApp(testConfig(), { database, clock })
      const second = await buildApp(testConfig(), { database, clock })
      try {
        const [rule] = await first.services.alerts
          .createRule({ name: 'Both see it', metric: 'throughput', route: null, windowSeconds: 60, comparison: '>', threshold: 0.5, forSeconds: 0, severity: 'low', repeatIntervalSeconds: 3600, channelIds: null, isEnabled: true })
          .then((created) => [created])
        await first.services.alerts.createChannel({ kind: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/hook', secret: 'two-instances-secret-01' })
        for (const app of [first, second]) for (let index = 0; index < 60; index++) app.platform.monitor.requests.record('GET /x', 1000, '2xx')

        const results = []
        for (let round = 0; round < 3; round++) {
          results.push((await first.services.alertEvaluator.evaluate()).status, (await second.services.alertEvaluator.evaluate()).status)
          clock.advance(5_000)
        }
        expect(results).toEqual(['evaluated', 'not-leader', 'evaluated', 'not-leader', 'evaluated', 'not-leader'])
        const rows = await database.db.select().from(alerts).where(eq(alerts.ruleId, rule?.id as string))
        expect(rows.map((row) => row.state)).toEqual(['firing'])
        const sent = await database.db.select().from(alertDeliveries).where(and(eq(alertDeliveries.ruleId, rule?.id as string), eq(alertDeliveries.kind, 'firing')))
        expect(sent).toHaveLength(1)

        // The evaluating instance's lease connection dies (a vanished host, a killed backend): the other takes over.
        await database.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kp-alert-evaluator' AND datname = current_database()`)
        await eventually(async () => (await second.services.alertEvaluator.evaluate()).status === 'evaluated', 10_000)
        expect((await first.services.alertEvaluator.evaluate()).status).toBe('not-leader')
        // And when that one stops, the first takes it back.
        await second.app.close()
        expect((await first.services.alertEvaluator.evaluate()).status).toBe('evaluated')
      } finally {
        await first.app.close()
        await second.app.close()
        await database.close()
      }
    })
  })
}
