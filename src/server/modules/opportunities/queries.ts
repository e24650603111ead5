import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { ListOpportunitiesQuery } from '../../../shared/schemas/opportunities.js'
import { keysetPage, type SortSpec } from '../../platform/db/keyset.js'
import { defineQuery, likePattern, live, prefixTsQuery } from '../../platform/db/query.js'
import { versionedUpdate } from '../../platform/db/records.js'
import { opportunityColumns, type OpportunityRow, opportunities, organizations } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'

export const OPPORTUNITY_SORT_SPECS: Record<ListOpportunitiesQuery['sort']['field'], SortSpec> = {
  createdAt: { column: opportunities.createdAt, kind: 'timestamp' },
  updatedAt: { column: opportunities.updatedAt, kind: 'timestamp' },
  name: { column: opportunities.name, kind: 'text' },
  valueCents: { column: opportunities.valueCents, kind: 'number' },
}

export const listOpportunities = defineQuery(
  'opportunities.list',
  async (db: Db, query: ListOpportunitiesQuery, visibleTo: string | undefined) => {
    const page = keysetPage({ ...query.sort, spec: OPPORTUNITY_SORT_SPECS[query.sort.field], id: opportunities.id, cursor: query.cursor })
    const tsQuery = query.q ? prefixTsQuery(query.q) : undefined
    const nameMatch = query.q ? sql`${opportunities.name} ILIKE ${likePattern(query.q)}` : undefined
    return db
      .select({ ...opportunityColumns, organizationName: organizations.name })
      .from(opportunities)
      .innerJoin(organizations, eq(organizations.id, opportunities.organizationId))
      .where(
        and(
          live(opportunities),
          visibleTo ? eq(opportunities.ownerId, visibleTo) : undefined,
          query.organizationId ? eq(opportunities.organizationId, query.organizationId) : undefined,
          query.principalId ? eq(opportunities.principalId, query.principalId) : undefined,
          query.assignedUserId ? eq(opportunities.assignedUserId, query.assignedUserId) : undefined,
          query.stage ? inArray(opportunities.stage, query.stage) : undefined,
          query.minValueCents === undefined ? undefined : gte(opportunities.valueCents, query.minValueCents),
          query.expectedCloseFrom ? gte(opportunities.expectedCloseDate, query.expectedCloseFrom) : undefined,
          query.expectedCloseTo ? lte(opportunities.expectedCloseDate, query.expectedCloseTo) : undefined,
          nameMatch ? (tsQuery ? or(sql`${opportunities.searchVector} @@ to_tsquery('simple', ${tsQuery})`, nameMatch) : nameMatch) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(query.limit + 1)
  },
)

export const findOpportunity = defineQuery('opportunities.byId', async (db: Db, id: string, visibleTo: string | undefined) => {
  const [row] = await db
    .select({ opportunity: opportunityColumns, organizationDeletedAt: organizations.deletedAt })
    .from(opportunities)
    .innerJoin(organizations, eq(organizations.id, opportunities.organizationId))
    .where(and(eq(opportunities.id, id), visibleTo ? eq(organizations.assignedUserId, visibleTo) : undefined))
  return row
})

export const findPrincipal = defineQuery('opportunities.principal', async (db: Db, id: string) => {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.type, 'principal'), isNull(organizations.deletedAt)))
  return row
})

export const insertOpportunity = defineQuery('opportunities.insert', async (db: Db, values: typeof opportunities.$inferInsert) => {
  const [row] = await db.insert(opportunities).values(values).returning(opportunityColumns)
  return row as OpportunityRow
})

export const updateOpportunity = versionedUpdate(opportunities)
