import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openTestDatabase, testRedisUrl } from '../../testing/test-app.js'
import type { Database } from '../db/types.js'

// Tracing needs its loader hook before the app's modules load, so this drives the compiled server
// (`npm test` builds it first) against a local OTLP/HTTP receiver.

interface ExportedSpan {
  scope: string
  name: string
  traceId: string
}

const root = fileURLToPath(new URL('../../../../', import.meta.url))
let receiver: Server
let receiverPort = 0
const spans: ExportedSpan[] = []
let server: ChildProcess
let output = ''
let dataDir: string
let database: Database | undefined

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const parsed = JSON.parse(body || '{}') as { resourceSpans?: { scopeSpans: { scope: { name: string }; spans: { name: string; traceId: string }[] }[] }[] }
      for (const resource of parsed.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ scope: scope.scope.name, name: span.name, traceId: span.traceId })
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  receiverPort = (receiver.address() as { port: number }).port

  dataDir = mkdtempSync(join(tmpdir(), 'kp-otel-'))
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    SESSION_SECRET: 'telemetry-test-secret-0123456789abcdef',
    DATA_DIR: dataDir,
    JOBS: 'off',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  }
  if (inject('driver') === 'postgres') {
    database = await openTestDatabase()
    env.DATABASE_URL = database.url ?? ''
    const redisUrl = testRedisUrl()
    if (redisUrl) env.REDIS_URL = redisUrl
  }
  server = spawn(process.execPath, [join(root, 'dist/server/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const started = Date.now()
  while (!/running on http:\/\/localhost:\d+/.test(output)) {
    if (server.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}, 60_000)

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGTERM')
    await once(server, 'exit')
  }
  receiver.close()
  await database?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('OpenTelemetry tracing', () => {
  it('exports HTTP, Fastify and database spans by OTLP and writes the trace id into the logs', async () => {
    const port = Number(/running on http:\/\/localhost:(\d+)/.exec(output)?.[1])
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
    })
    expect(response.status).toBe(401)

    await expect.poll(() => spans.some((span) => span.name === 'POST /api/v1/auth/login'), { timeout: 15_000, interval: 100 }).toBe(true)
    const serverSpan = spans.find((span) => span.name === 'POST /api/v1/auth/login')
    const trace = spans.filter((span) => span.traceId === serverSpan?.traceId)
    expect(serverSpan?.scope).toBe('@opentelemetry/instrumentation-http')
    expect(trace.some((span) => span.scope === '@fastify/otel' && span.name.startsWith('handler'))).toBe(true)
    if (inject('driver') === 'postgres') {
      expect(trace.some((span) => span.scope === '@opentelemetry/instrumentation-pg')).toBe(true)
      // The sign-in rate limit counts in Redis.
      if (testRedisUrl()) expect(spans.some((span) => span.scope === '@opentelemetry/instrumentation-ioredis')).toBe(true)
    }
    await expect.poll(() => output.includes(`"trace_id":"${serverSpan?.traceId}"`), { timeout: 5_000, interval: 100 }).toBe(true)
  })
})
