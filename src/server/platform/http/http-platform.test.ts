import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'

let t: TestApp
let rep: SignedIn
beforeAll(async () => {
  t = await buildTestApp()
  rep = await t.signIn('rep')
})
afterAll(async () => {
  await t.close()
})

describe('http platform', () => {
  it('answers malformed JSON, a wrong content type and an oversized body with 4xx problem+json', async () => {
    const malformed = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { 'content-type': 'application/json' }, payload: '{"name": "Diner",' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.headers['content-type']).toContain('application/problem+json')

    const wrongType = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { 'content-type': 'text/plain' }, payload: 'name=Diner' })
    expect(wrongType.statusCode).toBe(415)
    expect(wrongType.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' })

    const huge = await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Big', notes: 'x'.repeat(1_100_000) } })
    expect(huge.statusCode).toBe(413)
    expect(huge.headers['content-type']).toContain('application/problem+json')

    const wrongTypes = await rep.request({ method: 'POST', url: '/api/v1/organizations', payload: [1, 2, 3] })
    expect(wrongTypes.statusCode).toBe(400)
    const nullBody = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers: { 'content-type': 'application/json' }, payload: 'null' })
    expect(nullBody.statusCode).toBe(400)
    expect((await rep.request({ method: 'GET', url: '/api/v1/organizations' })).json().data).toHaveLength(0)
  })

  it('gives every response an X-Request-Id, keeping a well-formed incoming one', async () => {
    const generated = await t.app.inject({ method: 'GET', url: '/health/live' })
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'edge-42.abc' } })
    expect(kept.headers['x-request-id']).toBe('edge-42.abc')
    const replaced = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'bad id <script>' } })
    expect(replaced.headers['x-request-id']).not.toContain('<')
  })

  it('unknown routes are 404 problem+json; security headers are set', async () => {
    const missing = await rep.request({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ status: 404, title: 'Not Found' })
    expect(missing.headers['x-content-type-options']).toBe('nosniff')
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  it('publishes the OpenAPI document and the browsable docs without a session', async () => {
    const document = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    expect(document.statusCode).toBe(200)
    const spec = document.json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/organizations/', '/api/v1/organizations/{id}', '/api/v1/search/', '/api/v1/auth/login']))
    expect(spec.paths['/api/v1/organizations/'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'sort', 'cursor', 'limit']))
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-type']).toContain('text/html')
  })
})

describe('CSRF behind a proxy', () => {
  it('compares Origin with X-Forwarded-Host only when the proxy is trusted', async () => {
    const headers = { origin: 'https://crm.example.com', 'x-forwarded-host': 'crm.example.com', host: '10.0.0.5:3000' }
    const trusted = await buildTestApp({ env: { TRUST_PROXY: 'true' } })
    try {
      const user = await trusted.signIn('rep')
      const response = await user.request({ method: 'POST', url: '/api/v1/organizations', headers, payload: { name: 'Proxied Diner' } })
      expect(response.statusCode).toBe(201)
    } finally {
      await trusted.close()
    }
    const direct = await rep.request({ method: 'POST', url: '/api/v1/organizations', headers, payload: { name: 'Spoofed Diner' } })
    expect(direct.statusCode).toBe(403)
  })
})
