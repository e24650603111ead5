import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema/index.js'

export type Schema = typeof schema

/** The Drizzle handle both drivers (PGlite and node-postgres) provide; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>

export type DriverKind = 'pglite' | 'postgres'

export interface QueryObserver {
  /** Runs one named query, timing it (and noting the SQL Drizzle sends for it). */
  observe<R>(name: string, run: () => Promise<R>): Promise<R>
}

export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export interface Database {
  readonly kind: DriverKind
  /** node-postgres only: the primary's URL, for work that needs its own connection (migrations). */
  readonly url?: string
  /** Primary: every write and every read that must see the caller's own writes. */
  readonly db: Db
  /** Replica when DATABASE_READ_URL is set, else the primary: dashboards and search. */
  readonly readDb: Db
  /** Plain SQL entry point for pg-boss (multi-statement scripts without parameters). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
  /** Bulk load for seeding: CSV chunks (no header) streamed into `table` by COPY. Names are constants. */
  copyCsv(table: string, columns: readonly string[], chunks: Iterable<string>): Promise<void>
  /** Receives the SQL text of every statement Drizzle sends (never the parameter values). */
  setQueryListener(listener: ((sql: string) => void) | undefined): void
  /** node-postgres pool gauges; undefined for PGlite. */
  poolStats(): PoolStats | undefined
  ping(): Promise<void>
  close(): Promise<void>
}
