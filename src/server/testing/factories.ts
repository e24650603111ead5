import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { contacts, interactions, opportunities, organizations, users } from '../platform/db/schema/index.js'
import type { Db } from '../platform/db/types.js'

/** Inserted straight through Drizzle: fixtures for one test, never a shared seed. */
export type TestUser = typeof users.$inferSelect

export async function makeUser(db: Db, overrides: Partial<typeof users.$inferInsert> = {}): Promise<TestUser> {
  const [row] = await db
    .insert(users)
    .values({
      id: uuidv7(),
      email: `${faker.string.alphanumeric(10).toLowerCase()}@test.example.com`,
      name: faker.person.fullName(),
      role: 'rep',
      passwordHash: 'not-a-real-hash',
      ...overrides,
    })
    .returning()
  return row as TestUser
}

export async function makeOrganization(db: Db, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const [row] = await db
    .insert(organizations)
    .values({ id: uuidv7(), name: `${faker.company.name()} ${faker.string.alphanumeric(4)}`, type: 'operator', ...overrides })
    .returning()
  return row as typeof organizations.$inferSelect
}

/** Children carry their organization's owner, as the services keep it. */
async function ownerOf(db: Db, organizationId: string) {
  const [row] = await db.select({ ownerId: organizations.assignedUserId }).from(organizations).where(eq(organizations.id, organizationId))
  return row?.ownerId ?? null
}

export async function makeContact(db: Db, organizationId: string, overrides: Partial<typeof contacts.$inferInsert> = {}) {
  const [row] = await db
    .insert(contacts)
    .values({ id: uuidv7(), organizationId, ownerId: await ownerOf(db, organizationId), firstName: faker.person.firstName(), lastName: faker.person.lastName(), ...overrides })
    .returning()
  return row as typeof contacts.$inferSelect
}

export async function makeInteraction(
  db: Db,
  organizationId: string,
  userId: string,
  overrides: Partial<typeof interactions.$inferInsert> = {},
) {
  const [row] = await db
    .insert(interactions)
    .values({ id: uuidv7(), organizationId, ownerId: await ownerOf(db, organizationId), userId, type: 'call', subject: 'Check-in', occurredAt: new Date('2026-03-01T10:00:00Z'), ...overrides })
    .returning()
  return row as typeof interactions.$inferSelect
}

export async function makeOpportunity(db: Db, organizationId: string, overrides: Partial<typeof opportunities.$inferInsert> = {}) {
  const [row] = await db
    .insert(opportunities)
    .values({ id: uuidv7(), organizationId, ownerId: await ownerOf(db, organizationId), name: `${faker.commerce.productName()} deal`, valueCents: 100_000, ...overrides })
    .returning()
  return row as typeof opportunities.$inferSelect
}
