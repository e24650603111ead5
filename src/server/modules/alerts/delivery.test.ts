import { createHmac, timingSafeEqual } from 'node:crypto'
import { eq } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { alertDeliveries } from '../../platform/db/schema/index.js'
import type { Database } from '../../platform/db/types.js'
import { eventually, startHttpReceiver, startSmtpReceiver } from '../../testing/receivers.js'
import { buildTestApp, openTestDatabase, type SignedIn, type TestApp, testConfig } from '../../testing/test-app.js'

const WEBHOOK_SECRET = 'delivery-test-webhook-secret'
const HOSTILE_RULE_NAME = '<script>alert("x")</script> & <b>bold</b>'

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
let slack: Awaited<ReturnType<typeof startHttpReceiver>>
let hook: Awaited<ReturnType<typeof startHttpReceiver>>
let t: TestApp
let admin: SignedIn

beforeAll(async () => {
  smtp = await startSmtpReceiver()
  slack = await startHttpReceiver()
  hook = await startHttpReceiver()
  t = await buildTestApp({
    env: {
      JOBS: 'on',
      ALERT_DELIVERY_RETRY_LIMIT: '3',
      ALERT_DELIVERY_RETRY_DELAY_SECONDS: '1',
      SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: 'alerts@kitchen-pantry.test',
      ALERT_EMAIL_TO: 'ops@example.com',
      SLACK_WEBHOOK_URL: `${slack.url}/services/T1/B2/secretpath`,
      ALERT_WEBHOOK_URL: `${hook.url}/kp`,
      ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      REPORT_EMAIL_TO: 'boss@example.com',
      PUBLIC_URL: 'https://crm.example.com',
    },
  })
  admin = await t.signIn('admin')
}, 60_000)
afterAll(async () => {
  await t?.close()
  await smtp?.close()
  await slack?.stop()
  await hook?.stop()
})

function verifySignature(header: string | undefined, body: string, secret: string): { t: number } {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match) throw new Error(`bad signature header: ${header}`)
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest()
  if (!timingSafeEqual(expected, Buffer.from(match[2] as string, 'hex'))) throw new Error('signature does not verify')
  return { t: Number(match[1]) }
}

async function fireRule(name: string) {
  const rule = await admin.request({ method: 'POST', url: '/api/v1/alerts/rules', payload: { name, metric: 'throughput', route: 'GET /api/v1/organizations', threshold: 0.1, windowSeconds: 60, severity: 'critical' } })
  expect(rule.statusCode).toBe(201)
  for (let index = 0; index < 30; index++) t.platform.monitor.requests.record('GET /api/v1/organizations', 5000, '2xx')
  await t.services.alertEvaluator.evaluate()
  return rule.json() as { id: string }
}

const deliveryRows = (ruleId: string) => t.db.select().from(alertDeliveries).where(eq(alertDeliveries.ruleId, ruleId))

