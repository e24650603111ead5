import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core'
import { LIMITS } from '../../../../shared/schemas/enums.js'
import { recordColumns, tsvector } from './columns.js'
import { industrySegment, organizationType, priorityLevel } from './enums.js'
import { users } from './users.js'

export const organizations = pgTable(
  'organizations',
  {
    ...recordColumns(),
    name: varchar('name', { length: LIMITS.name }).notNull(),
    type: organizationType('type').notNull().default('operator'),
    industrySegment: industrySegment('industry_segment').notNull().default('other'),
    priorityLevel: priorityLevel('priority_level').notNull().default('C'),
    assignedUserId: uuid('assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
    primaryEmail: varchar('primary_email', { length: LIMITS.email }),
    primaryPhone: varchar('primary_phone', { length: LIMITS.phone }),
    website: varchar('website', { length: LIMITS.url }),
    street: varchar('street', { length: LIMITS.shortText }),
    city: varchar('city', { length: LIMITS.shortText }),
    region: varchar('region', { length: LIMITS.shortText }),
    postalCode: varchar('postal_code', { length: LIMITS.postalCode }),
    country: varchar('country', { length: LIMITS.shortText }),
    annualRevenueCents: bigint('annual_revenue_cents', { mode: 'number' }),
    description: text('description'),
    notes: text('notes'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('simple', coalesce(${organizations.name}, '') || ' ' || coalesce(${organizations.city}, '') || ' ' || coalesce(${organizations.region}, '') || ' ' || coalesce(${organizations.primaryEmail}, ''))`,
    ),
  },
  (t) => [
    index('organizations_name_idx').on(t.name, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('organizations_created_at_idx').on(t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('organizations_updated_at_idx').on(t.updatedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('organizations_assigned_name_idx').on(t.assignedUserId, t.name, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('organizations_priority_name_idx').on(t.priorityLevel, t.name, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('organizations_search_idx').using('gin', t.searchVector),
    index('organizations_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    check('organizations_annual_revenue_check', sql`${t.annualRevenueCents} IS NULL OR ${t.annualRevenueCents} >= 0`),
  ],
)

/** Every column but the search vector, which only the database reads: what queries select and return. */
export const organizationColumns = (() => {
  const { searchVector: _searchVector, ...columns } = getTableColumns(organizations)
  return columns
})()

export type OrganizationRow = Omit<typeof organizations.$inferSelect, 'searchVector'>
