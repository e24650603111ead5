// `npm test`: finds which backends answer, runs the one suite on each, and says loudly which ran.
// PostgreSQL: TEST_DATABASE_URL, else the local server on 5432 when it answers. Redis: TEST_REDIS_URL,
// else the local server on 6379. With CI=true both are required. The last line is `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const withoutCredentials = (url) => url.replace(/\/\/[^@/]*@/, '//')
const isCi = process.env.CI === 'true' || process.env.CI === '1'
const { default: pg } = await import('pg')
const { Redis } = await import('ioredis')

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

async function redisAnswers(url) {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  redis.on('error', () => {})
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379'
const hasPostgres = await postgresAnswers(postgresUrl)
const hasRedis = hasPostgres && (await redisAnswers(redisUrl))

// The browser tests drive a real Chromium: CHROMIUM_PATH, else the usual install locations.
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (path) => path && existsSync(path),
)

if (isCi && (!hasPostgres || !hasRedis || !chromiumPath)) {
  console.error(`CI requires PostgreSQL, Redis and Chromium: PostgreSQL ${hasPostgres ? 'answers' : 'does NOT answer'} at ${withoutCredentials(postgresUrl)}, Redis ${hasRedis ? 'answers' : 'does NOT answer'} at ${withoutCredentials(redisUrl)}, Chromium ${chromiumPath ? 'found' : 'NOT found'}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const outputDir = join(root, '.test-output')
rmSync(outputDir, { recursive: true, force: true })
mkdirSync(outputDir, { recursive: true })
const reportFile = join(outputDir, 'vitest.json')

const env = { ...process.env, NO_COLOR: '1' }
delete env.TEST_DATABASE_URL
delete env.TEST_REDIS_URL
if (hasPostgres) env.TEST_DATABASE_URL = postgresUrl
if (hasRedis) env.TEST_REDIS_URL = redisUrl
delete env.TEST_CHROMIUM_PATH
if (chromiumPath) env.TEST_CHROMIUM_PATH = chromiumPath

const vitest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
)

let passed = 0
let failed = 0
let skipped = 0
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'))
  passed = report.numPassedTests
  // Failed tests, plus files that failed before any test ran (an import error, a failed setup).
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length
  failed = report.numFailedTests + brokenFiles
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
} catch {
  failed = Math.max(1, failed)
}
if (vitest.status !== 0 && failed === 0) failed = 1

const line = '='.repeat(72)
console.log(`\n${line}`)
console.log('Backends exercised by this run:')
console.log(`  PGlite (embedded PostgreSQL):  yes`)
console.log(`  PostgreSQL server:             ${hasPostgres ? `YES (${withoutCredentials(postgresUrl)})` : 'NO  - not reachable; the postgres project did not run'}`)
console.log(`  Redis:                         ${hasRedis ? `YES (${withoutCredentials(redisUrl)})` : 'NO  - not reachable; Redis-backed paths did not run'}`)
console.log(`  Web components (happy-dom):     yes`)
console.log(`  Browser (Chromium, e2e/):      ${chromiumPath ? `YES (${chromiumPath})` : 'NO  - no Chromium found (set CHROMIUM_PATH); the browser flows did not run'}`)
if (skipped > 0) console.log(`  Skipped tests: ${skipped} (a skipped test is not a pass)`)
console.log(line)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || skipped > 0 ? 1 : 0)
