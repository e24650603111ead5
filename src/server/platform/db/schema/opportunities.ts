import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core'
import { LIMITS } from '../../../../shared/schemas/enums.js'
import { contacts } from './contacts.js'
import { recordColumns, tsvector } from './columns.js'
import { opportunityStage } from './enums.js'
import { organizations } from './organizations.js'
import { users } from './users.js'

export const opportunities = pgTable(
  'opportunities',
  {
    ...recordColumns(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The organization's assigned user, copied for a rep's lists (see contacts.owner_id). */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id),
    principalId: uuid('principal_id').references(() => organizations.id),
    assignedUserId: uuid('assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
    name: varchar('name', { length: LIMITS.name }).notNull(),
    stage: opportunityStage('stage').notNull().default('prospecting'),
    valueCents: bigint('value_cents', { mode: 'number' }).notNull().default(0),
    probabilityPercent: integer('probability_percent').notNull().default(10),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    lossReason: text('loss_reason'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('simple', coalesce(${opportunities.name}, ''))`,
    ),
  },
  (t) => [
    index('opportunities_org_idx').on(t.organizationId, t.updatedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_owner_updated_idx').on(t.ownerId, t.updatedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_stage_idx').on(t.stage, t.updatedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_assigned_idx').on(t.assignedUserId, t.stage).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_updated_at_idx').on(t.updatedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_created_at_idx').on(t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_principal_idx').on(t.principalId).where(sql`${t.principalId} IS NOT NULL`),
    index('opportunities_search_idx').using('gin', t.searchVector),
    check('opportunities_probability_check', sql`${t.probabilityPercent} BETWEEN 0 AND 100`),
    check('opportunities_value_check', sql`${t.valueCents} >= 0`),
    check(
      'opportunities_closed_check',
      sql`(${t.stage} IN ('closed_won', 'closed_lost')) = (${t.closedAt} IS NOT NULL)`,
    ),
  ],
)

/** Every column but the search vector, which only the database reads: what queries select and return. */
export const opportunityColumns = (() => {
  const { searchVector: _searchVector, ...columns } = getTableColumns(opportunities)
  return columns
})()

export type OpportunityRow = Omit<typeof opportunities.$inferSelect, 'searchVector'>
