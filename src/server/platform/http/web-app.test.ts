import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../testing/test-app.js'

// A web build as vite writes it: hashed assets with their precompressed twins, a shell, a service worker.
const shell = '<!doctype html><html><head><title>Kitchen Pantry CRM</title></head><body><div id="app"></div></body></html>'
const script = `console.log(${JSON.stringify('x'.repeat(4000))})`
let webRoot: string
let t: TestApp

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'kp-web-'))
  mkdirSync(join(webRoot, 'assets'))
  writeFileSync(join(webRoot, 'index.html'), shell)
  writeFileSync(join(webRoot, 'index.html.br'), brotliCompressSync(shell))
  writeFileSync(join(webRoot, 'sw.js'), 'self.addEventListener("install", () => {})')
  writeFileSync(join(webRoot, 'assets', 'index-Bx12cd34.js'), script)
  writeFileSync(join(webRoot, 'assets', 'index-Bx12cd34.js.br'), brotliCompressSync(script))
  writeFileSync(join(webRoot, 'assets', 'index-Bx12cd34.js.gz'), gzipSync(script))
  t = await buildTestApp({ env: { WEB_ROOT: webRoot } })
})
afterAll(async () => {
  await t.close()
  rmSync(webRoot, { recursive: true, force: true })
})

describe('web app serving', () => {
  it('sends hashed assets precompressed and immutable, without a session', async () => {
    const brotli = await t.app.inject({ method: 'GET', url: '/assets/index-Bx12cd34.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(brotli.statusCode).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script)

    const gzip = await t.app.inject({ method: 'GET', url: '/assets/index-Bx12cd34.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
  })

  it('revalidates the shell and the service worker on every load', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } })
    expect(root.statusCode).toBe(200)
    expect(root.headers['cache-control']).toBe('no-cache')
    expect(root.body).toContain('<div id="app">')
    const worker = await t.app.inject({ method: 'GET', url: '/sw.js' })
    expect(worker.statusCode).toBe(200)
    expect(worker.headers['cache-control']).toBe('no-cache')
  })

  it('answers deep links with the shell, but unknown API paths and files with a 404 problem', async () => {
    const deep = await t.app.inject({ method: 'GET', url: '/organizations/0190a1b2-0000-7000-8000-000000000000?tab=contacts', headers: { accept: 'text/html,application/xhtml+xml' } })
    expect(deep.statusCode).toBe(200)
    expect(deep.headers['content-type']).toContain('text/html')
    expect(deep.body).toBe(shell)

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { accept: 'text/html' } })
    expect(api.statusCode).toBe(404)
    expect(api.headers['content-type']).toContain('application/problem+json')

    const file = await t.app.inject({ method: 'GET', url: '/assets/missing-00000000.js', headers: { accept: '*/*' } })
    expect(file.statusCode).toBe(404)
    expect(file.headers['content-type']).toContain('application/problem+json')

    const traversal = await t.app.inject({ method: 'GET', url: '/assets/..%2f..%2fpackage.json', headers: { accept: '*/*' } })
    expect(traversal.statusCode).toBe(404)
  })
})
