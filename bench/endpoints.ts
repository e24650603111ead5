// Single-request latency of the core endpoints on a seeded database, as a user would see it:
// a separate server process, real HTTP, warm caches, one request at a time.
//
//   DATABASE_URL=postgres://…/crm npm run seed -- --size L
//   DATABASE_URL=postgres://…/crm npm run bench:endpoints
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import * as hdr from 'hdr-histogram-js'
import pg from 'pg'
import { signIn, startServer } from './lib/server.js'

const { values } = parseArgs({ options: { samples: { type: 'string', default: '30' }, warmup: { type: 'string', default: '5' } } })
const samples = Number(values.samples)
const warmup = Number(values.warmup)
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  process.stderr.write('Set DATABASE_URL to a seeded PostgreSQL database (npm run seed -- --size L).\n')
  process.exit(2)
}

// The database path itself: the cache is off here (bench:cache measures it).
const { server, base } = await startServer({ CACHE: 'off' })


async function time(cookie: string, path: string) {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 })
  for (let index = 0; index < warmup + samples; index++) {
    const started = performance.now()
    const response = await fetch(`${base}${path}`, { headers: { cookie } })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`${path}: ${response.status}`)
    if (index >= warmup) histogram.recordValue(Math.round((performance.now() - started) * 1000))
  }
  return histogram
}

try {
  const database = new pg.Client({ connectionString: databaseUrl })
  await database.connect()
  const counts = await database.query('SELECT (SELECT count(*) FROM organizations) AS o, (SELECT count(*) FROM interactions) AS i')
  const refreshStarted = performance.now()
  await database.query('REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_owner_figures')
  await database.query('REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_stage_figures')
  const refreshMs = performance.now() - refreshStarted
  await database.end()

  const manager = await signIn(base, 'manager@example.com')
  const rep = await signIn(base, 'rep1@example.com')
  const first = await (await fetch(`${base}/api/v1/organizations?limit=1`, { headers: { cookie: rep } })).json() as { data: { id: string }[] }
  const organizationId = first.data[0]?.id
  if (!organizationId) throw new Error('rep1 has no organizations: seed the database first')

  const paths = [
    '/api/v1/organizations?limit=50',
    '/api/v1/organizations?limit=50&sort=-updatedAt&priority=A',
    '/api/v1/organizations?limit=50&q=grill',
    `/api/v1/organizations/${organizationId}`,
    `/api/v1/organizations/${organizationId}/contacts`,
    `/api/v1/organizations/${organizationId}/interactions`,
    '/api/v1/contacts?limit=50',
    '/api/v1/interactions?limit=50',
    '/api/v1/opportunities?limit=50',
    '/api/v1/search?q=sys',
    '/api/v1/search?q=smith',
    '/api/v1/dashboard',
  ]
  process.stdout.write(`${Number(counts.rows[0].o).toLocaleString('en-US')} organizations, ${Number(counts.rows[0].i).toLocaleString('en-US')} interactions; ${samples} samples after ${warmup} warm-up, one at a time\n`)
  process.stdout.write(`dashboard views refresh (CONCURRENTLY, both): ${refreshMs.toFixed(0)} ms\n\n`)
  process.stdout.write(`${'endpoint'.padEnd(58)} ${'who'.padEnd(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'max ms'.padStart(7)}\n`)
  for (const path of paths) {
    for (const [who, cookie] of [['manager', manager], ['rep', rep]] as const) {
      const histogram = await time(cookie, path)
      const ms = (percentile: number) => (histogram.getValueAtPercentile(percentile) / 1000).toFixed(1).padStart(7)
      const label = path.replace(organizationId, ':id')
      process.stdout.write(`${label.padEnd(58)} ${who.padEnd(8)} ${ms(50)} ${ms(95)} ${(histogram.maxValue / 1000).toFixed(1).padStart(7)}\n`)
    }
  }
} finally {
  server.kill('SIGTERM')
  await once(server, 'exit')
}
