import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { boolean, index, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { LIMITS } from '../../../../shared/schemas/enums.js'
import { recordColumns, tsvector } from './columns.js'
import { organizations } from './organizations.js'
import { users } from './users.js'

export const contacts = pgTable(
  'contacts',
  {
    ...recordColumns(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The organization's assigned user, copied here so a rep's lists need no join (kept in step by the services). */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    firstName: varchar('first_name', { length: LIMITS.personName }).notNull(),
    lastName: varchar('last_name', { length: LIMITS.personName }).notNull(),
    title: varchar('title', { length: LIMITS.shortText }),
    email: varchar('email', { length: LIMITS.email }),
    phone: varchar('phone', { length: LIMITS.phone }),
    isPrimary: boolean('is_primary').notNull().default(false),
    notes: text('notes'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('simple', coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '') || ' ' || coalesce(${contacts.email}, '') || ' ' || coalesce(${contacts.title}, ''))`,
    ),
  },
  (t) => [
    index('contacts_organization_idx').on(t.organizationId, t.lastName, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('contacts_owner_last_name_idx').on(t.ownerId, t.lastName, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('contacts_last_name_idx').on(t.lastName, t.firstName, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('contacts_created_at_idx').on(t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('contacts_email_lower_idx').on(sql`lower(${t.email})`).where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('contacts_one_primary_key').on(t.organizationId).where(sql`${t.isPrimary} AND ${t.deletedAt} IS NULL`),
    index('contacts_search_idx').using('gin', t.searchVector),
    index('contacts_name_trgm_idx').using('gin', sql`(${t.firstName} || ' ' || ${t.lastName}) gin_trgm_ops`),
  ],
)

/** Every column but the search vector, which only the database reads: what queries select and return. */
export const contactColumns = (() => {
  const { searchVector: _searchVector, ...columns } = getTableColumns(contacts)
  return columns
})()

export type ContactRow = Omit<typeof contacts.$inferSelect, 'searchVector'>
