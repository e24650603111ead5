import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type Browser, openBrowser } from './browser.js'

interface Organization {
  id: string
  name: string
  city: string | null
  version: number
}

let browser: Browser
beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('two people editing one account', () => {
  it('shows both versions on a 412 and saves mine on top when asked; the list filters live in the URL', async () => {
    const page = await browser.signedIn('manager@example.com')
    const account = (await api<{ data: Organization[] }>(page, '/organizations?limit=1&sort=-updatedAt')).body.data[0] as Organization
    await page.goto(`${browser.baseUrl}/organizations/${account.id}`)
    await page.getByRole('button', { name: 'Edit' }).click()
    const mine = `Mine ${Date.now().toString(36)}`
    const theirs = `Theirs ${Date.now().toString(36)}`
    await page.getByLabel('City').fill(mine)

    // Someone else saves first.
    const current = await api<Organization>(page, `/organizations/${account.id}`)
    const other = await api<Organization>(page, `/organizations/${account.id}`, { method: 'PATCH', body: { city: theirs }, headers: { 'if-match': `"${current.body.version}"` } })
    expect(other.status).toBe(200)

    await page.getByRole('button', { name: 'Save changes' }).click()
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this record' })
    await dialog.waitFor()
    expect(await dialog.getByTestId('conflict-mine').allInnerTexts()).toContain(mine)
    expect(await dialog.getByTestId('conflict-theirs').allInnerTexts()).toContain(theirs)
    expect((await api<Organization>(page, `/organizations/${account.id}`)).body.city).toBe(theirs)

    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click()
    await expect.poll(async () => (await api<Organization>(page, `/organizations/${account.id}`)).body.city).toBe(mine)
    await page.getByText(mine).first().waitFor()

    // Filters survive a reload because they live in the URL.
    await page.goto(`${browser.baseUrl}/organizations`)
    await page.getByTestId('organization-row').first().waitFor()
    await page.getByRole('searchbox').first().fill(account.name.slice(0, 6))
    await page.waitForURL((url) => url.searchParams.get('q') === account.name.slice(0, 6))
    await page.reload()
    await page.getByTestId('organization-row').filter({ hasText: account.name }).first().waitFor()
    expect(await page.getByRole('searchbox').first().inputValue()).toBe(account.name.slice(0, 6))
    await page.close()
  })
})
