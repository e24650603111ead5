import type {
  CreateInteractionInput,
  Interaction,
  InteractionListItem,
  ListInteractionsQuery,
  PatchInteractionInput,
} from '../../../shared/schemas/interactions.js'
import { toPage } from '../../platform/db/keyset.js'
import { inTransaction } from '../../platform/db/query.js'
import { changeVersioned } from '../../platform/db/records.js'
import type { InteractionRow } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'
import { type Actor, visibilityScope } from '../../platform/http/actor.js'
import { iso } from '../../platform/http/dto.js'
import { NotFoundError, ValidationError } from '../../platform/http/errors.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { findContactInOrganization } from '../contacts/queries.js'
import { requireParentOrganization } from '../organizations/parent.js'
import { findInteraction, findOpportunityInOrganization, insertInteraction, listInteractions, updateInteraction } from './queries.js'

export function toInteraction(row: InteractionRow): Interaction {
  return {
    id: row.id,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: iso(row.deletedAt),
    version: row.version,
    organizationId: row.organizationId,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    userId: row.userId,
    type: row.type,
    subject: row.subject,
    notes: row.notes,
    occurredAt: iso(row.occurredAt),
    followUpAt: iso(row.followUpAt),
    outcome: row.outcome,
  }
}

function toInteractionListItem(row: InteractionRow & { organizationName: string }): InteractionListItem {
  const item = toInteraction(row) as InteractionListItem
  item.organizationName = row.organizationName
  return item
}

export function createInteractionService(deps: { db: Db; clock: Clock; ids: Ids; touch: (ownerId: string | null, organizationId?: string) => void }) {
  const { db, clock, ids, touch } = deps

  async function visibleInteraction(executor: Db, actor: Actor, id: string, options: { deleted?: boolean } = {}) {
    const found = await findInteraction(executor, id, visibilityScope(actor))
    if (!found || Boolean(found.interaction.deletedAt) !== Boolean(options.deleted) || found.organizationDeletedAt) {
      throw new NotFoundError('Interaction')
    }
    return found.interaction
  }

  /** A newly linked contact or opportunity must belong to the interaction's organization. */
  async function checkLinks(executor: Db, organizationId: string, links: { contactId?: string | null; opportunityId?: string | null }) {
    if (links.contactId && !(await findContactInOrganization(executor, links.contactId, organizationId))) {
      throw new ValidationError([{ path: 'body.contactId', message: 'This contact does not belong to the organization' }])
    }
    if (links.opportunityId && !(await findOpportunityInOrganization(executor, links.opportunityId, organizationId))) {
      throw new ValidationError([{ path: 'body.opportunityId', message: 'This opportunity does not belong to the organization' }])
    }
  }

  function versioned(actor: Actor, current: InteractionRow, expectedVersion?: number) {
    return {
      current,
      expectedVersion,
      update: updateInteraction,
      reload: (executor: Db) => findInteraction(executor, current.id, visibilityScope(actor)).then((found) => found?.interaction ?? current),
      toDto: toInteraction,
    }
  }

  return {
    async list(actor: Actor, query: ListInteractionsQuery) {
      if (query.organizationId) await requireParentOrganization(db, actor, query.organizationId, { lock: false })
      const rows = await listInteractions(db, query, visibilityScope(actor))
      const page = toPage(rows, query.limit, query.sort, (row) => row[query.sort.field])
      return { data: page.rows.map(toInteractionListItem), nextCursor: page.nextCursor }
    },

    async get(actor: Actor, id: string) {
      return toInteraction(await visibleInteraction(db, actor, id))
    },

    async create(actor: Actor, input: CreateInteractionInput) {
      return inTransaction(db, async (tx) => {
        const organization = await requireParentOrganization(tx, actor, input.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        await checkLinks(tx, organization.id, input)
        const now = clock.now()
        const row = await insertInteraction(tx, {
          ...input,
          id: ids.next(),
          ownerId: organization.assignedUserId,
          userId: actor.id,
          occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
          followUpAt: input.followUpAt ? new Date(input.followUpAt) : null,
          createdAt: now,
          updatedAt: now,
        })
        return toInteraction(row)
      })
    },

    /** Links are checked only when they change, or all of them when the organization does. */
    async update(actor: Actor, id: string, input: PatchInteractionInput, expectedVersion?: number) {
      return inTransaction(db, async (tx) => {
        const current = await visibleInteraction(tx, actor, id)
        touch(current.ownerId, current.organizationId)
        const organization = await requireParentOrganization(tx, actor, input.organizationId ?? current.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        const isMoving = organization.id !== current.organizationId
        await checkLinks(tx, organization.id, {
          contactId: input.contactId === undefined ? (isMoving ? current.contactId : undefined) : input.contactId,
          opportunityId: input.opportunityId === undefined ? (isMoving ? current.opportunityId : undefined) : input.opportunityId,
        })
        const row = await changeVersioned(tx, versioned(actor, current, expectedVersion), {
          ...input,
          ownerId: organization.assignedUserId,
          occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined,
          followUpAt: input.followUpAt === undefined ? undefined : input.followUpAt ? new Date(input.followUpAt) : null,
          updatedAt: clock.now(),
        })
        return toInteraction(row)
      })
    },

    async remove(actor: Actor, id: string, expectedVersion?: number) {
      await inTransaction(db, async (tx) => {
        const current = await visibleInteraction(tx, actor, id)
        touch(current.ownerId, current.organizationId)
        const now = clock.now()
        await changeVersioned(tx, versioned(actor, current, expectedVersion), { deletedAt: now, updatedAt: now })
      })
    },

    async restore(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        const current = await visibleInteraction(tx, actor, id, { deleted: true })
        touch(current.ownerId, current.organizationId)
        const row = await changeVersioned(tx, versioned(actor, current), { deletedAt: null, updatedAt: clock.now() })
        return toInteraction(row)
      })
    },
  }
}

export type InteractionService = ReturnType<typeof createInteractionService>
