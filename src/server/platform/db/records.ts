import { and, eq, getTableName } from 'drizzle-orm'
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core'
import { ConflictError } from '../http/errors.js'
import { defineQuery } from './query.js'
import type { Db } from './types.js'

/** A CRM table: id, version, audit times and soft delete (DESIGN.md §2). */
export type RecordTable = PgTable & {
  id: PgColumn
  version: PgColumn
  updatedAt: PgColumn
  deletedAt: PgColumn
}

/**
 * `<table>.update`: changes one row only if it still has `version`, bumping it. Undefined means
 * someone else changed it first, which services turn into a 412 with the current record.
 */
export function versionedUpdate<T extends RecordTable>(table: T) {
  return defineQuery(
    `${getTableName(table)}.update`,
    async (db: Db, id: string, version: number, values: PgUpdateSetSource<T>): Promise<T['$inferSelect'] | undefined> => {
      const rows = (await db
        .update(table)
        .set({ ...values, version: version + 1 } as PgUpdateSetSource<T>)
        .where(and(eq(table.id, id), eq(table.version, version)))
        .returning()) as T['$inferSelect'][]
      return rows[0]
    },
  )
}

export interface VersionedRow {
  id: string
  version: number
}

/**
 * The one path every change to a versioned record takes: a stale `If-Match` or a concurrent writer
 * (zero rows updated) is a 412 carrying the record as it now is.
 */
export async function changeVersioned<Row extends VersionedRow, Values>(
  db: Db,
  record: {
    current: Row
    expectedVersion?: number
    update: (db: Db, id: string, version: number, values: Values) => Promise<Row | undefined>
    reload: (db: Db) => Promise<Row>
    toDto: (row: Row) => unknown
  },
  values: Values,
): Promise<Row> {
  const { current, expectedVersion, update, reload, toDto } = record
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw new ConflictError(toDto(current))
  const row = await update(db, current.id, current.version, values)
  if (!row) throw new ConflictError(toDto(await reload(db)))
  return row
}
