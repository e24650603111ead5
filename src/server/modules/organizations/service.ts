import {
  type CreateOrganizationInput,
  type ListOrganizationsQuery,
  ORGANIZATION_DETAIL_ONLY_FIELDS,
  type Organization,
  type OrganizationDetail,
  type PatchOrganizationInput,
} from '../../../shared/schemas/organizations.js'
import type { Resource } from '../../platform/cache/changes.js'
import { toPage } from '../../platform/db/keyset.js'
import { inTransaction } from '../../platform/db/query.js'
import { changeVersioned } from '../../platform/db/records.js'
import type { OrganizationRow } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'
import { iso } from '../../platform/http/dto.js'
import { NotFoundError, ValidationError } from '../../platform/http/errors.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { findActiveUser } from '../users/queries.js'
import { type Actor, isRep, visibilityScope } from '../../platform/http/actor.js'
import {
  cascadeOrganizationDelete,
  cascadeOrganizationRestore,
  findOrganization,
  insertOrganization,
  listOrganizations,
  organizationCounts,
  reassignOrganizationChildren,
  updateOrganization,
} from './queries.js'

const NINETY_DAYS_MS = 90 * 24 * 3_600_000

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: iso(row.deletedAt),
    version: row.version,
    name: row.name,
    type: row.type,
    industrySegment: row.industrySegment,
    priorityLevel: row.priorityLevel,
    assignedUserId: row.assignedUserId,
    primaryEmail: row.primaryEmail,
    primaryPhone: row.primaryPhone,
    website: row.website,
    street: row.street,
    city: row.city,
    region: row.region,
    postalCode: row.postalCode,
    country: row.country,
    annualRevenueCents: row.annualRevenueCents,
    description: row.description,
    notes: row.notes,
  }
}

export function createOrganizationService(deps: { db: Db; clock: Clock; ids: Ids; touch: (ownerId: string | null, organizationId?: string, only?: readonly Resource[]) => void }) {
  const { db, clock, ids, touch } = deps

  /** A rep may only assign accounts to themselves; others may assign any active user (or nobody). */
  async function checkAssignee(actor: Actor, assignedUserId: string | null | undefined) {
    if (assignedUserId === undefined || assignedUserId === null) return
    if (isRep(actor) && assignedUserId !== actor.id) {
      throw new ValidationError([{ path: 'body.assignedUserId', message: 'Reps can assign organizations only to themselves' }])
    }
    if (!(await findActiveUser(db, assignedUserId))) {
      throw new ValidationError([{ path: 'body.assignedUserId', message: 'No active user with this id' }])
    }
  }

  async function visibleRow(executor: Db, actor: Actor, id: string, options: { deleted?: boolean } = {}) {
    const row = await findOrganization(executor, id, visibilityScope(actor))
    if (!row || Boolean(row.deletedAt) !== Boolean(options.deleted)) throw new NotFoundError('Organization')
    return row
  }

  function versioned(actor: Actor, current: OrganizationRow, expectedVersion?: number) {
    return {
      current,
      expectedVersion,
      update: updateOrganization,
      reload: (executor: Db) => findOrganization(executor, current.id, visibilityScope(actor)).then((row) => row ?? current),
      toDto: toOrganization,
    }
  }

  return {
    async list(actor: Actor, query: ListOrganizationsQuery) {
      const rows = await listOrganizations(db, query, visibilityScope(actor))
      const page = toPage(rows, query.limit, query.sort, (row) => row[query.sort.field])
      return { data: page.rows.map(toOrganization), nextCursor: page.nextCursor }
    },

    async get(actor: Actor, id: string): Promise<OrganizationDetail> {
      const row = await visibleRow(db, actor, id)
      const [counts, assignee] = await Promise.all([
        organizationCounts(db, id, new Date(clock.now().getTime() - NINETY_DAYS_MS)),
        row.assignedUserId ? findActiveUser(db, row.assignedUserId) : undefined,
      ])
      return { ...toOrganization(row), assignedUser: assignee ?? null, counts }
    },

    /** Throws NotFoundError unless the caller may see this live organization. */
    async assertVisible(actor: Actor, id: string) {
      await visibleRow(db, actor, id)
    },

    async create(actor: Actor, input: CreateOrganizationInput) {
      const assignedUserId = input.assignedUserId === undefined ? (isRep(actor) ? actor.id : null) : input.assignedUserId
      if (isRep(actor) && assignedUserId !== actor.id) {
        throw new ValidationError([{ path: 'body.assignedUserId', message: 'Reps can assign organizations only to themselves' }])
      }
      await checkAssignee(actor, assignedUserId)
      const now = clock.now()
      const row = await insertOrganization(db, { ...input, assignedUserId, id: ids.next(), createdAt: now, updatedAt: now })
      touch(row.assignedUserId, row.id)
      return toOrganization(row)
    },

    async update(actor: Actor, id: string, input: PatchOrganizationInput, expectedVersion?: number) {
      if (isRep(actor) && input.assignedUserId === null) {
        throw new ValidationError([{ path: 'body.assignedUserId', message: 'Reps can assign organizations only to themselves' }])
      }
      await checkAssignee(actor, input.assignedUserId)
      return inTransaction(db, async (tx) => {
        const current = await visibleRow(tx, actor, id)
        const row = await changeVersioned(tx, versioned(actor, current, expectedVersion), { ...input, updatedAt: clock.now() })
        const isReassigned = row.assignedUserId !== current.assignedUserId
        if (isReassigned) await reassignOrganizationChildren(tx, id, row.assignedUserId)
        // Notes and description show only in the detail: then only the detail (the organization's tag) changes.
        const isDetailOnly = !isReassigned && Object.keys(input).every((field) => ORGANIZATION_DETAIL_ONLY_FIELDS.has(field))
        touch(current.assignedUserId, current.id, isDetailOnly ? [] : undefined)
        touch(row.assignedUserId, row.id, isDetailOnly ? [] : undefined)
        return toOrganization(row)
      })
    },

    async remove(actor: Actor, id: string, expectedVersion?: number) {
      await inTransaction(db, async (tx) => {
        const current = await visibleRow(tx, actor, id)
        const now = clock.now()
        await changeVersioned(tx, versioned(actor, current, expectedVersion), { deletedAt: now, updatedAt: now })
        await cascadeOrganizationDelete(tx, id, now)
        touch(current.assignedUserId, current.id)
      })
    },

    async restore(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        const current = await visibleRow(tx, actor, id, { deleted: true })
        const row = await changeVersioned(tx, versioned(actor, current), { deletedAt: null, updatedAt: clock.now() })
        await cascadeOrganizationRestore(tx, id, current.deletedAt as Date)
        touch(current.assignedUserId, current.id)
        return toOrganization(row)
      })
    },
  }
}

export type OrganizationService = ReturnType<typeof createOrganizationService>
