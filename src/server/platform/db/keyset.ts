import { type AnyColumn, type SQL, asc, desc, sql } from 'drizzle-orm'
import { ValidationError } from '../http/errors.js'

export type SortValueKind = 'text' | 'timestamp' | 'number'

export interface SortSpec {
  column: AnyColumn
  kind: SortValueKind
}

export interface KeysetInput {
  /** The whitelisted sort field name, e.g. `name`; part of the cursor so a cursor cannot cross sorts. */
  field: string
  direction: 'asc' | 'desc'
  spec: SortSpec
  id: AnyColumn
  cursor?: string
}

interface CursorPayload {
  s: string
  v: string | number
  i: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function invalidCursor(): never {
  throw new ValidationError([{ path: 'querystring.cursor', message: 'Invalid cursor for this sort' }], 'Invalid cursor')
}

function decodeCursor(cursor: string, sortKey: string, kind: SortValueKind): CursorPayload {
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    invalidCursor()
  }
  if (typeof payload !== 'object' || payload === null) invalidCursor()
  const { s, v, i } = payload as Record<string, unknown>
  if (s !== sortKey || typeof i !== 'string' || !UUID.test(i)) invalidCursor()
  if (kind === 'number' ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string') invalidCursor()
  if (kind === 'timestamp' && Number.isNaN(Date.parse(v as string))) invalidCursor()
  if (kind === 'text' && (v as string).length > 1000) invalidCursor()
  return { s, v: v as string | number, i }
}

function sortKeyOf(input: Pick<KeysetInput, 'field' | 'direction'>) {
  return `${input.direction === 'desc' ? '-' : ''}${input.field}`
}

function typedValue(kind: SortValueKind, value: string | number): SQL {
  if (kind === 'timestamp') return sql`${value}::timestamptz`
  if (kind === 'number') return sql`${value}::numeric`
  return sql`${value}`
}

/** The keyset condition and ordering for one page: `(sort, id)` compared as a row, never OFFSET. */
export function keysetPage(input: KeysetInput): { where: SQL | undefined; orderBy: SQL[] } {
  const order = input.direction === 'desc' ? desc : asc
  const orderBy = [order(input.spec.column), order(input.id)]
  if (!input.cursor) return { where: undefined, orderBy }
  const payload = decodeCursor(input.cursor, sortKeyOf(input), input.spec.kind)
  const value = typedValue(input.spec.kind, payload.v)
  const where =
    input.direction === 'desc'
      ? sql`(${input.spec.column}, ${input.id}) < (${value}, ${payload.i}::uuid)`
      : sql`(${input.spec.column}, ${input.id}) > (${value}, ${payload.i}::uuid)`
  return { where, orderBy }
}

/** Trims the probe row (queries fetch `limit + 1`) and encodes the cursor of the last row kept. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  input: Pick<KeysetInput, 'field' | 'direction'>,
  sortValue: (row: T) => Date | string | number,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null }
  const page = rows.slice(0, limit)
  const last = page[page.length - 1] as T
  const raw = sortValue(last)
  const payload: CursorPayload = { s: sortKeyOf(input), v: raw instanceof Date ? raw.toISOString() : raw, i: last.id }
  return { rows: page, nextCursor: Buffer.from(JSON.stringify(payload)).toString('base64url') }
}
