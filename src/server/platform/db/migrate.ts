import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import type { Database } from './types.js'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../drizzle', import.meta.url))

// Any constant works; it only has to be the same for every instance sharing the database.
const MIGRATION_LOCK_ID = 724_031_001

/** Applies pending migrations; safe to run on every start and from several instances at once. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER })
    return
  }
  // A session-level advisory lock on a connection of its own: instances starting together
  // migrate one after another, and the later ones find nothing left to do.
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
    await migratePg(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER })
  } finally {
    // Ending the session releases the lock whatever happened above, so no explicit unlock is needed.
    await client.end()
  }
}
