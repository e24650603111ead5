import { spawnSync } from 'node:child_process'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metricRollups } from '../../platform/db/schema/index.js'
import { makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'

let t: TestApp
let admin: SignedIn
let rep: SignedIn

beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('admin')
  rep = await t.signIn('rep')
})
afterAll(async () => {
  await t.close()
})

const routesNamed = async (prefix: string) =>
  ((await admin.request({ method: 'GET', url: '/api/v1/monitoring/routes?window=1h' })).json().data as { name: string; count: number }[]).filter((route) =>
    route.name.startsWith(prefix),
  )

describe('request monitoring', () => {
  it('records route templates, not raw URLs, and folds unknown URLs into one label', async () => {
    for (let index = 0; index < 3; index++) {
      const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
      await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })
      await rep.request({ method: 'GET', url: `/api/v1/no-such-thing/${index}` })
    }
    expect(await routesNamed('GET /api/v1/organizations/:id')).toEqual([expect.objectContaining({ name: 'GET /api/v1/organizations/:id', count: 3 })])
    expect((await routesNamed('GET unmatched'))[0]?.count).toBe(3)
    expect((await routesNamed('GET /api/v1/no-such-thing')).length).toBe(0)
  })

  it('answers Server-Timing with database and application time on API responses', async () => {
    const response = await rep.request({ method: 'GET', url: '/api/v1/organizations' })
    expect(response.headers['server-timing']).toMatch(/^db;dur=\d+(\.\d+)?;desc="\d+ queries", app;dur=\d+(\.\d+)?(, cache;desc=(hit|miss))?$/)
  })

  it('times named queries and reports them per name', async () => {
    await rep.request({ method: 'GET', url: '/api/v1/organizations' })
    const queries = (await admin.request({ method: 'GET', url: '/api/v1/monitoring/queries?window=5m' })).json().data as { name: string; count: number }[]
    expect(queries.map((query) => query.name)).toEqual(expect.arrayContaining(['organizations.list', 'auth.sessionUser']))
    const overview = await admin.request({ method: 'GET', url: '/api/v1/monitoring/overview?window=5m' })
    expect(overview.statusCode).toBe(200)
    expect(overview.json().requests.count).toBeGreaterThan(5)
    expect(overview.json().slowestQueries.length).toBeGreaterThan(0)
    expect(overview.json().process.heapLimitBytes).toBeGreaterThan(overview.json().process.heapUsedBytes)
    const pool = overview.json().databasePool
    if (t.platform.database.kind === 'postgres') expect(pool.total).toBeGreaterThan(0)
    else expect(pool).toBeNull()
  })

  it('reports the cache hit ratio overall and per namespace for the window', async () => {
    const figures = async () => {
      const cache = (await admin.request({ method: 'GET', url: '/api/v1/monitoring/overview?window=1m' })).json().cache
      const list = cache.namespaces.find((row: { name: string }) => row.name === 'organizations.list') ?? { hits: 0, misses: 0 }
      return { cache, list }
    }
    const before = await figures()
    for (let index = 0; index < 4; index++) await rep.request({ method: 'GET', url: '/api/v1/organizations?sort=-createdAt&limit=7' })
    const after = await figures()
    expect([after.list.misses - before.list.misses, after.list.hits - before.list.hits]).toEqual([1, 3])
    expect(after.list.hitRatio).toBeCloseTo(after.list.hits / (after.list.hits + after.list.misses), 10)
    expect(after.cache.hits).toBeGreaterThanOrEqual(after.list.hits)
    expect(after.cache.hitRatio).toBeCloseTo(after.cache.hits / (after.cache.hits + after.cache.misses), 10)
    // The window forgets: ten minutes later the 1-minute window holds none of it.
    t.clock.advance(10 * 60_000)
    expect((await figures()).list).toEqual({ hits: 0, misses: 0 })
  })

  it('refuses reps and validates parameters', async () => {
    for (const path of ['overview', 'routes', 'queries', 'errors', 'health', 'series?metric=p95&from=2026-03-15T11:00:00Z&to=2026-03-15T12:00:00Z']) {
      expect((await rep.request({ method: 'GET', url: `/api/v1/monitoring/${path}` })).statusCode, path).toBe(403)
    }
    const manager = await t.signIn('manager')
    expect((await manager.request({ method: 'GET', url: '/api/v1/monitoring/overview' })).statusCode).toBe(200)
    for (const bad of ['overview?window=2h', 'routes?window=', 'series?metric=p42&from=2026-03-15T11:00:00Z&to=2026-03-15T12:00:00Z', 'series?metric=p95&from=2026-03-15T12:00:00Z&to=2026-03-15T11:00:00Z', 'series?metric=rps&from=2026-01-01T00:00:00Z&to=2026-03-15T12:00:00Z&step=10', 'errors/nope', 'errors?sort=password']) {
      const response = await admin.request({ method: 'GET', url: `/api/v1/monitoring/${bad}` })
      expect(response.statusCode, bad).toBe(400)
    }
  })
})

