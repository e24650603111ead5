import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../platform/db/database.js'
import { runMigrations } from '../platform/db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    driver: 'pglite' | 'postgres'
    postgresUrl: string
    redisUrl: string
    /** PGlite: a migrated data directory dump each test file starts from (initdb takes seconds). */
    pgliteTemplate: string
    /** PostgreSQL: a migrated template database each test file clones. */
    postgresTemplate: string
  }
}

export default async function setup(project: TestProject) {
  const driver = project.config.provide.driver
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'kp-test-'))
    const database = await openDatabase({ driver: 'pglite' })
    await runMigrations(database)
    const client = (database as unknown as { db: { $client: { dumpDataDir(c: 'none'): Promise<Blob> } } }).db.$client
    const dump = await client.dumpDataDir('none')
    await database.close()
    const file = join(dir, 'template.tar')
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
    project.provide('pgliteTemplate', file)
    return () => rmSync(dir, { recursive: true, force: true })
  }

  const adminUrl = project.config.provide.postgresUrl ?? ''
  const template = `kp_test_template_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${template}`)
  await admin.query(`CREATE DATABASE ${template}`)
  const url = new URL(adminUrl)
  url.pathname = `/${template}`
  const database = await openDatabase({ driver: 'postgres', url: url.toString(), poolMax: 2 })
  await runMigrations(database)
  await database.close()
  project.provide('postgresTemplate', template)
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `${template}\\_f\\_%`],
    )
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    await admin.end()
  }
}
