import type { Contact, CreateContactInput, ListContactsQuery, PatchContactInput } from '../../../shared/schemas/contacts.js'
import { toPage } from '../../platform/db/keyset.js'
import { inTransaction } from '../../platform/db/query.js'
import { changeVersioned } from '../../platform/db/records.js'
import type { ContactRow } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'
import { type Actor, visibilityScope } from '../../platform/http/actor.js'
import { iso } from '../../platform/http/dto.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { requireParentOrganization } from '../organizations/parent.js'
import { clearOtherPrimaryContacts, findContact, insertContact, listContacts, updateContact } from './queries.js'

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: iso(row.deletedAt),
    version: row.version,
    organizationId: row.organizationId,
    firstName: row.firstName,
    lastName: row.lastName,
    title: row.title,
    email: row.email,
    phone: row.phone,
    isPrimary: row.isPrimary,
    notes: row.notes,
  }
}

export function createContactService(deps: { db: Db; clock: Clock; ids: Ids; touch: (ownerId: string | null, organizationId?: string) => void }) {
  const { db, clock, ids, touch } = deps

  async function visibleContact(executor: Db, actor: Actor, id: string, options: { deleted?: boolean } = {}) {
    const found = await findContact(executor, id, visibilityScope(actor))
    if (!found || Boolean(found.contact.deletedAt) !== Boolean(options.deleted) || found.organizationDeletedAt) {
      throw new NotFoundError('Contact')
    }
    return found.contact
  }

  function versioned(actor: Actor, current: ContactRow, expectedVersion?: number) {
    return {
      current,
      expectedVersion,
      update: updateContact,
      reload: (executor: Db) => findContact(executor, current.id, visibilityScope(actor)).then((found) => found?.contact ?? current),
      toDto: toContact,
    }
  }

  return {
    async list(actor: Actor, query: ListContactsQuery) {
      if (query.organizationId) await requireParentOrganization(db, actor, query.organizationId, { lock: false })
      const rows = await listContacts(db, query, visibilityScope(actor))
      const page = toPage(rows, query.limit, query.sort, (row) => row[query.sort.field])
      return { data: page.rows.map(toContact), nextCursor: page.nextCursor }
    },

    async get(actor: Actor, id: string) {
      return toContact(await visibleContact(db, actor, id))
    },

    async create(actor: Actor, input: CreateContactInput) {
      return inTransaction(db, async (tx) => {
        const organization = await requireParentOrganization(tx, actor, input.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        const now = clock.now()
        const id = ids.next()
        // One primary per organization (a partial unique index holds it): demote the others first.
        if (input.isPrimary) await clearOtherPrimaryContacts(tx, organization.id, id, now)
        const row = await insertContact(tx, { ...input, id, ownerId: organization.assignedUserId, createdAt: now, updatedAt: now })
        return toContact(row)
      })
    },

    async update(actor: Actor, id: string, input: PatchContactInput, expectedVersion?: number) {
      return inTransaction(db, async (tx) => {
        const current = await visibleContact(tx, actor, id)
        touch(current.ownerId, current.organizationId)
        const organization = await requireParentOrganization(tx, actor, input.organizationId ?? current.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        const now = clock.now()
        const isPrimary = input.isPrimary ?? current.isPrimary
        if (isPrimary) await clearOtherPrimaryContacts(tx, organization.id, id, now)
        const row = await changeVersioned(tx, versioned(actor, current, expectedVersion), {
          ...input,
          ownerId: organization.assignedUserId,
          updatedAt: now,
        })
        return toContact(row)
      })
    },

    async remove(actor: Actor, id: string, expectedVersion?: number) {
      await inTransaction(db, async (tx) => {
        const current = await visibleContact(tx, actor, id)
        touch(current.ownerId, current.organizationId)
        const now = clock.now()
        await changeVersioned(tx, versioned(actor, current, expectedVersion), { deletedAt: now, updatedAt: now })
      })
    },

    /** A restored primary contact takes the primary role back. */
    async restore(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        const current = await visibleContact(tx, actor, id, { deleted: true })
        touch(current.ownerId, current.organizationId)
        const organization = await requireParentOrganization(tx, actor, current.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        const now = clock.now()
        if (current.isPrimary) await clearOtherPrimaryContacts(tx, organization.id, id, now)
        const row = await changeVersioned(tx, versioned(actor, current), { deletedAt: null, ownerId: organization.assignedUserId, updatedAt: now })
        return toContact(row)
      })
    },
  }
}

export type ContactService = ReturnType<typeof createContactService>
