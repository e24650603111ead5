import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

const root = new URL('..', import.meta.url).pathname

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * The browser flows run against the built app as `npm start` runs it (compiled server, built SPA,
 * demo data seeded on first start) on a free port, on a database of its own: PostgreSQL and Redis
 * when the run has them, else the embedded PGlite.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'dist', 'server', 'main.js')) || !existsSync(join(root, 'dist', 'web', 'index.html'))) {
    throw new Error('the app is not built: run `npm run build` (npm test does it first)')
  }
  const postgresUrl = process.env.TEST_DATABASE_URL
  const redisUrl = process.env.TEST_REDIS_URL
  const databaseName = `kp_e2e_${randomBytes(6).toString('hex')}`
  const dataDir = postgresUrl ? undefined : mkdtempSync(join(tmpdir(), 'kp-e2e-'))
  let databaseUrl: string | undefined
  if (postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${databaseName}"`)
    await admin.end()
    const url = new URL(postgresUrl)
    url.pathname = `/${databaseName}`
    databaseUrl = url.toString()
  }

  const port = await freePort()
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    DASHBOARD_REFRESH_DEBOUNCE_SECONDS: '1',
    ALERT_EVALUATION_SECONDS: '2',
    ALERT_DELIVERY_RETRY_DELAY_SECONDS: '1',
    REDIS_KEY_PREFIX: `kp-e2e-${randomBytes(4).toString('hex')}:`,
  }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  if (dataDir) env.DATA_DIR = dataDir
  if (redisUrl) env.REDIS_URL = redisUrl

  const server: ChildProcess = spawn(process.execPath, [join(root, 'dist', 'server', 'main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const baseUrl = `http://127.0.0.1:${port}`

  const deadline = Date.now() + 120_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app exited (${server.exitCode}):\n${output.slice(-4000)}`)
    const isUp = await fetch(`${baseUrl}/health/ready`).then((response) => response.ok, () => false)
    if (isUp) break
    if (Date.now() > deadline) throw new Error(`the app did not become ready in 120 s:\n${output.slice(-4000)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  project.provide('baseUrl', baseUrl)

  return async () => {
    server.kill('SIGTERM')
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL')
        resolve(undefined)
      }, 15_000)
      server.once('exit', () => {
        clearTimeout(timer)
        resolve(undefined)
      })
    })
    if (postgresUrl) {
      const admin = new pg.Client({ connectionString: postgresUrl })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`)
      await admin.end()
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}
