import { hash } from '@node-rs/argon2'
import type { CreateUserInput, ListUsersQuery, PatchUserInput, User } from '../../../shared/schemas/users.js'
import { toPage } from '../../platform/db/keyset.js'
import { inTransaction } from '../../platform/db/query.js'
import { changeVersioned } from '../../platform/db/records.js'
import type { UserRow } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'
import type { Actor } from '../../platform/http/actor.js'
import { iso } from '../../platform/http/dto.js'
import { DuplicateError, NotFoundError, ValidationError } from '../../platform/http/errors.js'
import type { Clock, Ids } from '../../platform/runtime/runtime.js'
import { deleteUserSessions, findUserByEmail, findUserById, insertUser, listUsers, updateUser } from './queries.js'

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: iso(row.deletedAt),
    version: row.version,
    email: row.email,
    name: row.name,
    role: row.role,
    isActive: row.isActive,
    lastLoginAt: iso(row.lastLoginAt),
  }
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id.
  return hash(password)
}

export function createUserService(deps: { db: Db; clock: Clock; ids: Ids; touch?: (ownerId: string | null, organizationId?: string) => void; touchUsers?: () => void }) {
  const { db, clock, ids } = deps

  async function load(executor: Db, id: string) {
    const row = await findUserById(executor, id)
    if (!row) throw new NotFoundError('User')
    return row
  }

  return {
    async list(query: ListUsersQuery) {
      const rows = await listUsers(db, query)
      const page = toPage(rows, query.limit, query.sort, (row) => row[query.sort.field])
      return { data: page.rows.map(toUser), nextCursor: page.nextCursor }
    },

    async get(id: string) {
      return toUser(await load(db, id))
    },

    async create(input: CreateUserInput) {
      if (await findUserByEmail(db, input.email)) throw new DuplicateError('A user with this e-mail already exists')
      const now = clock.now()
      const row = await insertUser(db, {
        id: ids.next(),
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        createdAt: now,
        updatedAt: now,
      })
      return toUser(row)
    },

    /** A new password or deactivation ends the user's sessions in the same transaction. */
    async update(actor: Actor, id: string, input: PatchUserInput, expectedVersion?: number) {
      if (id === actor.id && ((input.role !== undefined && input.role !== 'admin') || input.isActive === false)) {
        throw new ValidationError([{ path: 'body.role', message: 'Admins cannot demote or deactivate themselves' }])
      }
      const passwordHash = input.password ? await hashPassword(input.password) : undefined
      return inTransaction(db, async (tx) => {
        const current = await load(tx, id)
        const row = await changeVersioned(
          tx,
          { current, expectedVersion, update: updateUser, reload: (executor) => load(executor, id), toDto: toUser },
          {
            name: input.name,
            role: input.role,
            isActive: input.isActive,
            ...(passwordHash ? { passwordHash, failedLoginCount: 0, lockedUntil: null } : {}),
            updatedAt: clock.now(),
          },
        )
        if (passwordHash || input.isActive === false) await deleteUserSessions(tx, id)
        // Their name shows in the detail of the accounts they own.
        deps.touch?.(id)
        deps.touchUsers?.()
        return toUser(row)
      })
    },
  }
}

export type UserService = ReturnType<typeof createUserService>
