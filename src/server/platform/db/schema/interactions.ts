import { sql } from 'drizzle-orm'
import { index, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core'
import { LIMITS } from '../../../../shared/schemas/enums.js'
import { contacts } from './contacts.js'
import { recordColumns } from './columns.js'
import { interactionOutcome, interactionType } from './enums.js'
import { opportunities } from './opportunities.js'
import { organizations } from './organizations.js'
import { users } from './users.js'

export const interactions = pgTable(
  'interactions',
  {
    ...recordColumns(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The organization's assigned user, copied for a rep's lists (see contacts.owner_id). */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    type: interactionType('type').notNull(),
    subject: varchar('subject', { length: LIMITS.name }).notNull(),
    notes: text('notes'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    followUpAt: timestamp('follow_up_at', { withTimezone: true, mode: 'date' }),
    outcome: interactionOutcome('outcome'),
  },
  // Ascending indexes: a backward scan serves ORDER BY … DESC (NULLS FIRST) exactly.
  (t) => [
    index('interactions_org_timeline_idx')
      .on(t.organizationId, t.occurredAt, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('interactions_occurred_at_idx').on(t.occurredAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('interactions_owner_occurred_idx').on(t.ownerId, t.occurredAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('interactions_user_occurred_idx').on(t.userId, t.occurredAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('interactions_contact_idx').on(t.contactId).where(sql`${t.contactId} IS NOT NULL`),
    index('interactions_opportunity_idx').on(t.opportunityId).where(sql`${t.opportunityId} IS NOT NULL`),
    index('interactions_follow_up_idx')
      .on(t.userId, t.followUpAt)
      .where(sql`${t.followUpAt} IS NOT NULL AND ${t.deletedAt} IS NULL`),
  ],
)

export type InteractionRow = typeof interactions.$inferSelect