describe('alert deliveries', () => {
  it('sends e-mail (escaped HTML and text), a Slack Block Kit message and a signed webhook', async () => {
    const rule = await fireRule(HOSTILE_RULE_NAME)
    const mail = await eventually(() => smtp.messages.find((message) => message.subject?.includes('[CRITICAL]')))
    expect(mail.from?.text).toBe('alerts@kitchen-pantry.test')
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ops@example.com')
    expect(mail.subject).toContain(HOSTILE_RULE_NAME)
    const html = String(mail.html)
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>bold')
    expect(html).toContain('href="https://crm.example.com/performance?route=GET%20%2Fapi%2Fv1%2Forganizations"')
    expect(mail.text).toContain(`Rule: ${HOSTILE_RULE_NAME}`)
    expect(mail.text).toMatch(/Value: 0\.5 req\/s/)

    const slackCall = await eventually(() => slack.calls.find((call) => call.body.includes('Firing')))
    expect(slackCall.path).toBe('/services/T1/B2/secretpath')
    const message = JSON.parse(slackCall.body)
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: `Firing: ${HOSTILE_RULE_NAME}`, emoji: false } })
    expect(JSON.stringify(message.blocks[1])).toContain('&lt;script&gt;')
    expect(message.blocks.at(-1).elements[0].url).toBe('https://crm.example.com/performance?route=GET%20%2Fapi%2Fv1%2Forganizations')

    const hookCall = await eventually(() => hook.calls.find((call) => call.body.includes('"type":"firing"')))
    const { t: signedAt } = verifySignature(hookCall.headers['x-kp-signature'] as string, hookCall.body, WEBHOOK_SECRET)
    expect(signedAt).toBe(Math.floor(t.clock.now().getTime() / 1000))
    expect(() => verifySignature(hookCall.headers['x-kp-signature'] as string, hookCall.body.replace('critical', 'low'), WEBHOOK_SECRET)).toThrow()
    expect(JSON.parse(hookCall.body)).toMatchObject({ type: 'firing', severity: 'critical', alert: { ruleId: rule.id, metric: 'throughput', value: 0.5, threshold: 0.1 } })

    await eventually(async () => (await deliveryRows(rule.id)).every((row) => row.status === 'sent'))
    expect((await deliveryRows(rule.id)).map((row) => row.attempts)).toEqual([1, 1, 1])
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    for (const kind of ['email', 'slack', 'webhook']) expect(metrics).toMatch(new RegExp(`^alert_deliveries_total\\{channel="${kind}",result="sent"\\} [1-9]`, 'm'))
  })

  it('keeps retrying a channel that is down and delivers when it comes back', async () => {
    hook.setStatus(503)
    await slack.stop()
    const rule = await fireRule('Comes back')
    const channelKinds = new Map(((await admin.request({ method: 'GET', url: '/api/v1/alerts/channels' })).json().data as { id: string; kind: string }[]).map((c) => [c.id, c.kind]))
    const failing = async () => (await deliveryRows(rule.id)).filter((row) => channelKinds.get(row.channelId) !== 'email')
    await eventually(async () => (await failing()).every((row) => row.status === 'retrying' && row.attempts >= 1), 30_000)
    const log = (await admin.request({ method: 'GET', url: '/api/v1/alerts/deliveries?status=retrying' })).json().data as { lastError: string }[]
    expect(log.map((row) => row.lastError).join('\n')).toMatch(/HTTP 503/)
    expect(JSON.stringify(log)).not.toContain('secretpath')

    hook.setStatus(200)
    await slack.start()
    await eventually(async () => (await failing()).every((row) => row.status === 'sent'), 30_000)
    expect((await failing()).every((row) => row.attempts >= 2)).toBe(true)
    expect(hook.calls.filter((call) => call.body.includes('Comes back') && call.body.includes('"type":"firing"')).length).toBeGreaterThanOrEqual(2)
  }, 75_000)

  it('sends the daily report by e-mail with its figures and tables', async () => {
    // The report reads completed minutes (every instance's rollups): let this one complete.
    t.clock.advance(60_000)
    const response = await admin.request({ method: 'POST', url: '/api/v1/alerts/report' })
    expect(response.statusCode).toBe(202)
    expect(response.json().data).toEqual([expect.objectContaining({ kind: 'report', status: 'queued' })])
    const mail = await eventually(() => smtp.messages.find((message) => message.subject?.startsWith('Daily performance report')))
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('boss@example.com')
    expect(mail.text).toMatch(/p95: .* \(budget 50 ms: (within|OVER)\)/)
    expect(mail.text).toMatch(/Slowest routes:\n  GET \/api\/v1\/organizations · 6\d · /)
    expect(mail.text).toContain('Alerts fired:')
    expect(mail.text).toContain(HOSTILE_RULE_NAME)
    expect(String(mail.html)).not.toContain('<script>')
    // The report channel is not one of "every channel": rules never page the report's readers.
    expect(smtp.messages.filter((message) => message.to && !Array.isArray(message.to) && message.to.text === 'boss@example.com')).toHaveLength(1)
  })
})

