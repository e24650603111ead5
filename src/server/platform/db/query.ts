import { type SQL, isNull, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Db, QueryObserver } from './types.js'

const OBSERVER = Symbol('kp.queryObserver')

type Observed = { [OBSERVER]?: QueryObserver }

/** Attaches the observer that times every named query run on this handle. */
export function observeQueries(db: Db, observer: QueryObserver): Db {
  ;(db as Observed)[OBSERVER] = observer
  return db
}

/**
 * A database call with a stable name: the name labels its timings and slow-query logs, so it never
 * contains values. Query functions take `db` (or a transaction) first.
 */
export function defineQuery<A extends unknown[], R>(name: string, run: (db: Db, ...args: A) => Promise<R>) {
  return async (db: Db, ...args: A): Promise<R> => {
    const observer = (db as Observed)[OBSERVER]
    return observer ? observer.observe(name, () => run(db, ...args)) : run(db, ...args)
  }
}

/** Runs `work` in a transaction whose handle keeps the parent's query observer. */
export async function inTransaction<R>(db: Db, work: (tx: Db) => Promise<R>): Promise<R> {
  const observer = (db as Observed)[OBSERVER]
  return db.transaction(async (tx) => {
    const handle = tx as unknown as Db
    if (observer) (handle as Observed)[OBSERVER] = observer
    return work(handle)
  })
}

/** Rows that are not soft-deleted. */
export function live(table: { deletedAt: PgColumn }): SQL {
  return isNull(table.deletedAt)
}

/** `execute` answers differently per driver; both carry `rows`. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/**
 * A prefix full-text query built from letters and digits only, e.g. `sys co` → `sys:* & co:*`,
 * so no user text is ever parsed as tsquery syntax. Undefined when nothing searchable remains.
 */
export function prefixTsQuery(text: string): string | undefined {
  const terms = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8)
  if (terms.length === 0) return undefined
  return terms.map((term) => `${term}:*`).join(' & ')
}
