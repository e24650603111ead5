import { type SQL, and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { ListOrganizationsQuery } from '../../../shared/schemas/organizations.js'
import { keysetPage, type SortSpec } from '../../platform/db/keyset.js'
import { defineQuery, likePattern, live, prefixTsQuery, rowsOf } from '../../platform/db/query.js'
import { versionedUpdate } from '../../platform/db/records.js'
import { contacts, interactions, opportunities, organizationColumns, type OrganizationRow, organizations } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'

export const ORGANIZATION_SORT_SPECS: Record<ListOrganizationsQuery['sort']['field'], SortSpec> = {
  name: { column: organizations.name, kind: 'text' },
  createdAt: { column: organizations.createdAt, kind: 'timestamp' },
  updatedAt: { column: organizations.updatedAt, kind: 'timestamp' },
}

/** Full-text prefix match on the search vector, or a substring match on the name (trigram index). */
export function organizationTextMatch(text: string): SQL {
  const tsQuery = prefixTsQuery(text)
  const substring = sql`${organizations.name} ILIKE ${likePattern(text)}`
  return tsQuery ? (or(sql`${organizations.searchVector} @@ to_tsquery('simple', ${tsQuery})`, substring) as SQL) : substring
}

/** The hot list query as a builder, so a test can pin its SQL (`.toSQL()`). */
export function organizationListQuery(db: Db, query: ListOrganizationsQuery, visibleTo: string | undefined) {
    const page = keysetPage({ ...query.sort, spec: ORGANIZATION_SORT_SPECS[query.sort.field], id: organizations.id, cursor: query.cursor })
    return db
      .select(organizationColumns)
      .from(organizations)
      .where(
        and(
          live(organizations),
          visibleTo ? eq(organizations.assignedUserId, visibleTo) : undefined,
          query.assignedUserId ? eq(organizations.assignedUserId, query.assignedUserId) : undefined,
          query.type ? inArray(organizations.type, query.type) : undefined,
          query.segment ? inArray(organizations.industrySegment, query.segment) : undefined,
          query.priority ? inArray(organizations.priorityLevel, query.priority) : undefined,
          query.q ? organizationTextMatch(query.q) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(query.limit + 1)
}

export const listOrganizations = defineQuery('organizations.list', async (db: Db, query: ListOrganizationsQuery, visibleTo: string | undefined) =>
  organizationListQuery(db, query, visibleTo),
)

/** One organization, live or soft-deleted, if the caller may see it. */
export const findOrganization = defineQuery(
  'organizations.byId',
  async (db: Db, id: string, visibleTo: string | undefined): Promise<OrganizationRow | undefined> => {
    const [row] = await db
      .select(organizationColumns)
      .from(organizations)
      .where(and(eq(organizations.id, id), visibleTo ? eq(organizations.assignedUserId, visibleTo) : undefined))
    return row
  },
)

export const organizationCounts = defineQuery('organizations.counts', async (db: Db, id: string, since: Date) => {
  const [row] = await rowsOf<{ contacts: number; interactionsLast90Days: number; openOpportunities: number }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM ${contacts} WHERE ${contacts.organizationId} = ${id} AND ${contacts.deletedAt} IS NULL) AS "contacts",
      (SELECT count(*)::int FROM ${interactions} WHERE ${interactions.organizationId} = ${id} AND ${interactions.deletedAt} IS NULL
         AND ${interactions.occurredAt} >= ${since.toISOString()}::timestamptz) AS "interactionsLast90Days",
      (SELECT count(*)::int FROM ${opportunities} WHERE ${opportunities.organizationId} = ${id} AND ${opportunities.deletedAt} IS NULL
         AND ${opportunities.stage} NOT IN ('closed_won', 'closed_lost')) AS "openOpportunities"`,
  )
  return row ?? { contacts: 0, interactionsLast90Days: 0, openOpportunities: 0 }
})

export const insertOrganization = defineQuery('organizations.insert', async (db: Db, values: typeof organizations.$inferInsert) => {
  const [row] = await db.insert(organizations).values(values).returning(organizationColumns)
  return row as OrganizationRow
})

export const updateOrganization = versionedUpdate(organizations)

/** Soft-deletes (or restores) the organization's children together with it, stamped with the same time. */
export const cascadeOrganizationDelete = defineQuery(
  'organizations.cascadeDelete',
  async (db: Db, organizationId: string, deletedAt: Date) => {
    for (const table of [interactions, opportunities, contacts]) {
      await db
        .update(table)
        .set({ deletedAt, version: sql`${table.version} + 1` })
        .where(and(eq(table.organizationId, organizationId), isNull(table.deletedAt)))
    }
  },
)

export const cascadeOrganizationRestore = defineQuery(
  'organizations.cascadeRestore',
  async (db: Db, organizationId: string, deletedAt: Date) => {
    for (const table of [contacts, opportunities, interactions]) {
      await db
        .update(table)
        .set({ deletedAt: null, version: sql`${table.version} + 1` })
        .where(and(eq(table.organizationId, organizationId), eq(table.deletedAt, deletedAt)))
    }
  },
)

/** Keeps the children's copy of the owner in step when an organization changes hands. */
export const reassignOrganizationChildren = defineQuery(
  'organizations.reassignChildren',
  async (db: Db, organizationId: string, ownerId: string | null) => {
    for (const table of [contacts, opportunities, interactions]) {
      await db.update(table).set({ ownerId }).where(eq(table.organizationId, organizationId))
    }
  },
)

/**
 * The live organization a child record hangs under, if the caller may see it. Write paths lock it
 * FOR SHARE: a concurrent reassignment (which updates this row) then waits, so the owner copied onto
 * the child is never stale.
 */
export const findParentOrganization = defineQuery(
  'organizations.parent',
  async (db: Db, id: string, visibleTo: string | undefined, options: { lock: boolean }) => {
    const query = db
      .select({ id: organizations.id, type: organizations.type, assignedUserId: organizations.assignedUserId })
      .from(organizations)
      .where(and(eq(organizations.id, id), isNull(organizations.deletedAt), visibleTo ? eq(organizations.assignedUserId, visibleTo) : undefined))
    const [row] = options.lock ? await query.for('share') : await query
    return row
  },
)
