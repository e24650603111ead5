import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type SignedIn, type TestApp, testConfig, testRedisUrl } from '../../testing/test-app.js'

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

const cacheOf = (response: { headers: Record<string, unknown> }) => /cache;desc=(\w+)/.exec(String(response.headers['server-timing']))?.[1]
const names = (response: { json(): { data: { name: string }[] } }) => response.json().data.map((item) => item.name)

describe('read-through cache', () => {
  it('serves a repeated read from cache and never a stale one after a write', async () => {
    const organization = await makeOrganization(t.db, { name: 'Before Diner', assignedUserId: rep.user.id })
    const first = await rep.request({ method: 'GET', url: '/api/v1/organizations' })
    const second = await rep.request({ method: 'GET', url: '/api/v1/organizations' })
    expect([cacheOf(first), cacheOf(second)]).toEqual(['miss', 'hit'])
    expect(second.body).toBe(first.body)

    for (let round = 0; round < 5; round++) {
      const patched = await rep.request({ method: 'PATCH', url: `/api/v1/organizations/${organization.id}`, payload: { name: `After Diner ${round}` } })
      expect(patched.statusCode).toBe(200)
      expect(names(await rep.request({ method: 'GET', url: '/api/v1/organizations' }))).toContain(`After Diner ${round}`)
      expect((await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })).json().name).toBe(`After Diner ${round}`)
      expect(names(await manager.request({ method: 'GET', url: '/api/v1/organizations?limit=200' }))).toContain(`After Diner ${round}`)
    }
  })

  it("never serves one rep's cached answer to another", async () => {
    await makeOrganization(t.db, { name: 'Only Mine Grill', assignedUserId: rep.user.id })
    await makeOrganization(t.db, { name: 'Only Theirs Grill', assignedUserId: otherRep.user.id })
    for (let round = 0; round < 2; round++) {
      expect(names(await rep.request({ method: 'GET', url: '/api/v1/organizations?q=only' }))).toEqual(['Only Mine Grill'])
      expect(names(await otherRep.request({ method: 'GET', url: '/api/v1/organizations?q=only' }))).toEqual(['Only Theirs Grill'])
    }
    expect(names(await manager.request({ method: 'GET', url: '/api/v1/organizations?q=only' })).sort()).toEqual(['Only Mine Grill', 'Only Theirs Grill'])
  })

  it('concurrent misses for one key run one query (single flight)', async () => {
    await makeOrganization(t.db, { name: 'Flight Diner', assignedUserId: rep.user.id })
    const before = t.platform.monitor.queries.window(3_600_000).get('organizations.list')?.histogram.totalCount ?? 0
    const responses = await Promise.all(Array.from({ length: 12 }, () => rep.request({ method: 'GET', url: '/api/v1/organizations?q=flight' })))
    expect(responses.every((response) => response.statusCode === 200 && names(response)[0] === 'Flight Diner')).toBe(true)
    const after = t.platform.monitor.queries.window(3_600_000).get('organizations.list')?.histogram.totalCount ?? 0
    expect(after - before).toBe(1)
  })

  it('answers 304 to a matching If-None-Match, with private caching', async () => {
    const first = await rep.request({ method: 'GET', url: '/api/v1/organizations?sort=-name' })
    expect(first.headers['cache-control']).toBe('private, no-cache')
    const etag = String(first.headers.etag)
    const again = await rep.request({ method: 'GET', url: '/api/v1/organizations?sort=-name', headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const item = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })
    const itemEtag = String(item.headers.etag)
    expect(itemEtag).toMatch(/^"1\.[A-Za-z0-9_-]+"$/)
    const cachedItem = await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}`, headers: { 'if-none-match': itemEtag } })
    expect([cacheOf(cachedItem), cachedItem.statusCode]).toEqual(['hit', 304])
  })

  it("never answers 304 with a detail whose derived figures changed, though the record's version did not", async () => {
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const url = `/api/v1/organizations/${organization.id}`
    const before = await rep.request({ method: 'GET', url })
    expect(before.json().counts.contacts).toBe(0)
    const added = await rep.request({ method: 'POST', url: '/api/v1/contacts', payload: { organizationId: organization.id, firstName: 'Robin', lastName: 'Hale' } })
    expect(added.statusCode).toBe(201)
    const after = await rep.request({ method: 'GET', url, headers: { 'if-none-match': String(before.headers.etag) } })
    expect(after.statusCode).toBe(200)
    expect(after.json()).toMatchObject({ version: before.json().version, counts: { contacts: 1 } })
    expect(after.headers.etag).not.toBe(before.headers.etag)
    // The cached GET's tag still works as If-Match: it carries the record's version.
    const patched = await rep.request({ method: 'PATCH', url, headers: { 'if-match': String(after.headers.etag) }, payload: { city: 'Kenner' } })
    expect(patched.statusCode).toBe(200)
    const stale = await rep.request({ method: 'PATCH', url, headers: { 'if-match': String(after.headers.etag) }, payload: { city: 'Metairie' } })
    expect(stale.statusCode).toBe(412)
  })
})

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  server.close()
  return port
}

/** A Redis of the test's own on a spare port, so it can really be stopped and started again. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  for (let attempt = 0; attempt < 50; attempt++) {
    const isUp = await new Promise<boolean>((resolve) => {
      const probe = new Socket()
      probe.once('connect', () => {
        probe.destroy()
        resolve(true)
      })
      probe.once('error', () => resolve(false))
      probe.connect(port, '127.0.0.1')
    })
    if (isUp) return redis
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('redis-server did not start')
}

// Both need a Redis: the shared one of the PostgreSQL project (registered there, not skipped).
if (testRedisUrl()) {
  it('a bump always moves the generation, even when Redis is behind this instance', async () => {
    const cache = t.platform.cache
    const tag = `test-tag-${Date.now()}`
    const key = () => cache.keyFor('test', ['x'], [tag])
    await cache.bump([tag])
    // Redis loses track (as after bumps made while it was unreachable, or a restart without persistence).
    await t.platform.redis?.set(`${t.platform.config.redisKeyPrefix}gen:${tag}`, '0')
    const before = await key()
    await cache.bump([tag])
    expect(await key()).not.toBe(before)
  })

  describe('several instances sharing Redis', () => {
    it("a write on one instance is never followed by a stale read on another", async () => {
      const other = await buildApp(testConfig({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: t.platform.config.redisKeyPrefix }), { database: t.platform.database, clock: t.clock })
      try {
        const organization = await makeOrganization(t.db, { name: 'Shared 0', assignedUserId: rep.user.id })
        const url = `/api/v1/organizations/${organization.id}`
        for (let round = 1; round <= 10; round++) {
          // Warm the other instance's L1, write here, read there at once.
          await other.app.inject({ method: 'GET', url, headers: { cookie: rep.cookie } })
          expect((await rep.request({ method: 'PATCH', url, payload: { name: `Shared ${round}` } })).statusCode).toBe(200)
          const read = await other.app.inject({ method: 'GET', url, headers: { cookie: rep.cookie } })
          expect(read.json().name).toBe(`Shared ${round}`)
        }
      } finally {
        await other.app.close()
      }
    })

    it('keeps answering while Redis is stopped, and uses it again once it is back', async () => {
      const port = await freePort()
      let redis = await startRedis(port)
      const app = await buildTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } })
      try {
        const user = await app.signIn('rep')
        const organization = await makeOrganization(app.db, { name: 'Resilient 0', assignedUserId: user.user.id })
        const url = `/api/v1/organizations/${organization.id}`
        expect((await user.request({ method: 'GET', url })).statusCode).toBe(200)

        redis.kill('SIGKILL')
        await once(redis, 'exit')
        for (let round = 1; round <= 5; round++) {
          expect((await user.request({ method: 'PATCH', url, payload: { name: `Resilient ${round}` } })).statusCode).toBe(200)
          const read = await user.request({ method: 'GET', url })
          expect(read.statusCode).toBe(200)
          expect(read.json().name).toBe(`Resilient ${round}`)
        }
        expect(app.platform.cache.isRedisDegraded).toBe(true)

        redis = await startRedis(port)
        await expect
          .poll(async () => {
            // The breaker's cool-down runs on the app's clock: let it pass between trials.
            app.clock.advance(2_000)
            await user.request({ method: 'GET', url })
            return app.platform.cache.isRedisDegraded
          }, { timeout: 20_000, interval: 250 })
          .toBe(false)
      } finally {
        await app.close()
        redis.kill('SIGKILL')
      }
    })
  })
}

describe('compression', () => {
  it('answers large JSON with brotli or gzip when asked, small answers as they are', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib')
    for (let index = 0; index < 30; index++) await makeOrganization(t.db, { name: `Compressed Diner ${index}`, assignedUserId: otherRep.user.id })
    const plain = await otherRep.request({ method: 'GET', url: '/api/v1/organizations?limit=30' })
    const br = await otherRep.request({ method: 'GET', url: '/api/v1/organizations?limit=30', headers: { 'accept-encoding': 'br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body)
    expect(br.rawPayload.length).toBeLessThan(plain.body.length / 3)
    const gzip = await otherRep.request({ method: 'GET', url: '/api/v1/organizations?limit=30', headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body)
    const small = await otherRep.request({ method: 'GET', url: '/health/live', headers: { 'accept-encoding': 'br' } })
    expect(small.headers['content-encoding']).toBeUndefined()
  })
})

describe('invalidation granularity', () => {
  it("a write to one account keeps other accounts' details cached but refreshes that account's counts", async () => {
    const mine = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const other = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    for (const organization of [mine, other]) await rep.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })
    const contact = await rep.request({ method: 'POST', url: '/api/v1/contacts', payload: { organizationId: mine.id, firstName: 'New', lastName: 'Contact' } })
    expect(contact.statusCode).toBe(201)
    const fresh = await rep.request({ method: 'GET', url: `/api/v1/organizations/${mine.id}` })
    expect([cacheOf(fresh), fresh.json().counts.contacts]).toEqual(['miss', 1])
    const untouched = await rep.request({ method: 'GET', url: `/api/v1/organizations/${other.id}` })
    expect(cacheOf(untouched)).toBe('hit')
    const nested = await rep.request({ method: 'GET', url: `/api/v1/organizations/${mine.id}/contacts` })
    expect(nested.json().data.map((c: { lastName: string }) => c.lastName)).toEqual(['Contact'])
  })

  it("logging a visit refreshes the rep's interaction lists and that timeline, and leaves account lists, searches and contacts cached", async () => {
    const organization = await makeOrganization(t.db, { name: 'Granary Grill', assignedUserId: rep.user.id })
    const urls = {
      accounts: '/api/v1/organizations?q=granary',
      search: '/api/v1/search?q=granary',
      visits: `/api/v1/interactions?organizationId=${organization.id}`,
      contacts: `/api/v1/organizations/${organization.id}/contacts`,
      timeline: `/api/v1/organizations/${organization.id}/interactions`,
    }
    for (const url of Object.values(urls)) await rep.request({ method: 'GET', url })
    const logged = await rep.request({ method: 'POST', url: '/api/v1/interactions', payload: { organizationId: organization.id, type: 'visit', subject: 'Lunch rush check-in' } })
    expect(logged.statusCode).toBe(201)
    const accounts = await rep.request({ method: 'GET', url: urls.accounts })
    const search = await rep.request({ method: 'GET', url: urls.search })
    const visits = await rep.request({ method: 'GET', url: urls.visits })
    const contacts = await rep.request({ method: 'GET', url: urls.contacts })
    const timeline = await rep.request({ method: 'GET', url: urls.timeline })
    expect([cacheOf(accounts), cacheOf(search), cacheOf(visits), cacheOf(contacts), cacheOf(timeline)]).toEqual(['hit', 'hit', 'miss', 'hit', 'miss'])
    expect(visits.json().data.map((i: { subject: string }) => i.subject)).toEqual(['Lunch rush check-in'])
    expect(timeline.json().data.map((i: { subject: string }) => i.subject)).toEqual(['Lunch rush check-in'])
    // Renaming the account reaches every list that shows its name.
    expect((await rep.request({ method: 'PATCH', url: `/api/v1/organizations/${organization.id}`, payload: { name: 'Granary Grill & Bar' } })).statusCode).toBe(200)
    expect((await rep.request({ method: 'GET', url: urls.accounts })).json().data[0].name).toBe('Granary Grill & Bar')
    expect((await rep.request({ method: 'GET', url: urls.visits })).json().data[0].organizationName).toBe('Granary Grill & Bar')
  })

  it("editing an account's notes refreshes its detail and leaves lists (which do not show notes) cached", async () => {
    const organization = await makeOrganization(t.db, { name: 'Pantry Row Deli', assignedUserId: rep.user.id })
    const listUrl = '/api/v1/organizations?q=pantry'
    const detailUrl = `/api/v1/organizations/${organization.id}`
    const list = await rep.request({ method: 'GET', url: listUrl })
    expect(list.json().data[0]).not.toHaveProperty('notes')
    await rep.request({ method: 'GET', url: detailUrl })
    expect((await rep.request({ method: 'PATCH', url: detailUrl, payload: { notes: 'Chef prefers Tuesday deliveries' } })).statusCode).toBe(200)
    const detail = await rep.request({ method: 'GET', url: detailUrl })
    expect([cacheOf(detail), detail.json().notes]).toEqual(['miss', 'Chef prefers Tuesday deliveries'])
    expect(cacheOf(await rep.request({ method: 'GET', url: listUrl }))).toBe('hit')
    // A field the list shows does refresh it.
    expect((await rep.request({ method: 'PATCH', url: detailUrl, payload: { city: 'Kenner' } })).statusCode).toBe(200)
    const refreshed = await rep.request({ method: 'GET', url: listUrl })
    expect([cacheOf(refreshed), refreshed.json().data[0].city]).toEqual(['miss', 'Kenner'])
  })

  it('renaming a user refreshes the account details that show their name', async () => {
    const admin = await t.signIn('admin')
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    await manager.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${rep.user.id}`, payload: { name: 'Renamed Rep' } })).statusCode).toBe(200)
    const detail = await manager.request({ method: 'GET', url: `/api/v1/organizations/${organization.id}` })
    expect(detail.json().assignedUser.name).toBe('Renamed Rep')
  })
})
