import { and, eq, getTableColumns, gte, inArray, isNull, lte } from 'drizzle-orm'
import type { ListInteractionsQuery } from '../../../shared/schemas/interactions.js'
import { keysetPage, type SortSpec } from '../../platform/db/keyset.js'
import { defineQuery, live } from '../../platform/db/query.js'
import { versionedUpdate } from '../../platform/db/records.js'
import { type InteractionRow, interactions, opportunities, organizations } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'

export const INTERACTION_SORT_SPECS: Record<ListInteractionsQuery['sort']['field'], SortSpec> = {
  occurredAt: { column: interactions.occurredAt, kind: 'timestamp' },
  createdAt: { column: interactions.createdAt, kind: 'timestamp' },
}

const asDate = (value: string | undefined) => (value ? new Date(value) : undefined)

export const listInteractions = defineQuery(
  'interactions.list',
  async (db: Db, query: ListInteractionsQuery, visibleTo: string | undefined) => {
    const page = keysetPage({ ...query.sort, spec: INTERACTION_SORT_SPECS[query.sort.field], id: interactions.id, cursor: query.cursor })
    const occurredFrom = asDate(query.occurredFrom)
    const occurredTo = asDate(query.occurredTo)
    const followUpFrom = asDate(query.followUpFrom)
    const followUpTo = asDate(query.followUpTo)
    return db
      .select({ ...getTableColumns(interactions), organizationName: organizations.name })
      .from(interactions)
      .innerJoin(organizations, eq(organizations.id, interactions.organizationId))
      .where(
        and(
          live(interactions),
          visibleTo ? eq(interactions.ownerId, visibleTo) : undefined,
          query.organizationId ? eq(interactions.organizationId, query.organizationId) : undefined,
          query.contactId ? eq(interactions.contactId, query.contactId) : undefined,
          query.opportunityId ? eq(interactions.opportunityId, query.opportunityId) : undefined,
          query.userId ? eq(interactions.userId, query.userId) : undefined,
          query.type ? inArray(interactions.type, query.type) : undefined,
          occurredFrom ? gte(interactions.occurredAt, occurredFrom) : undefined,
          occurredTo ? lte(interactions.occurredAt, occurredTo) : undefined,
          followUpFrom ? gte(interactions.followUpAt, followUpFrom) : undefined,
          followUpTo ? lte(interactions.followUpAt, followUpTo) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(query.limit + 1)
  },
)

export const findInteraction = defineQuery('interactions.byId', async (db: Db, id: string, visibleTo: string | undefined) => {
  const [row] = await db
    .select({ interaction: interactions, organizationDeletedAt: organizations.deletedAt })
    .from(interactions)
    .innerJoin(organizations, eq(organizations.id, interactions.organizationId))
    .where(and(eq(interactions.id, id), visibleTo ? eq(organizations.assignedUserId, visibleTo) : undefined))
  return row
})

export const findOpportunityInOrganization = defineQuery(
  'interactions.opportunityInOrganization',
  async (db: Db, id: string, organizationId: string) => {
    const [row] = await db
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(and(eq(opportunities.id, id), eq(opportunities.organizationId, organizationId), isNull(opportunities.deletedAt)))
    return row
  },
)

export const insertInteraction = defineQuery('interactions.insert', async (db: Db, values: typeof interactions.$inferInsert) => {
  const [row] = await db.insert(interactions).values(values).returning()
  return row as InteractionRow
})

export const updateInteraction = versionedUpdate(interactions)