describe('dead letters and restarts', () => {
  it('gives up after the retry limit, shows a dead letter, and re-sends it on request', async () => {
    const receiver = await startHttpReceiver()
    receiver.setStatus(500)
    const database = await openTestDatabase()
    const token = 'pathTokenABCDEFGHIJKLMNOPQRSTUV'
    const config = testConfig({ JOBS: 'on', ALERT_DELIVERY_RETRY_LIMIT: '1', ALERT_DELIVERY_RETRY_DELAY_SECONDS: '1', ALERT_WEBHOOK_URL: `${receiver.url}/in/${token}`, ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET })
    const lines: string[] = []
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) })
    const built = await buildApp(config, { database, logger })
    try {
      const channel = (await built.services.alerts.listChannels()).data[0] as { id: string }
      const sent = await built.services.alerts.testChannel(channel.id)
      const id = sent.data[0]?.id as string
      const status = async () => (await built.services.alerts.listDeliveries({ limit: 10 })).data.find((row) => row.id === id)
      const dead = await eventually(async () => {
        const row = await status()
        return row?.status === 'dead' ? row : undefined
      }, 25_000)
      expect(dead).toMatchObject({ attempts: 2, lastError: expect.stringContaining('HTTP 500') })
      expect((await built.services.alerts.listDeliveries({ status: ['dead'], limit: 10 })).data.map((row) => row.id)).toContain(id)

      receiver.setStatus(200)
      expect((await built.services.alerts.resend(id)).status).toBe('queued')
      await eventually(async () => (await status())?.status === 'sent', 20_000)
      expect(receiver.calls.map((call) => call.path)).toEqual(Array(3).fill(`/in/${token}`))
      await expect(built.services.alerts.resend(id)).rejects.toThrow(/Only dead deliveries/)
      // What failed is in the log; the channel's secret and its URL's token are not.
      const log = lines.join('')
      expect(log).toContain('alert delivery failed; will retry')
      expect(log).toContain('alert delivery gave up after its retries')
      expect(log).not.toContain(WEBHOOK_SECRET)
      expect(log).not.toContain(token)
      const metrics = (await built.app.inject({ method: 'GET', url: '/metrics' })).body
      expect(metrics).toMatch(/^alert_deliveries_total\{channel="webhook",result="failed"\} 2$/m)
      expect(metrics).toMatch(/^alert_deliveries_total\{channel="webhook",result="dead"\} 1$/m)
    } finally {
      await built.app.close()
      await database.close()
      await receiver.stop()
    }
  }, 60_000)

  it('resumes pending deliveries after a restart', async () => {
    const receiver = await startHttpReceiver()
    await receiver.stop()
    const database = await openTestDatabase()
    const env = { JOBS: 'on', ALERT_DELIVERY_RETRY_LIMIT: '5', ALERT_DELIVERY_RETRY_DELAY_SECONDS: '1', ALERT_WEBHOOK_URL: `${receiver.url}/in`, ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET }
    const startApp = (db: Database) => buildApp(testConfig(env), { database: db })
    let first: Awaited<ReturnType<typeof startApp>> | undefined = await startApp(database)
    let second: Awaited<ReturnType<typeof startApp>> | undefined
    try {
      const channel = (await first.services.alerts.listChannels()).data[0] as { id: string }
      const id = (await first.services.alerts.testChannel(channel.id)).data[0]?.id as string
      await eventually(async () => (await first?.services.alerts.listDeliveries({ limit: 10 }))?.data.find((row) => row.id === id)?.status === 'retrying', 15_000)
      await first.app.close()
      first = undefined

      await receiver.start()
      second = await startApp(database)
      await eventually(async () => (await second?.services.alerts.listDeliveries({ limit: 10 }))?.data.find((row) => row.id === id)?.status === 'sent', 25_000)
      expect(receiver.calls.filter((call) => call.path === '/in')).toHaveLength(1)
    } finally {
      await first?.app.close()
      await second?.app.close()
      await database.close()
      await receiver.stop()
    }
  }, 60_000)
})