describe('error tracking', () => {
  it('groups a repeated server error once, two different errors apart, with no secrets in samples', async () => {
    const broken = await buildTestApp()
    try {
      const user = await broken.signIn('admin')
      // Real failures inside routes: the tables they read are gone.
      await broken.db.execute(sql`ALTER TABLE organizations RENAME TO organizations_gone`)
      for (let index = 0; index < 4; index++) {
        const response = await user.request({ method: 'GET', url: '/api/v1/organizations?q=secret-search' })
        expect(response.statusCode).toBe(500)
        expect(response.body).not.toMatch(/organizations_gone|relation|select/i)
      }
      await broken.db.execute(sql`ALTER TABLE auth_events RENAME TO auth_events_gone`)
      const login = await broken.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: 'kp_session=cookie-value-123' }, payload: { email: 'nobody@example.com', password: 'hunter2-password' } })
      expect(login.statusCode).toBe(500)
      await broken.db.execute(sql`ALTER TABLE organizations_gone RENAME TO organizations`)
      await broken.db.execute(sql`ALTER TABLE auth_events_gone RENAME TO auth_events`)

      const groups = (await user.request({ method: 'GET', url: '/api/v1/monitoring/errors?sort=-count' })).json().data as { id: string; count: number; type: string; routes: string[] }[]
      expect(groups).toHaveLength(2)
      expect(groups[0]).toMatchObject({ count: 4, type: 'DatabaseError', routes: ['GET /api/v1/organizations'] })
      expect(groups[1]).toMatchObject({ count: 1, routes: ['POST /api/v1/auth/login'] })

      const detail = await user.request({ method: 'GET', url: `/api/v1/monitoring/errors/${groups[0]?.id}` })
      expect(detail.json().samples).toHaveLength(4)
      expect(detail.json().samples[0]).toMatchObject({ route: 'GET /api/v1/organizations', userId: user.user.id })
      const everything = JSON.stringify((await user.request({ method: 'GET', url: `/api/v1/monitoring/errors/${groups[1]?.id}` })).json())
      for (const secret of ['hunter2-password', 'cookie-value-123', 'nobody@example.com', 'secret-search']) expect(everything).not.toContain(secret)
      expect(JSON.stringify(detail.json())).not.toContain('secret-search')

      // Flushing again adds nothing: only new occurrences are written.
      await broken.platform.rollups.flush()
      const again = (await user.request({ method: 'GET', url: '/api/v1/monitoring/errors?sort=-count' })).json().data
      expect(again[0].count).toBe(4)
      expect((await user.request({ method: 'GET', url: '/api/v1/monitoring/errors/0123456789abcdef0123456789abcdef' })).statusCode).toBe(404)
    } finally {
      await broken.close()
    }
  })
})

describe('rollups and series', () => {
  it('writes each completed minute once per instance, serves older series from them, and prunes by retention', async () => {
    const app = await buildTestApp()
    try {
      const user = await app.signIn('admin')
      const start = app.clock.now().getTime()
      for (let index = 0; index < 5; index++) await user.request({ method: 'GET', url: '/api/v1/organizations' })
      app.clock.advance(60_000)
      await app.platform.rollups.flush()
      await app.platform.rollups.flush()
      const rows = await app.db.select().from(metricRollups).where(sql`${metricRollups.kind} = 'route' AND ${metricRollups.name} = 'GET /api/v1/organizations'`)
      expect(rows).toHaveLength(1)
      expect(rows[0]?.count).toBe(5)

      // Two hours on, that minute is gone from the ring and comes back from the rollups.
      app.clock.advance(2 * 3_600_000)
      const from = new Date(Math.floor(start / 60_000) * 60_000).toISOString()
      const to = new Date(Math.floor(start / 60_000) * 60_000 + 120_000).toISOString()
      const series = await user.request({ method: 'GET', url: `/api/v1/monitoring/series?metric=rps&route=${encodeURIComponent('GET /api/v1/organizations')}&from=${from}&to=${to}&step=60` })
      expect(series.statusCode).toBe(200)
      expect(series.json().points[0]).toMatchObject({ source: 'rollups', value: 5 / 60 })
      const p95 = await user.request({ method: 'GET', url: `/api/v1/monitoring/series?metric=p95&route=${encodeURIComponent('GET /api/v1/organizations')}&from=${from}&to=${to}&step=60` })
      expect(p95.json().points[0].value).toBeGreaterThan(0)

      app.clock.advance(31 * 86_400_000)
      await app.platform.rollups.prune()
      expect(await app.db.select().from(metricRollups)).toHaveLength(0)
    } finally {
      await app.close()
    }
  })
})

