import { and, eq, ilike, or, sql } from 'drizzle-orm'
import type { ListUsersQuery } from '../../../shared/schemas/users.js'
import { keysetPage, type SortSpec } from '../../platform/db/keyset.js'
import { defineQuery, likePattern, live } from '../../platform/db/query.js'
import { versionedUpdate } from '../../platform/db/records.js'
import { sessions, type UserRow, users } from '../../platform/db/schema/index.js'

export const USER_SORT_SPECS: Record<ListUsersQuery['sort']['field'], SortSpec> = {
  name: { column: users.name, kind: 'text' },
  email: { column: users.email, kind: 'text' },
  createdAt: { column: users.createdAt, kind: 'timestamp' },
}

export const listUsers = defineQuery('users.list', async (db, query: ListUsersQuery) => {
  const page = keysetPage({ ...query.sort, spec: USER_SORT_SPECS[query.sort.field], id: users.id, cursor: query.cursor })
  return db
    .select()
    .from(users)
    .where(
      and(
        live(users),
        page.where,
        query.role ? eq(users.role, query.role) : undefined,
        query.isActive === undefined ? undefined : eq(users.isActive, query.isActive),
        query.q ? or(ilike(users.name, likePattern(query.q)), ilike(users.email, likePattern(query.q))) : undefined,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(query.limit + 1)
})

export const findUserById = defineQuery('users.byId', async (db, id: string): Promise<UserRow | undefined> => {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), live(users)))
  return row
})

export const findUserByEmail = defineQuery('users.byEmail', async (db, email: string): Promise<UserRow | undefined> => {
  const [row] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, live(users)))
  return row
})

export const insertUser = defineQuery('users.insert', async (db, values: typeof users.$inferInsert) => {
  const [row] = await db.insert(users).values(values).returning()
  return row as UserRow
})

export const updateUser = versionedUpdate(users)

/** An active user, for assignments and dashboard scopes. */
export const findActiveUser = defineQuery('users.active', async (db, id: string) => {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, id), eq(users.isActive, true), live(users)))
  return row
})

export const deleteUserSessions = defineQuery('users.deleteSessions', async (db, userId: string) => {
  await db.delete(sessions).where(eq(sessions.userId, userId))
})
