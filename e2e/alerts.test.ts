/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startSmtpReceiver } from '../src/server/testing/receivers.js'
import { api, type Browser, DESKTOP, openBrowser, PHONE, screenshot } from './browser.js'

let browser: Browser
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
beforeAll(async () => {
  browser = await openBrowser()
  smtp = await startSmtpReceiver()
})
afterAll(async () => {
  await browser?.close()
  await smtp?.close()
})

const subjects = () => smtp.messages.map((message) => message.subject ?? '')

describe('alerting, as an admin', () => {
  it('adds an e-mail channel and a rule in the page; the alert fires, the e-mail arrives, and it is acknowledged', async () => {
    const page = await browser.signedIn('admin@example.com', DESKTOP)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(`${browser.baseUrl}/alerts?tab=channels`)
    await page.getByTestId('alert-channel-new').click()
    await page.getByLabel('Kind').selectOption('email')
    await page.getByLabel('Name').fill('Ops mailbox')
    await page.getByLabel('SMTP URL').fill(smtp.url)
    await page.getByLabel('From').fill('alerts@kitchen-pantry.test')
    await page.getByLabel('Recipients').fill('ops@example.com, lead@example.com')
    await page.getByTestId('alert-channel-submit').click()
    const channelRow = page.getByTestId('alert-channel').filter({ hasText: 'Ops mailbox' })
    await channelRow.waitFor()
    // The page shows where it sends, never the password in the SMTP URL.
    expect(await channelRow.innerText()).toContain('ops@example.com, lead@example.com via 127.0.0.1')
    expect(await page.content()).not.toContain(encodeURIComponent('p@ss w0rd:secret'))
    await channelRow.getByRole('button', { name: /Send a test/ }).click()
    await eventually(() => subjects().some((subject) => subject.includes('Test')))

    await page.goto(`${browser.baseUrl}/alerts?tab=rules`)
    await page.getByTestId('alert-rule-new').click()
    await page.getByLabel('Name', { exact: true }).fill('Someone is using the app')
    await page.getByLabel('Metric').selectOption('throughput')
    await page.getByLabel(/^Threshold/).fill('0.01')
    await page.getByLabel('Over the last (seconds)').fill('60')
    await page.getByLabel('Fires after holding for (seconds)').fill('0')
    await page.getByLabel('Severity').selectOption('high')
    await page.getByLabel('Only these channels').check()
    await page.getByTestId('alert-rule-channel-list').getByLabel('Ops mailbox').check()
    await page.getByTestId('alert-rule-submit').click()
    await page.getByTestId('alert-rule').filter({ hasText: 'Someone is using the app' }).waitFor()
    await screenshot(page, 'alert-rules')

    // The server evaluates every 2 s here; the Active section shows the alert once it fires.
    await page.goto(`${browser.baseUrl}/alerts`)
    const row = page.getByTestId('alert-row').filter({ hasText: 'Someone is using the app' })
    await eventually(async () => {
      if (await row.count()) return true
      await page.reload()
      return false
    })
    expect(await row.innerText()).toMatch(/req\/s/)
    const mail = await eventually(() => smtp.messages.find((message) => message.subject?.includes('Someone is using the app')))
    expect(mail.subject).toMatch(/^\[HIGH\] Someone is using the app: Throughput .* > 0\.0 req\/s$/)
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ops@example.com, lead@example.com')
    expect(String(mail.html)).toContain(`href="http://localhost:${new URL(browser.baseUrl).port}/performance"`)

    await row.getByRole('button', { name: /Acknowledge/ }).click()
    await row.getByTestId('alert-acknowledged').getByText(/Acknowledged by/).waitFor()
    expect(await row.getByTestId('alert-acknowledged').innerText()).toContain('Admin')
    await screenshot(page, 'alerts-active')

    const deliveries = await api<{ data: { kind: string; status: string; channelName: string }[] }>(page, '/alerts/deliveries?limit=20')
    expect(deliveries.body.data.filter((delivery) => delivery.channelName === 'Ops mailbox').map((delivery) => `${delivery.kind}:${delivery.status}`)).toEqual(
      expect.arrayContaining(['firing:sent', 'test:sent']),
    )

    // Switch the rule off, then delete it (behind its confirmation): the API agrees each time.
    await page.goto(`${browser.baseUrl}/alerts?tab=rules`)
    const ruleRow = page.getByTestId('alert-rule').filter({ hasText: 'Someone is using the app' })
    await ruleRow.getByRole('switch').click()
    await eventually(async () => {
      const rules = await api<{ data: { name: string; isEnabled: boolean }[] }>(page, '/alerts/rules')
      return rules.body.data.find((rule) => rule.name === 'Someone is using the app')?.isEnabled === false
    })
    await ruleRow.getByRole('button', { name: 'Delete Someone is using the app' }).click()
    await page.getByTestId('alert-rule-delete-confirm').click()
    await ruleRow.waitFor({ state: 'detached' })
    const rules = await api<{ data: { name: string }[] }>(page, '/alerts/rules')
    expect(rules.body.data.map((rule) => rule.name)).not.toContain('Someone is using the app')

    expect(errors).toEqual([])
    await page.close()
  })
})

describe('alerting, as a manager', () => {
  it('reads alerts, rules and the Performance page but changes nothing; phones reach both through More', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await browser.signedIn('manager@example.com', viewport)
      if (viewport === PHONE) {
        await page.getByRole('button', { name: 'More' }).click()
        await page.getByRole('link', { name: 'Alerts' }).click()
      } else {
        await page.goto(`${browser.baseUrl}/alerts`)
      }
      await page.waitForURL(/\/alerts/)
      await page.getByTestId('alert-stat-fired').waitFor()
      expect(await page.getByRole('button', { name: /Acknowledge/ }).count()).toBe(0)
      await screenshot(page, 'alerts-manager')
      await page.goto(`${browser.baseUrl}/alerts?tab=rules`)
      await page.getByTestId('alert-rule').first().waitFor()
      expect(await page.getByTestId('alert-rule-new').count()).toBe(0)
      expect(await page.getByRole('button', { name: /Send a test/ }).count()).toBe(0)
      for (const path of ['/alerts?tab=channels', '/alerts?tab=deliveries', '/alerts?tab=history', '/performance']) {
        await page.goto(`${browser.baseUrl}${path}`)
        await page.getByRole('heading', { level: 1 }).waitFor()
        await page.waitForLoadState('networkidle')
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        expect(overflow, `${path} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0)
      }
      await page.getByTestId('performance-row').first().waitFor()
      await screenshot(page, 'performance')
      await page.close()
    }
  })
})