describe('monitoring health', () => {
  it('is healthy at rest, unhealthy on errors above 5 %, and names the reason', async () => {
    // Cache off: the failures must reach the database, not be answered from cache.
    const app = await buildTestApp({ env: { CACHE: 'off', HEALTH_HEAP_DEGRADED: '0.99', HEALTH_HEAP_UNHEALTHY: '0.999' } })
    try {
      const user = await app.signIn('admin')
      for (let index = 0; index < 25; index++) await user.request({ method: 'GET', url: '/api/v1/organizations' })
      const healthy = await user.request({ method: 'GET', url: '/api/v1/monitoring/health' })
      expect(healthy.json()).toMatchObject({ status: 'healthy', reasons: [] })

      await app.db.execute(sql`ALTER TABLE organizations RENAME TO organizations_gone`)
      for (let index = 0; index < 5; index++) await user.request({ method: 'GET', url: '/api/v1/organizations' })
      await app.db.execute(sql`ALTER TABLE organizations_gone RENAME TO organizations`)
      const unhealthy = (await user.request({ method: 'GET', url: '/api/v1/monitoring/health' })).json()
      expect(unhealthy.status).toBe('unhealthy')
      expect(unhealthy.reasons.join(' ')).toMatch(/error rate/)
    } finally {
      await app.close()
    }
  })
})

describe('monitoring health thresholds', () => {
  it('is degraded when p95 passes its degraded threshold, with the reason', async () => {
    const app = await buildTestApp({ env: { HEALTH_P95_DEGRADED_MS: '0.001', HEALTH_P95_UNHEALTHY_MS: '60000', HEALTH_HEAP_DEGRADED: '0.99', HEALTH_HEAP_UNHEALTHY: '0.999' } })
    try {
      const user = await app.signIn('admin')
      for (let index = 0; index < 20; index++) await user.request({ method: 'GET', url: '/api/v1/organizations' })
      const health = (await user.request({ method: 'GET', url: '/api/v1/monitoring/health' })).json()
      expect(health.status).toBe('degraded')
      expect(health.reasons.join(' ')).toMatch(/^p95 .* over 0.001 ms/)
    } finally {
      await app.close()
    }
  })
})

describe('/metrics', () => {
  it('exposes Prometheus text that promtool accepts, with our metric names', async () => {
    await rep.request({ method: 'GET', url: '/api/v1/organizations' })
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@example.com', password: 'wrong' } })
    const response = await t.app.inject({ method: 'GET', url: '/metrics' })
    expect(response.statusCode).toBe(200)
    for (const name of ['http_request_duration_seconds_bucket', 'db_query_duration_seconds_bucket', 'auth_failed_logins_total', 'cache_requests_total', 'db_errors_total', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(response.body, name).toContain(name)
    }
    expect(response.body).toContain('route="/api/v1/organizations"')
    expect(response.body).not.toMatch(/nodejs_active_handles_total/)
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: response.body, encoding: 'utf8' })
    if (promtool.error) {
      // promtool is Debian's prometheus package: .ci/run installs it; without it only the format checks above ran.
      expect((promtool.error as NodeJS.ErrnoException).code).toBe('ENOENT')
    } else {
      expect(`${promtool.stdout}${promtool.stderr}`.trim()).toBe('')
      expect(promtool.status).toBe(0)
    }
  })

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const app = await buildTestApp({ env: { METRICS_TOKEN: 'a-long-metrics-token' } })
    try {
      expect((await app.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
      expect((await app.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-wrong' } })).statusCode).toBe(401)
      expect((await app.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer a-long-metrics-token' } })).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })
})

describe('several instances on one database', () => {
  it('each flushes its own figures and errors; readers add them up, nothing twice', async () => {
    const first = await buildTestApp()
    try {
      const { buildApp } = await import('../../app.js')
      const { testConfig } = await import('../../testing/test-app.js')
      const second = await buildApp(testConfig(), { database: first.platform.database, clock: first.clock })
      try {
        const user = await first.signIn('admin')
        const cookie = user.cookie
        for (let index = 0; index < 3; index++) await user.request({ method: 'GET', url: '/api/v1/organizations' })
        for (let index = 0; index < 2; index++) await second.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie } })
        const error = new Error('shared failure')
        first.platform.monitor.captureError({ error })
        second.platform.monitor.captureError({ error })
        second.platform.monitor.captureError({ error })

        first.clock.advance(60_000)
        await Promise.all([first.platform.rollups.flush(), second.platform.rollups.flush(), first.platform.rollups.flush()])
        const rows = await first.db.select().from(metricRollups).where(sql`${metricRollups.kind} = 'route' AND ${metricRollups.name} = 'GET /api/v1/organizations'`)
        expect(rows.map((row) => row.count).sort()).toEqual([2, 3])
        expect(new Set(rows.map((row) => row.instanceId)).size).toBe(2)
        const groups = (await user.request({ method: 'GET', url: '/api/v1/monitoring/errors' })).json().data as { message: string; count: number }[]
        expect(groups.find((group) => group.message === 'shared failure')?.count).toBe(3)
      } finally {
        await second.app.close()
      }
    } finally {
      await first.close()
    }
  })
})

describe('Server-Timing on writes', () => {
  it('counts the database time of a request with a body', async () => {
    const response = await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Timed Diner' } })
    expect(response.statusCode).toBe(201)
    const match = /db;dur=([\d.]+);desc="(\d+) queries"/.exec(String(response.headers['server-timing']))
    expect(Number(match?.[2])).toBeGreaterThan(0)
  })
})
