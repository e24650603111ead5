import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authEvents, idempotencyKeys, sessions, users } from '../../platform/db/schema/index.js'
import { makeUser } from '../../testing/factories.js'
import { buildApp } from '../../app.js'
import { buildTestApp, TEST_PASSWORD, type TestApp, testConfig, testRedisUrl } from '../../testing/test-app.js'

let t: TestApp

beforeAll(async () => {
  t = await buildTestApp({ env: {} })
})
afterAll(async () => {
  await t.close()
})

function login(email: string, password: string, remoteAddress = '192.0.2.10') {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } })
}

describe('auth', () => {
  it('signs in with the right password, sets an httpOnly cookie and answers /me', async () => {
    const rep = await t.signIn('rep')
    const me = await rep.request({ method: 'GET', url: '/api/v1/auth/me' })
    expect(me.statusCode).toBe(200)
    expect(me.json().user).toMatchObject({ id: rep.user.id, email: rep.user.email, role: 'rep' })
    expect(me.json().user).not.toHaveProperty('passwordHash')

    const again = await login(rep.user.email.toUpperCase(), TEST_PASSWORD)
    expect(again.statusCode).toBe(200)
    const cookie = again.cookies.find((c) => c.name === 'kp_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Lax')
    const [stored] = await t.db.select().from(sessions).where(eq(sessions.userId, rep.user.id)).limit(1)
    expect(stored?.tokenHash).not.toBe(cookie?.value)
  })

  it('answers 401 problem+json without a session, and after logout', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/organizations' })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.headers['content-type']).toContain('application/problem+json')

    const rep = await t.signIn('rep')
    const logout = await rep.request({ method: 'POST', url: '/api/v1/auth/logout' })
    expect(logout.statusCode).toBe(204)
    const after = await rep.request({ method: 'GET', url: '/api/v1/auth/me' })
    expect(after.statusCode).toBe(401)
  })

  it('reads a session from PostgreSQL once, then from memory until it changes', async () => {
    const rep = await t.signIn('rep')
    const sessionQueries = () => t.platform.monitor.queries.window(3_600_000).get('auth.sessionUser')?.histogram.totalCount ?? 0
    await rep.request({ method: 'GET', url: '/api/v1/auth/me' })
    const before = sessionQueries()
    for (let index = 0; index < 5; index++) expect((await rep.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200)
    expect(sessionQueries() - before).toBe(0)
    // A change to the user (here a new role) is seen by the very next request.
    const admin = await t.signIn('admin')
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${rep.user.id}`, payload: { role: 'manager' } })).statusCode).toBe(200)
    const me = await rep.request({ method: 'GET', url: '/api/v1/auth/me' })
    expect(me.json().user.role).toBe('manager')
  })

  if (testRedisUrl()) {
    it('a sign-out on one instance ends the session on another sharing Redis', async () => {
      const other = await buildApp(testConfig({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: t.platform.config.redisKeyPrefix }), { database: t.platform.database, clock: t.clock })
      try {
        const rep = await t.signIn('rep')
        const onOther = () => other.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: rep.cookie } })
        expect((await onOther()).statusCode).toBe(200)
        expect((await onOther()).statusCode).toBe(200)
        expect((await rep.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204)
        await expect.poll(async () => (await onOther()).statusCode, { timeout: 1_000, interval: 20 }).toBe(401)
      } finally {
        await other.app.close()
      }
    })
  }

  it('rejects a wrong password with 401 and records the failure', async () => {
    const rep = await t.signIn('rep')
    const since = t.clock.now()
    const response = await login(rep.user.email, 'wrong password')
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized' })
    expect(await t.services.auth.countFailedLogins(new Date(since.getTime() - 1))).toBeGreaterThanOrEqual(1)
    const events = await t.db.select().from(authEvents).where(eq(authEvents.userId, rep.user.id))
    expect(events.map((e) => e.kind)).toContain('login_failed')
  })

  it('locks the account for 15 minutes after five failures in a row, even for the right password', async () => {
    const rep = await t.signIn('rep')
    const statuses: number[] = []
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await login(rep.user.email, 'nope nope')).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 423])

    const locked = await login(rep.user.email, TEST_PASSWORD)
    expect(locked.statusCode).toBe(423)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60)
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)

    t.clock.advance(15 * 60_000 + 1_000)
    const unlocked = await login(rep.user.email, TEST_PASSWORD)
    expect(unlocked.statusCode).toBe(200)
    const [row] = await t.db.select().from(users).where(eq(users.id, rep.user.id))
    expect(row?.failedLoginCount).toBe(0)
  })

  it('a success resets the failure count', async () => {
    const rep = await t.signIn('rep')
    for (let attempt = 0; attempt < 4; attempt++) expect((await login(rep.user.email, 'bad')).statusCode).toBe(401)
    expect((await login(rep.user.email, TEST_PASSWORD)).statusCode).toBe(200)
    for (let attempt = 0; attempt < 4; attempt++) expect((await login(rep.user.email, 'bad')).statusCode).toBe(401)
    expect((await login(rep.user.email, TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('unknown e-mail and inactive users get the same 401', async () => {
    const unknown = await login('nobody@example.com', TEST_PASSWORD)
    expect(unknown.statusCode).toBe(401)
    const inactive = await makeUser(t.db, { isActive: false, passwordHash: (await t.signIn('rep')).user.passwordHash })
    const response = await login(inactive.email, TEST_PASSWORD)
    expect(response.statusCode).toBe(401)
    expect(response.json().detail).toBe(unknown.json().detail)
  })

  it('rate-limits sign-in attempts per address with 429 and Retry-After', async () => {
    const limited = await buildTestApp()
    try {
      const responses = []
      for (let attempt = 0; attempt < 31; attempt++) {
        responses.push(
          await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.7', payload: { email: `x${attempt}@example.com`, password: 'x' } }),
        )
      }
      expect(responses.slice(0, 30).every((r) => r.statusCode === 401)).toBe(true)
      const last = responses[30]
      expect(last?.statusCode).toBe(429)
      expect(last?.headers['content-type']).toContain('application/problem+json')
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0)
      const other = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.8', payload: { email: 'y@example.com', password: 'x' } })
      expect(other.statusCode).toBe(401)
    } finally {
      await limited.close()
    }
  })

  it('refuses cross-site writes (CSRF) with 403 and changes nothing', async () => {
    const rep = await t.signIn('rep')
    const bySite = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { 'sec-fetch-site': 'cross-site' }, payload: { name: 'Evil Diner' } })
    expect(bySite.statusCode).toBe(403)
    const byOrigin = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { origin: 'https://evil.example' }, payload: { name: 'Evil Diner' } })
    expect(byOrigin.statusCode).toBe(403)
    const list = await rep.request({ method: 'GET', url: '/api/v1/organizations?q=Evil' })
    expect(list.json().data).toHaveLength(0)
    const sameOrigin = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { origin: 'http://localhost:80', host: 'localhost:80' }, payload: { name: 'Good Diner' } })
    expect(sameOrigin.statusCode).toBe(201)
  })
})

describe('maintenance', () => {
  it('prunes expired sessions, idempotency keys older than 24 h and sign-in events older than 30 days', async () => {
    const rep = await t.signIn('rep')
    const created = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { 'idempotency-key': 'prune-me' }, payload: { name: 'Prune Diner' } })
    expect(created.statusCode).toBe(201)
    t.clock.advance(31 * 86_400_000)
    await t.services.maintenance.prune()
    const [sessionCount] = await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.userId, rep.user.id))
    expect(sessionCount?.n).toBe(0)
    const [keyCount] = await t.db.select({ n: sql<number>`count(*)::int` }).from(idempotencyKeys).where(eq(idempotencyKeys.userId, rep.user.id))
    expect(keyCount?.n).toBe(0)
    const events = await t.db.select().from(authEvents).where(eq(authEvents.userId, rep.user.id))
    expect(events).toHaveLength(0)
    expect((await rep.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401)
  })
})
