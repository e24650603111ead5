import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeContact, makeInteraction, makeOpportunity, makeOrganization } from '../../testing/factories.js'
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js'

// Every route in the OpenAPI document, every parameter and body field, fed hostile values:
// the answer is always a 4xx (or a success that stored nothing odd), never a 5xx.

let t: TestApp
let admin: SignedIn
let rep: SignedIn

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  2 ** 63,
  '',
  ' ',
  "'; DROP TABLE organizations; --",
  '%_\\',
  'a & b | !c :*',
  '\u0000',
  '😀'.repeat(300),
  'x'.repeat(20_000),
  '2026-13-45',
  '00000000-0000-0000-0000-000000000000',
  [],
  {},
  { $gt: '' },
]

const HOSTILE_QUERY = ["'", '%', '-name', 'name,id', '999999999999999999999', '-1', 'null', '\\', 'x'.repeat(3000), '%00', '[]']

interface Operation {
  method: string
  path: string
  parameters: { name: string; in: string }[]
  bodyFields: string[]
}

beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('admin')
  rep = await t.signIn('rep')
})
afterAll(async () => {
  await t.close()
})

function operations(spec: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> }) {
  const result: Operation[] = []
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema
      result.push({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [], bodyFields: Object.keys(schema?.properties ?? {}) })
    }
  }
  return result
}

describe('bad input never yields a 5xx', () => {
  it('covers every documented route with hostile params, query values and body fields', { timeout: 180_000 }, async () => {
    const organization = await makeOrganization(t.db, { assignedUserId: rep.user.id })
    const realIds: Record<string, string> = {
      organizations: organization.id,
      contacts: (await makeContact(t.db, organization.id)).id,
      interactions: (await makeInteraction(t.db, organization.id, rep.user.id)).id,
      opportunities: (await makeOpportunity(t.db, organization.id)).id,
      users: rep.user.id,
    }
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    const ops = operations(spec)
    expect(ops.length).toBeGreaterThan(30)

    const failures: string[] = []
    let requests = 0
    const send = async (who: SignedIn, method: string, url: string, payload?: unknown) => {
      requests += 1
      const response = await who.request({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) })
      if (response.statusCode >= 500) failures.push(`${response.statusCode} ${method} ${url.slice(0, 120)} ${JSON.stringify(payload)?.slice(0, 120)}`)
      else if (response.statusCode >= 400) expect(response.headers['content-type'], `${method} ${url}`).toContain('application/problem+json')
    }

    for (const op of ops) {
      if (op.path.includes('/auth/logout')) continue
      const resource = op.path.split('/')[3] ?? ''
      const who = resource === 'users' ? admin : rep
      for (const id of ['not-a-uuid', realIds[resource] ?? '00000000-0000-0000-0000-000000000000']) {
        const url = op.path.replace('{id}', encodeURIComponent(id))
        {
          for (const parameter of op.parameters.filter((p) => p.in === 'query')) {
            for (const value of HOSTILE_QUERY) await send(who, op.method, `${url}?${parameter.name}=${encodeURIComponent(value)}`)
          }
          if (op.bodyFields.length > 0) {
            for (const field of op.bodyFields) {
              for (const value of HOSTILE_VALUES) await send(who, op.method, url, { [field]: value })
            }
            for (const body of [[], 'text', 42, null]) await send(who, op.method, url, body)
          }
        }
        if (!op.path.includes('{id}')) break
      }
    }
    expect(requests).toBeGreaterThan(1000)
    expect(failures).toEqual([])
  })
})
