import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hash } from '@node-rs/argon2'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp, type Services } from '../app.js'
import { type Config, loadConfig } from '../platform/config/config.js'
import { openDatabase } from '../platform/db/database.js'
import type { Database, Db } from '../platform/db/types.js'
import type { Platform } from '../platform/platform.js'
import { createManualClock } from '../platform/runtime/runtime.js'
import { makeUser, type TestUser } from './factories.js'

export const TEST_PASSWORD = 'correct horse battery staple'

/**
 * A config for tests: quiet logs, no background jobs or alert loop (tests evaluate by hand), a fixed secret and Redis keys of its own (so
 * files sharing the test Redis never see each other's cache entries or rate-limit counters);
 * override anything — instances meant to share Redis state pass the same REDIS_KEY_PREFIX.
 */
export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-session-secret-0123456789abcdef',
    JOBS: 'off',
    ALERT_EVALUATION_SECONDS: '0',
    REDIS_KEY_PREFIX: `kp-test-${randomBytes(4).toString('hex')}:`,
    ...env,
  })
}

/** A fresh, migrated database for one test file, on the driver of the running project. */
export async function openTestDatabase(): Promise<Database> {
  if (inject('driver') === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))])
    return openDatabase({ driver: 'pglite', loadDataDir: template })
  }
  const adminUrl = inject('postgresUrl')
  const template = inject('postgresTemplate')
  const name = `${template}_f_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ driver: 'postgres', url: url.toString(), poolMax: 5 })
  const close = database.close.bind(database)
  return {
    ...database,
    async close() {
      await close()
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await cleanup.end()
    },
  }
}

export function testRedisUrl(): string | undefined {
  return inject('driver') === 'postgres' && inject('redisUrl') ? inject('redisUrl') : undefined
}

export interface TestApp {
  app: FastifyInstance
  platform: Platform
  services: Services
  db: Db
  clock: ReturnType<typeof createManualClock>
  /** Creates a user (factories) and signs them in; the cookie goes on later requests. */
  signIn(role: 'admin' | 'manager' | 'rep', overrides?: Partial<TestUser>): Promise<SignedIn>
  close(): Promise<void>
}

export interface SignedIn {
  user: TestUser
  cookie: string
  request(options: InjectOptions): Promise<LightMyRequestResponse>
}

/**
 * An isolated app on its own database (and the shared test Redis on the PostgreSQL project), with a
 * manual clock. Requests come from a per-app address so rate limits never leak between files.
 */
export async function buildTestApp(options: { env?: Record<string, string | undefined> } = {}): Promise<TestApp> {
  const database = await openTestDatabase()
  const clock = createManualClock(new Date('2026-03-15T12:00:00.000Z'))
  const redisUrl = testRedisUrl()
  const config = testConfig({ ...(redisUrl ? { REDIS_URL: redisUrl } : {}), ...options.env })
  const built = await buildApp(config, { database, clock })
  const remoteAddress = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`
  const passwordHash = hash(TEST_PASSWORD)

  return {
    app: built.app,
    platform: built.platform,
    services: built.services,
    db: database.db,
    clock,
    async signIn(role, overrides = {}) {
      const user = await makeUser(database.db, { role, passwordHash: await passwordHash, ...overrides })
      const response = await built.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email: user.email, password: TEST_PASSWORD },
      })
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`)
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
      return {
        user,
        cookie,
        request: (request) =>
          built.app.inject({ remoteAddress, ...request, headers: { cookie, ...(request.headers ?? {}) } } as InjectOptions),
      }
    },
    async close() {
      await built.app.close()
      await database.close()
    },
  }
}
