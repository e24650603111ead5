import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { ListContactsQuery } from '../../../shared/schemas/contacts.js'
import { keysetPage, type SortSpec } from '../../platform/db/keyset.js'
import { defineQuery, likePattern, live, prefixTsQuery } from '../../platform/db/query.js'
import { versionedUpdate } from '../../platform/db/records.js'
import { contactColumns, type ContactRow, contacts, organizations } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'

export const CONTACT_SORT_SPECS: Record<ListContactsQuery['sort']['field'], SortSpec> = {
  lastName: { column: contacts.lastName, kind: 'text' },
  createdAt: { column: contacts.createdAt, kind: 'timestamp' },
  updatedAt: { column: contacts.updatedAt, kind: 'timestamp' },
}

export const listContacts = defineQuery('contacts.list', async (db: Db, query: ListContactsQuery, visibleTo: string | undefined) => {
  const page = keysetPage({ ...query.sort, spec: CONTACT_SORT_SPECS[query.sort.field], id: contacts.id, cursor: query.cursor })
  const tsQuery = query.q ? prefixTsQuery(query.q) : undefined
  const nameMatch = query.q ? sql`(${contacts.firstName} || ' ' || ${contacts.lastName}) ILIKE ${likePattern(query.q)}` : undefined
  return db
    .select(contactColumns)
    .from(contacts)
    .where(
      and(
        live(contacts),
        visibleTo ? eq(contacts.ownerId, visibleTo) : undefined,
        query.organizationId ? eq(contacts.organizationId, query.organizationId) : undefined,
        query.isPrimary === undefined ? undefined : eq(contacts.isPrimary, query.isPrimary),
        nameMatch ? (tsQuery ? or(sql`${contacts.searchVector} @@ to_tsquery('simple', ${tsQuery})`, nameMatch) : nameMatch) : undefined,
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(query.limit + 1)
})

/** A contact the caller may see (through its organization), live or deleted. */
export const findContact = defineQuery('contacts.byId', async (db: Db, id: string, visibleTo: string | undefined) => {
  const [row] = await db
    .select({ contact: contactColumns, organizationDeletedAt: organizations.deletedAt })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, id), visibleTo ? eq(organizations.assignedUserId, visibleTo) : undefined))
  return row
})

export const findContactInOrganization = defineQuery('contacts.inOrganization', async (db: Db, id: string, organizationId: string) => {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.organizationId, organizationId), isNull(contacts.deletedAt)))
  return row
})

export const insertContact = defineQuery('contacts.insert', async (db: Db, values: typeof contacts.$inferInsert) => {
  const [row] = await db.insert(contacts).values(values).returning(contactColumns)
  return row as ContactRow
})

export const updateContact = versionedUpdate(contacts)

/** Only one primary contact per organization: clears the flag on the others. */
export const clearOtherPrimaryContacts = defineQuery('contacts.clearPrimary', async (db: Db, organizationId: string, keepId: string, at: Date) => {
  await db
    .update(contacts)
    .set({ isPrimary: false, updatedAt: at, version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.isPrimary, true), sql`${contacts.id} <> ${keepId}`, isNull(contacts.deletedAt)))
})
