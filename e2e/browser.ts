import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string
  }
}

export const DEMO_PASSWORD = 'kitchen-pantry-demo'
export const PHONE = { width: 360, height: 740 }
export const DESKTOP = { width: 1280, height: 800 }
const screenshotDir = new URL('../.test-output/screenshots/', import.meta.url).pathname

export interface Browser {
  context: BrowserContext
  baseUrl: string
  /** A new tab at this viewport, signed in as `email` (through the login form). */
  signedIn(email: string, viewport?: { width: number; height: number }): Promise<Page>
  close(): Promise<void>
}

/** Debian's Chromium, headless, with a throwaway profile (one per test file). */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kp-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject('chromiumPath'),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: DESKTOP,
    serviceWorkers: 'block',
  })
  const baseUrl = inject('baseUrl')
  return {
    context,
    baseUrl,
    async signedIn(email, viewport = DESKTOP) {
      const page = await context.newPage()
      await page.setViewportSize(viewport)
      await signIn(page, baseUrl, email)
      return page
    },
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function signIn(page: Page, baseUrl: string, email: string) {
  await page.context().clearCookies()
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** Saves a screenshot under .test-output/screenshots (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true })
  const size = page.viewportSize()
  await page.screenshot({ path: join(screenshotDir, `${name}-${size?.width ?? 0}.png`), fullPage: false })
}

/** Calls the API with the page's session (same cookies), for arranging and checking data. */
export async function api<T>(page: Page, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const response = await page.request.fetch(`${new URL(page.url()).origin}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), origin: new URL(page.url()).origin, ...init.headers },
    data: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  return { status: response.status(), body: (text ? JSON.parse(text) : undefined) as T }
}
