import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alertChannels } from '../../platform/db/schema/index.js'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'

const SMTP_PASSWORD = 'env-smtp-pa55word'
const SLACK_TOKEN_PATH = '/services/T000/B000/slackTokenXYZ123456'
const WEBHOOK_SECRET = 'env-webhook-secret-0123456789'

let t: TestApp
let admin: SignedIn
let manager: SignedIn
let rep: SignedIn

beforeAll(async () => {
  t = await buildTestApp({
    env: {
      SMTP_URL: `smtp://ops:${SMTP_PASSWORD}@mail.example.com:587`,
      ALERT_EMAIL_TO: 'ops@example.com, oncall@example.com',
      ALERT_EMAIL_FROM: 'alerts@example.com',
      SLACK_WEBHOOK_URL: `https://hooks.slack.com${SLACK_TOKEN_PATH}`,
      ALERT_WEBHOOK_URL: 'https://receiver.example.com/kp-hook',
      ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  })
  admin = await t.signIn('admin')
  manager = await t.signIn('manager')
  rep = await t.signIn('rep')
})
afterAll(async () => {
  await t.close()
})

const secretsIn = (text: string) => [SMTP_PASSWORD, SLACK_TOKEN_PATH, 'slackTokenXYZ123456', WEBHOOK_SECRET, 'new-webhook-secret-abcdef'].filter((secret) => text.includes(secret))

describe('alert rules API', () => {
  it('ships the five default rules, each enabled and notifying every channel', async () => {
    const response = await manager.request({ method: 'GET', url: '/api/v1/alerts/rules' })
    expect(response.statusCode).toBe(200)
    const rules = response.json().data as { name: string; metric: string; threshold: number; severity: string; isDefault: boolean; channelIds: null; status: string }[]
    expect(rules.map((rule) => [rule.metric, rule.threshold, rule.severity])).toEqual([
      ['latencyP95', 2000, 'high'],
      ['errorRate', 0.05, 'critical'],
      ['heapShare', 0.85, 'medium'],
      ['databaseErrors', 10, 'critical'],
      ['failedLogins', 50, 'high'],
    ])
    expect(rules.every((rule) => rule.isDefault && rule.channelIds === null && rule.status === 'ok')).toBe(true)
  })

  it('creates, changes any subset of fields, and deletes a rule; a deleted default stays deleted', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/alerts/rules',
      payload: { name: 'Slow organization list', metric: 'latencyP99', route: 'GET /api/v1/organizations', threshold: 300, forSeconds: 30 },
    })
    expect(created.statusCode).toBe(201)
    const rule = created.json()
    expect(rule).toMatchObject({ windowSeconds: 300, comparison: '>', severity: 'medium', repeatIntervalSeconds: 3600, isEnabled: true, isDefault: false, version: 1 })
    expect(created.headers.location).toBe(`/api/v1/alerts/rules/${rule.id}`)

    const patched = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { severity: 'critical' }, headers: { 'if-match': '"1"' } })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ severity: 'critical', threshold: 300, route: 'GET /api/v1/organizations', version: 2 })
    const stale = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { threshold: 500 }, headers: { 'if-match': '"1"' } })
    expect(stale.statusCode).toBe(412)
    expect(stale.json().current).toMatchObject({ version: 2 })

    const disabled = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { isEnabled: false } })
    expect(disabled.json()).toMatchObject({ isEnabled: false, severity: 'critical' })
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/alerts/rules/${rule.id}` })).statusCode).toBe(204)
    expect((await admin.request({ method: 'GET', url: `/api/v1/alerts/rules/${rule.id}` })).statusCode).toBe(404)

    const heap = ((await admin.request({ method: 'GET', url: '/api/v1/alerts/rules' })).json().data as { id: string; metric: string }[]).find((item) => item.metric === 'heapShare')
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/alerts/rules/${heap?.id}` })).statusCode).toBe(204)
    await t.services.alerts.ensureDefaultRules()
    const metrics = ((await admin.request({ method: 'GET', url: '/api/v1/alerts/rules' })).json().data as { metric: string }[]).map((item) => item.metric)
    expect(metrics).not.toContain('heapShare')
  })

  it('refuses rules that cannot be judged, field by field', async () => {
    const bad = async (payload: Record<string, unknown>) => {
      const response = await admin.request({ method: 'POST', url: '/api/v1/alerts/rules', payload: { name: 'x', metric: 'errorRate', threshold: 0.1, ...payload } })
      expect(response.statusCode).toBe(400)
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/)
      return (response.json().errors as { path: string }[]).map((error) => error.path)
    }
    expect(await bad({ threshold: 5 })).toContain('body.threshold')
    expect(await bad({ metric: 'heapShare', threshold: 0.5, route: 'GET /api/v1/organizations' })).toContain('body.route')
    expect(await bad({ route: 'organizations' })).toContain('body.route')
    expect(await bad({ windowSeconds: 5 })).toContain('body.windowSeconds')
    expect(await bad({ metric: 'cacheHitRatio', threshold: 0.9, comparison: '<', windowSeconds: 7200 })).toContain('body.windowSeconds')
    expect(await bad({ severity: 'urgent' })).toContain('body.severity')
    expect(await bad({ metric: 'cpu' })).toContain('body.metric')
    expect(await bad({ channelIds: ['00000000-0000-4000-8000-000000000000'] })).toContain('body.channelIds')
    const rule = (await admin.request({ method: 'GET', url: '/api/v1/alerts/rules' })).json().data[1] as { id: string }
    const patch = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: { threshold: 40 } })
    expect(patch.statusCode).toBe(400)
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/alerts/rules/${rule.id}`, payload: {} })).statusCode).toBe(400)
  })

  it('lets managers read and only admins write; reps see nothing', async () => {
    expect((await rep.request({ method: 'GET', url: '/api/v1/alerts/rules' })).statusCode).toBe(403)
    expect((await rep.request({ method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(403)
    expect((await manager.request({ method: 'GET', url: '/api/v1/alerts?state=firing' })).statusCode).toBe(200)
    expect((await manager.request({ method: 'GET', url: '/api/v1/alerts/stats' })).statusCode).toBe(200)
    expect((await manager.request({ method: 'POST', url: '/api/v1/alerts/rules', payload: { name: 'x', metric: 'throughput', threshold: 1 } })).statusCode).toBe(403)
    expect((await manager.request({ method: 'POST', url: '/api/v1/alerts/channels', payload: { kind: 'slack', name: 's', webhookUrl: 'https://example.com/x' } })).statusCode).toBe(403)
  })
})

describe('alert channels API', () => {
  it('makes the environment channels, masked, with every secret sealed and never sent back', async () => {
    const response = await manager.request({ method: 'GET', url: '/api/v1/alerts/channels' })
    expect(response.statusCode).toBe(200)
    const channels = response.json().data as { kind: string; source: string; target: string; to: string[] | null }[]
    expect(channels.map((channel) => [channel.kind, channel.source])).toEqual([
      ['email', 'environment'],
      ['slack', 'environment'],
      ['webhook', 'environment'],
    ])
    expect(channels[0]).toMatchObject({ target: 'ops@example.com, oncall@example.com via mail.example.com:587', to: ['ops@example.com', 'oncall@example.com'] })
    expect(channels[1]?.target).toBe('hooks.slack.com/…')
    expect(channels[2]?.target).toBe('https://receiver.example.com/…')
    expect(secretsIn(response.body)).toEqual([])
    const rows = await t.db.select().from(alertChannels)
    expect(secretsIn(JSON.stringify(rows))).toEqual([])
  })

  it('refuses to edit environment channels but lets them be disabled', async () => {
    const channels = (await admin.request({ method: 'GET', url: '/api/v1/alerts/channels' })).json().data as { id: string; kind: string }[]
    const slack = channels.find((channel) => channel.kind === 'slack') as { id: string }
    const rename = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${slack.id}`, payload: { name: 'mine' } })
    expect(rename.statusCode).toBe(409)
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/alerts/channels/${slack.id}` })).statusCode).toBe(409)
    const off = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${slack.id}`, payload: { isEnabled: false } })
    expect(off.json()).toMatchObject({ isEnabled: false })
    await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${slack.id}`, payload: { isEnabled: true } })
  })

  it('creates API channels per kind, replaces secrets without revealing them, refuses foreign fields', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/alerts/channels',
      payload: { kind: 'webhook', name: 'Pager bridge', url: 'https://pager.example.com/in/abcdefghijklmnopqrstuvwxyz?token=zzz', secret: 'first-secret-0123456789' },
    })
    expect(created.statusCode).toBe(201)
    const channel = created.json()
    expect(channel).toMatchObject({ kind: 'webhook', source: 'api', target: 'https://pager.example.com/…' })
    expect(created.body).not.toContain('abcdefghijklmnop')
    expect(created.body).not.toContain('first-secret')
    expect(created.body).not.toContain('token=zzz')

    const replaced = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${channel.id}`, payload: { secret: 'new-webhook-secret-abcdef' } })
    expect(replaced.statusCode).toBe(200)
    expect(secretsIn(replaced.body)).toEqual([])
    const foreign = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${channel.id}`, payload: { to: ['a@example.com'] } })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors[0].path).toBe('body.to')

    const badEmail = await admin.request({ method: 'POST', url: '/api/v1/alerts/channels', payload: { kind: 'email', name: 'x', smtpUrl: 'http://nope', from: 'a@b.co', to: [] } })
    expect(badEmail.statusCode).toBe(400)
    expect((badEmail.json().errors as { path: string }[]).map((error) => error.path)).toEqual(expect.arrayContaining(['body.smtpUrl', 'body.to']))
    const shortSecret = await admin.request({ method: 'POST', url: '/api/v1/alerts/channels', payload: { kind: 'webhook', name: 'x', url: 'https://a.example.com', secret: 'short' } })
    expect(shortSecret.statusCode).toBe(400)

    expect((await admin.request({ method: 'DELETE', url: `/api/v1/alerts/channels/${channel.id}` })).statusCode).toBe(204)
    const [row] = await t.db.select().from(alertChannels).where(eq(alertChannels.id, channel.id))
    expect(row?.deletedAt).not.toBeNull()
  })

  it('queues a test through a channel and logs it as a delivery', async () => {
    const channels = (await admin.request({ method: 'GET', url: '/api/v1/alerts/channels' })).json().data as { id: string; kind: string }[]
    const email = channels.find((channel) => channel.kind === 'email') as { id: string }
    const test = await admin.request({ method: 'POST', url: `/api/v1/alerts/channels/${email.id}/test` })
    expect(test.statusCode).toBe(202)
    expect(test.json().data).toEqual([expect.objectContaining({ channelId: email.id, kind: 'test', status: 'queued', attempts: 0 })])
    const log = await manager.request({ method: 'GET', url: `/api/v1/alerts/deliveries?channelId=${email.id}` })
    expect(log.json().data.map((delivery: { id: string }) => delivery.id)).toContain(test.json().data[0].id)
  })
})

describe('a rotated secrets key', () => {
  it('asks for the credentials again instead of failing, and takes them', async () => {
    const created = await admin.request({ method: 'POST', url: '/api/v1/alerts/channels', payload: { kind: 'webhook', name: 'Old key', url: 'https://old.example.com/in', secret: 'sealed-under-the-old-key' } })
    const id = created.json().id as string
    // What a changed ALERT_SECRETS_KEY leaves behind: a value the current key cannot open.
    await t.db.update(alertChannels).set({ sealedSecret: 'v1.AAAA.BBBB.CCCC' }).where(eq(alertChannels.id, id))
    const partial = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${id}`, payload: { url: 'https://new.example.com/in' } })
    expect(partial.statusCode).toBe(400)
    expect(partial.json().errors).toEqual([expect.objectContaining({ path: 'body.secret', message: expect.stringMatching(/enter it again/) })])
    const renamed = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${id}`, payload: { name: 'Renamed' } })
    expect(renamed.statusCode).toBe(200)
    const full = await admin.request({ method: 'PATCH', url: `/api/v1/alerts/channels/${id}`, payload: { url: 'https://new.example.com/in', secret: 'sealed-under-the-new-key' } })
    expect(full.statusCode).toBe(200)
    expect(full.json()).toMatchObject({ name: 'Renamed', target: 'https://new.example.com/…' })
  })
})
