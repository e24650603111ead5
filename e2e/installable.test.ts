/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'

describe('the installable app', () => {
  it('has a manifest with icons, precaches the shell and opens offline on a repeat visit', async () => {
    const baseUrl = inject('baseUrl')
    const profile = mkdtempSync(join(tmpdir(), 'kp-chromium-sw-'))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: inject('chromiumPath'),
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      const page = await context.newPage()
      await page.goto(`${baseUrl}/login`)
      const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
      expect(manifestHref).toBeTruthy()
      const manifest = (await (await page.request.get(new URL(manifestHref as string, baseUrl).toString())).json()) as {
        name: string
        start_url: string
        display: string
        icons: { src: string; sizes: string; type: string }[]
      }
      expect(manifest).toMatchObject({ name: 'Kitchen Pantry CRM', start_url: '/', display: 'standalone' })
      expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
      for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, baseUrl).toString())).status()).toBe(200)

      // The service worker installs and takes the shell into its cache.
      const cached = await page.evaluate(async () => {
        await navigator.serviceWorker.ready
        const names = await caches.keys()
        const urls: string[] = []
        for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
        return urls
      })
      expect(cached.some((path) => path === '/index.html')).toBe(true)
      expect(cached.some((path) => /^\/assets\/.+\.js$/.test(path))).toBe(true)

      // With the network gone, the app still opens (the sign-in form renders from the cache).
      await context.setOffline(true)
      await page.reload()
      await page.getByLabel('E-mail').waitFor({ timeout: 10_000 })
      expect(await page.title()).toContain('Kitchen Pantry CRM')
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })
})
