import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { loadConfig } from '../src/server/platform/config/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { runMigrations } from '../src/server/platform/db/migrate.js'
import { isDatabaseEmpty, resetDatabase, SEED_SIZES, type SeedSize, seedDatabase } from '../src/server/seed/seed.js'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    reset: { type: 'boolean', default: false },
    'reference-date': { type: 'string' },
  },
})

const size = values.size?.toUpperCase() as SeedSize
if (!(size in SEED_SIZES)) {
  process.stderr.write(`--size must be one of ${Object.keys(SEED_SIZES).join(', ')}\n`)
  process.exit(2)
}
const referenceDate = values['reference-date'] ? new Date(values['reference-date']) : new Date(new Date().toISOString().slice(0, 10))
if (Number.isNaN(referenceDate.getTime())) {
  process.stderr.write('--reference-date must be a date, e.g. 2026-01-31\n')
  process.exit(2)
}

const config = loadConfig({ ...process.env, SESSION_SECRET: process.env.SESSION_SECRET ?? 'x'.repeat(32) })
const database = await openDatabase(
  config.database.driver === 'pglite'
    ? { driver: 'pglite', dataDir: config.database.dataDir }
    : { driver: 'postgres', url: config.database.url, poolMax: 4 },
)
try {
  await runMigrations(database)
  if (!(await isDatabaseEmpty(database))) {
    if (!values.reset) {
      process.stderr.write('The database already has data. Run again with --reset to replace it (this deletes everything).\n')
      process.exit(3)
    }
    await resetDatabase(database)
  }
  const target = config.database.driver === 'pglite' ? `PGlite (${config.database.dataDir})` : 'PostgreSQL'
  process.stderr.write(`Seeding size ${size} into ${target}\n`)
  const bar = new cliProgress.SingleBar({ format: ' {bar} {percentage}% | {value}/{total} rows | {table} | {duration}s', stream: process.stderr }, cliProgress.Presets.shades_classic)
  const started = performance.now()
  let isStarted = false
  const result = await seedDatabase(database, {
    size,
    referenceDate,
    onProgress: ({ table, rows, totalRows }) => {
      if (!isStarted) {
        bar.start(totalRows, 0, { table })
        isStarted = true
      }
      bar.update(rows, { table })
    },
  })
  bar.stop()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(`Done in ${seconds} s: ${Object.entries(result.rows).map(([table, rows]) => `${rows.toLocaleString('en-US')} ${table}`).join(', ')}\n`)
} finally {
  await database.close()
}
