import { type OpportunityStage, STAGE_PROBABILITY } from '../../../shared/schemas/enums.js'
import type {
  CreateOpportunityInput,
  ListOpportunitiesQuery,
  Opportunity,
  OpportunityListItem,
  PatchOpportunityInput,
} from '../../../shared/schemas/opportunities.js'
import { toPage } from '../../platform/db/keyset.js'
import { inTransaction } from '../../platform/db/query.js'
import { changeVersioned } from '../../platform/db/records.js'
import type { OpportunityRow } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'
import { type Actor, isRep, visibilityScope } from '../../platform/http/actor.js'
import { iso } from '../../platform/http/dto.js'
import { NotFoundError, ValidationError } from '../../platform/http/errors.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { findContactInOrganization } from '../contacts/queries.js'
import { requireParentOrganization } from '../organizations/parent.js'
import { findActiveUser } from '../users/queries.js'
import { findOpportunity, findPrincipal, insertOpportunity, listOpportunities, updateOpportunity } from './queries.js'

const isClosed = (stage: OpportunityStage) => stage === 'closed_won' || stage === 'closed_lost'

export function toOpportunity(row: OpportunityRow): Opportunity {
  return {
    id: row.id,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: iso(row.deletedAt),
    version: row.version,
    organizationId: row.organizationId,
    contactId: row.contactId,
    principalId: row.principalId,
    assignedUserId: row.assignedUserId,
    name: row.name,
    stage: row.stage,
    valueCents: row.valueCents,
    probabilityPercent: row.probabilityPercent,
    expectedCloseDate: row.expectedCloseDate,
    closedAt: iso(row.closedAt),
    lossReason: row.lossReason,
  }
}

function toOpportunityListItem(row: OpportunityRow & { organizationName: string }): OpportunityListItem {
  const item = toOpportunity(row) as OpportunityListItem
  item.organizationName = row.organizationName
  return item
}

export function createOpportunityService(deps: { db: Db; clock: Clock; ids: Ids; touch: (ownerId: string | null, organizationId?: string) => void }) {
  const { db, clock, ids, touch } = deps

  async function visibleOpportunity(executor: Db, actor: Actor, id: string, options: { deleted?: boolean } = {}) {
    const found = await findOpportunity(executor, id, visibilityScope(actor))
    if (!found || Boolean(found.opportunity.deletedAt) !== Boolean(options.deleted) || found.organizationDeletedAt) {
      throw new NotFoundError('Opportunity')
    }
    return found.opportunity
  }

  /** Newly set links must make sense: the contact belongs to the organization, the principal is one. */
  async function checkLinks(executor: Db, actor: Actor, organizationId: string, links: { contactId?: string | null; principalId?: string | null; assignedUserId?: string | null }) {
    if (links.contactId && !(await findContactInOrganization(executor, links.contactId, organizationId))) {
      throw new ValidationError([{ path: 'body.contactId', message: 'This contact does not belong to the organization' }])
    }
    if (links.principalId && !(await findPrincipal(executor, links.principalId))) {
      throw new ValidationError([{ path: 'body.principalId', message: 'Must be an organization of type principal' }])
    }
    if (links.assignedUserId !== undefined && isRep(actor) && links.assignedUserId !== actor.id) {
      throw new ValidationError([{ path: 'body.assignedUserId', message: 'Reps can assign opportunities only to themselves' }])
    }
    if (links.assignedUserId && !(await findActiveUser(executor, links.assignedUserId))) {
      throw new ValidationError([{ path: 'body.assignedUserId', message: 'No active user with this id' }])
    }
  }

  function versioned(actor: Actor, current: OpportunityRow, expectedVersion?: number) {
    return {
      current,
      expectedVersion,
      update: updateOpportunity,
      reload: (executor: Db) => findOpportunity(executor, current.id, visibilityScope(actor)).then((found) => found?.opportunity ?? current),
      toDto: toOpportunity,
    }
  }

  return {
    async list(actor: Actor, query: ListOpportunitiesQuery) {
      if (query.organizationId) await requireParentOrganization(db, actor, query.organizationId, { lock: false })
      const rows = await listOpportunities(db, query, visibilityScope(actor))
      const page = toPage(rows, query.limit, query.sort, (row) => row[query.sort.field])
      return { data: page.rows.map(toOpportunityListItem), nextCursor: page.nextCursor }
    },

    async get(actor: Actor, id: string) {
      return toOpportunity(await visibleOpportunity(db, actor, id))
    },

    async create(actor: Actor, input: CreateOpportunityInput) {
      return inTransaction(db, async (tx) => {
        const organization = await requireParentOrganization(tx, actor, input.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        await checkLinks(tx, actor, organization.id, input)
        const now = clock.now()
        const row = await insertOpportunity(tx, {
          ...input,
          id: ids.next(),
          ownerId: organization.assignedUserId,
          assignedUserId: input.assignedUserId === undefined ? (organization.assignedUserId ?? actor.id) : input.assignedUserId,
          probabilityPercent: input.probabilityPercent ?? STAGE_PROBABILITY[input.stage],
          closedAt: isClosed(input.stage) ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        return toOpportunity(row)
      })
    },

    /** A stage change stamps or clears closedAt and sets the stage's probability unless one is given. */
    async update(actor: Actor, id: string, input: PatchOpportunityInput, expectedVersion?: number) {
      return inTransaction(db, async (tx) => {
        const current = await visibleOpportunity(tx, actor, id)
        touch(current.ownerId, current.organizationId)
        const organization = await requireParentOrganization(tx, actor, input.organizationId ?? current.organizationId, { lock: true })
        touch(organization.assignedUserId, organization.id)
        const isMoving = organization.id !== current.organizationId
        await checkLinks(tx, actor, organization.id, {
          contactId: input.contactId === undefined ? (isMoving ? current.contactId : undefined) : input.contactId,
          principalId: input.principalId,
          assignedUserId: input.assignedUserId,
        })
        const now = clock.now()
        const stage = input.stage ?? current.stage
        const row = await changeVersioned(tx, versioned(actor, current, expectedVersion), {
          ...input,
          ownerId: organization.assignedUserId,
          ...(stage !== current.stage
            ? { closedAt: isClosed(stage) ? now : null, probabilityPercent: input.probabilityPercent ?? STAGE_PROBABILITY[stage] }
            : {}),
          updatedAt: now,
        })
        return toOpportunity(row)
      })
    },

    async remove(actor: Actor, id: string, expectedVersion?: number) {
      await inTransaction(db, async (tx) => {
        const current = await visibleOpportunity(tx, actor, id)
        touch(current.ownerId, current.organizationId)
        const now = clock.now()
        await changeVersioned(tx, versioned(actor, current, expectedVersion), { deletedAt: now, updatedAt: now })
      })
    },

    async restore(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        const current = await visibleOpportunity(tx, actor, id, { deleted: true })
        touch(current.ownerId, current.organizationId)
        const row = await changeVersioned(tx, versioned(actor, current), { deletedAt: null, updatedAt: clock.now() })
        return toOpportunity(row)
      })
    },
  }
}

export type OpportunityService = ReturnType<typeof createOpportunityService>
