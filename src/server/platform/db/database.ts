import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { once } from 'node:events'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import * as schema from './schema/index.js'
import type { Database, Db } from './types.js'

export type DatabaseOptions =
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { driver: 'postgres'; url: string; readUrl?: string; poolMax: number; onIdleError?: (error: Error) => void }

// node-postgres returns int8 and numeric as strings; our counts and cents fit in a double.
const INT8_OID = 20
const NUMERIC_OID = 1700
function parseBigNumber(value: string) {
  return Number(value)
}

function copyStatement(table: string, columns: readonly string[], source: string) {
  const quoted = columns.map((column) => `"${column}"`).join(', ')
  return `COPY "${table}" (${quoted}) FROM ${source} WITH (FORMAT csv)`
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.driver === 'pglite' ? openPglite(options) : openPostgres(options)
}

/** Drizzle's logger hook, pointed at whatever listener the monitor sets later. */
function queryLogger() {
  let listener: ((sql: string) => void) | undefined
  return {
    logger: { logQuery: (query: string) => listener?.(query) },
    setQueryListener(next: ((sql: string) => void) | undefined) {
      listener = next
    },
  }
}

async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [INT8_OID]: parseBigNumber, [NUMERIC_OID]: parseBigNumber },
  })
  const queries = queryLogger()
  const db = drizzlePglite({ client, schema, logger: queries.logger }) as unknown as Db
  return {
    kind: 'pglite',
    db,
    readDb: db,
    setQueryListener: queries.setQueryListener,
    poolStats: () => undefined,
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values)
      const results = await client.exec(text)
      return results.at(-1) ?? { rows: [] }
    },
    async copyCsv(table, columns, chunks) {
      const statement = copyStatement(table, columns, "'/dev/blob'")
      for (const chunk of chunks) await client.query(statement, [], { blob: new Blob([chunk]) })
    },
    async ping() {
      await client.query('SELECT 1')
    },
    async close() {
      if (!client.closed) await client.close()
    },
  }
}

function createPool(url: string, max: number, onIdleError: (error: Error) => void) {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser(oid, format) {
        if (oid === INT8_OID || oid === NUMERIC_OID) return parseBigNumber as never
        return pg.types.getTypeParser(oid, format)
      },
    },
  })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', onIdleError)
  return pool
}

async function openPostgres(options: { url: string; readUrl?: string; poolMax: number; onIdleError?: (error: Error) => void }): Promise<Database> {
  // Without a logger (scripts, tests) an idle-connection error is rethrown as a warning on stderr.
  const onIdleError = options.onIdleError ?? ((error: Error) => process.emitWarning(error))
  const pool = createPool(options.url, options.poolMax, onIdleError)
  const readPool = options.readUrl ? createPool(options.readUrl, options.poolMax, onIdleError) : undefined
  const queries = queryLogger()
  const db = drizzlePg({ client: pool, schema, logger: queries.logger }) as unknown as Db
  const readDb = readPool ? (drizzlePg({ client: readPool, schema, logger: queries.logger }) as unknown as Db) : db
  return {
    kind: 'postgres',
    url: options.url,
    db,
    readDb,
    setQueryListener: queries.setQueryListener,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async executeSql(text, values) {
      return pool.query(text, values as unknown[] | undefined)
    },
    async copyCsv(table, columns, chunks) {
      const connection = await pool.connect()
      try {
        const stream = connection.query(copyFrom(copyStatement(table, columns, 'STDIN')))
        const finished = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve)
          stream.on('error', reject)
        })
        for (const chunk of chunks) {
          if (!stream.write(chunk)) await once(stream, 'drain')
        }
        stream.end()
        await finished
      } finally {
        connection.release()
      }
    },
    async ping() {
      await pool.query('SELECT 1')
    },
    async close() {
      await Promise.all([pool.end(), readPool?.end()])
    },
  }
}
