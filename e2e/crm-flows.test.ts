/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { api, type Browser, DESKTOP, openBrowser, PHONE, screenshot, signIn } from './browser.js'

interface Page_<T> {
  data: T[]
  nextCursor: string | null
}
interface Organization {
  id: string
  name: string
  assignedUserId: string | null
}
interface Opportunity {
  id: string
  name: string
  stage: string
  version: number
}

let browser: Browser
beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function figure(page: Page, name: string): Promise<number> {
  const text = await page.getByTestId(`figure-${name}`).innerText()
  const digits = /-?[\d,.]+/.exec(text.replace(/\s/g, ''))
  if (!digits) throw new Error(`figure ${name} has no number: ${text}`)
  return Number(digits[0].replace(/,/g, ''))
}

describe('a rep in the field', () => {
  it('finds an account by search, adds a contact, logs a visit, moves a deal and sees the dashboard follow', async () => {
    const page = await browser.signedIn('rep1@example.com')
    onTestFailed(() => screenshot(page, 'failed-rep-flow'))
    await page.getByTestId('figure-interactionsThisMonth').waitFor()
    const interactionsBefore = await figure(page, 'interactionsThisMonth')

    // Find one of the rep's accounts through the search palette.
    const mine = await api<Page_<Organization>>(page, '/organizations?limit=20&sort=-updatedAt')
    expect(mine.status).toBe(200)
    const account = mine.body.data[0] as Organization
    await page.keyboard.press('Control+k')
    const search = page.getByRole('combobox', { name: 'Search' })
    await search.fill(account.name)
    await page.getByRole('option', { name: new RegExp(account.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click()
    await page.waitForURL(`**/organizations/${account.id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(account.name)

    // Add a contact.
    const lastName = `Tester${Date.now().toString(36)}`
    await page.getByTestId('add-contact').click()
    const contactDialog = page.getByRole('dialog')
    await contactDialog.getByLabel('First name').fill('Robin')
    await contactDialog.getByLabel('Last name').fill(lastName)
    await contactDialog.getByRole('button', { name: /add contact|save/i }).click()
    await expect.poll(async () => (await api<Page_<{ lastName: string }>>(page, `/organizations/${account.id}/contacts?limit=200`)).body.data.map((c) => c.lastName)).toContain(lastName)
    await page.getByText(`Robin ${lastName}`).first().waitFor()

    // Log a visit in one tap from the account.
    const subject = `Tasting of the spring menu ${Date.now().toString(36)}`
    await page.getByTestId('log-interaction').click()
    const logDialog = page.getByRole('dialog')
    await logDialog.getByLabel('Subject').fill(subject)
    await logDialog.getByTestId('quick-log-submit').click()
    await page.getByText(subject).first().waitFor()
    const logged = await api<Page_<{ subject: string }>>(page, `/interactions?organizationId=${account.id}&limit=5`)
    expect(logged.body.data.map((interaction) => interaction.subject)).toContain(subject)

    // Move a deal to the next stage from the board, with the keyboard-friendly stage control.
    const prospecting = await api<Page_<Opportunity>>(page, '/opportunities?stage=prospecting&limit=1&sort=-updatedAt')
    const deal = prospecting.body.data[0] as Opportunity
    expect(deal).toBeTruthy()
    await page.goto(`${browser.baseUrl}/opportunities`)
    const card = page.getByTestId('board-column-prospecting').getByTestId('opportunity-card').filter({ hasText: deal.name }).first()
    await card.waitFor()
    await card.getByLabel(`Stage of ${deal.name}`).selectOption('qualification')
    await page.getByTestId('board-column-qualification').getByTestId('opportunity-card').filter({ hasText: deal.name }).first().waitFor()
    await expect.poll(async () => (await api<Opportunity>(page, `/opportunities/${deal.id}`)).body.stage).toBe('qualification')

    // The dashboard follows once the figures are refreshed (a background job, debounced).
    await page.goto(`${browser.baseUrl}/`)
    await expect
      .poll(
        async () => {
          await page.reload()
          await page.getByTestId('figure-interactionsThisMonth').waitFor()
          return figure(page, 'interactionsThisMonth')
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeGreaterThan(interactionsBefore)
    await page.close()
  })

  it("cannot open another rep's account, which a manager can", async () => {
    const page = await browser.context.newPage()
    await signIn(page, browser.baseUrl, 'rep2@example.com')
    const theirs = (await api<Page_<Organization>>(page, '/organizations?limit=1')).body.data[0] as Organization
    expect(theirs).toBeTruthy()

    await signIn(page, browser.baseUrl, 'rep1@example.com')
    await page.goto(`${browser.baseUrl}/organizations/${theirs.id}`)
    await page.getByText(/not found/i).first().waitFor()
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).not.toContain(theirs.name)
    expect((await api(page, `/organizations/${theirs.id}`)).status).toBe(404)

    await signIn(page, browser.baseUrl, 'manager@example.com')
    await page.goto(`${browser.baseUrl}/organizations/${theirs.id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(theirs.name)
    await page.close()
  })

  it("a manager's list holds everyone's accounts and keeps only a window of rows in the DOM", async () => {
    const page = await browser.signedIn('manager@example.com')
    const all: Organization[] = []
    let cursor: string | null = null
    do {
      const next: { body: Page_<Organization> } = await api<Page_<Organization>>(page, `/organizations?limit=200&sort=name${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      all.push(...next.body.data)
      cursor = next.body.nextCursor
    } while (cursor)
    expect(new Set(all.map((organization) => organization.assignedUserId).filter(Boolean)).size).toBeGreaterThan(1)

    await page.goto(`${browser.baseUrl}/organizations?sort=name`)
    const rows = page.getByTestId('organization-row')
    await rows.first().waitFor()
    // Scroll to the end: pages load by cursor until the last account (by name) is on screen.
    const last = all[all.length - 1] as Organization
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 4000)
          return page.getByTestId('organization-row').filter({ hasText: last.name }).count()
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBeGreaterThan(0)
    const inDom = await rows.count()
    expect(inDom).toBeGreaterThan(0)
    expect(inDom).toBeLessThanOrEqual(100)
    expect(inDom).toBeLessThan(all.length)
    await page.close()
  })
})

describe('every main view, on a phone and on a desktop', () => {
  it('renders without errors and is captured for review', async () => {
    const errors: string[] = []
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await browser.context.newPage()
      page.on('pageerror', (error) => errors.push(`${viewport.width}px: ${error.message}`))
      await page.setViewportSize(viewport)
      await page.context().clearCookies()
      await page.goto(`${browser.baseUrl}/login`)
      await page.getByLabel('E-mail').waitFor()
      await screenshot(page, 'login')
      await signIn(page, browser.baseUrl, 'admin@example.com')
      const first = (await api<Page_<Organization>>(page, '/organizations?limit=1')).body.data[0] as Organization
      const views: [string, string, string][] = [
        ['dashboard', '/', 'figure-organizations'],
        ['organizations', '/organizations', 'organization-row'],
        ['organization', `/organizations/${first.id}`, 'log-interaction'],
        ['contacts', '/contacts', 'contact-row'],
        ['interactions', '/interactions', 'interaction-row'],
        ['opportunities', '/opportunities', 'opportunity-card'],
      ]
      for (const [name, path, testId] of views) {
        await page.goto(`${browser.baseUrl}${path}`)
        await page.getByTestId(testId).first().waitFor()
        await screenshot(page, name)
        // Nothing may stick out sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        expect(overflow, `${name} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0)
      }
      await page.goto(`${browser.baseUrl}/users`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await screenshot(page, 'users')
      await page.goto(`${browser.baseUrl}/no/such/page`)
      await page.getByText('This page does not exist').waitFor()
      await screenshot(page, 'not-found')
      await page.close()
    }
    expect(errors).toEqual([])
  })
})
