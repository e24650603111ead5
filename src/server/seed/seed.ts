import { faker } from '@faker-js/faker'
import { hash } from '@node-rs/argon2'
import { v7 as uuidv7 } from 'uuid'
import {
  INDUSTRY_SEGMENTS,
  INTERACTION_OUTCOMES,
  INTERACTION_TYPES,
  type OpportunityStage,
  STAGE_PROBABILITY,
} from '../../shared/schemas/enums.js'
import type { Database } from '../platform/db/types.js'

export const DEMO_PASSWORD = 'kitchen-pantry-demo'

export const SEED_SIZES = {
  S: { users: 5, organizations: 200, contactsPerOrganization: 5, interactionsPerOrganization: 20, opportunitiesPerOrganization: 2 },
  M: { users: 25, organizations: 5_000, contactsPerOrganization: 5, interactionsPerOrganization: 20, opportunitiesPerOrganization: 2 },
  L: { users: 100, organizations: 100_000, contactsPerOrganization: 5, interactionsPerOrganization: 20, opportunitiesPerOrganization: 2 },
} as const

export type SeedSize = keyof typeof SEED_SIZES

export interface SeedOptions {
  size: SeedSize
  /** Dates are spread over the year before this instant; the same reference gives the same data. */
  referenceDate: Date
  onProgress?: (event: { table: string; rows: number; totalRows: number }) => void
}

const CHUNK_ROWS = 20_000
const DAY_MS = 86_400_000
const STAGE_WEIGHTS: [OpportunityStage, number][] = [
  ['prospecting', 30],
  ['qualification', 20],
  ['proposal', 15],
  ['negotiation', 10],
  ['closed_won', 15],
  ['closed_lost', 10],
]

/** A small, fast, seeded generator for the millions of picks; faker (seeded) fills the word pools. */
function mulberry32(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function csvValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'string') return String(value)
  return /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value
}

function csvRow(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvValue).join(',')}\n`
}

/** Rows generated lazily and handed to COPY in chunks, so memory stays flat at any size. */
function* chunked(count: number, row: (index: number) => string): Generator<string> {
  let buffer = ''
  for (let index = 0; index < count; index++) {
    buffer += row(index)
    if ((index + 1) % CHUNK_ROWS === 0) {
      yield buffer
      buffer = ''
    }
  }
  if (buffer) yield buffer
}

export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const result = await database.executeSql('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM organizations) AS n')
  return Number((result.rows[0] as { n: number | string }).n) === 0
}

export async function resetDatabase(database: Database): Promise<void> {
  await database.executeSql('TRUNCATE interactions, opportunities, contacts, organizations, sessions, idempotency_keys, auth_events, users')
}

const BULK_TABLES = ['organizations', 'contacts', 'opportunities', 'interactions']

/**
 * For large loads: secondary indexes and foreign keys of the bulk tables are dropped, the rows
 * COPYed, then indexes rebuilt (two at a time) and foreign keys re-added and validated set-based —
 * far cheaper than maintaining them row by row. Returns the function that puts them back.
 */
async function suspendIndexesAndForeignKeys(database: Database): Promise<() => Promise<void>> {
  const tables = BULK_TABLES.map((name) => `'${name}'`).join(', ')
  const indexes = (
    await database.executeSql(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename IN (${tables})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    )
  ).rows as { name: string; definition: string }[]
  const foreignKeys = (
    await database.executeSql(
      `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.conrelid::regclass::text IN (${tables})`,
    )
  ).rows as { table: string; name: string; definition: string }[]
  for (const fk of foreignKeys) await database.executeSql(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`)
  for (const index of indexes) await database.executeSql(`DROP INDEX "${index.name}"`)

  return async () => {
    const queue = [...indexes]
    const worker = async () => {
      for (let index = queue.shift(); index; index = queue.shift()) {
        await database.executeSql(`SET maintenance_work_mem = '256MB'; ${index.definition}`)
      }
    }
    await Promise.all(database.kind === 'postgres' ? [worker(), worker()] : [worker()])
    for (const fk of foreignKeys) {
      await database.executeSql(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition} NOT VALID`)
      await database.executeSql(`ALTER TABLE ${fk.table} VALIDATE CONSTRAINT "${fk.name}"`)
    }
  }
}

/**
 * Loads a deterministic data set (faker seed 42) with COPY. Every size has the demo accounts:
 * admin@, manager@ and rep1@…repN@example.com, all with DEMO_PASSWORD.
 */
export async function seedDatabase(database: Database, options: SeedOptions): Promise<{ rows: Record<string, number> }> {
  const size = SEED_SIZES[options.size]
  const random = mulberry32(42)
  faker.seed(42)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const reference = options.referenceDate.getTime()
  const randomBytes = new Uint8Array(16)
  const id = (msecs: number) => {
    for (let i = 0; i < 16; i++) randomBytes[i] = Math.floor(random() * 256)
    return uuidv7({ msecs, random: randomBytes })
  }
  const pastTime = (maxDaysAgo: number) => reference - Math.floor(random() * maxDaysAgo * DAY_MS)
  const isoAt = (ms: number) => new Date(ms).toISOString()

  const pools = {
    firstNames: faker.helpers.multiple(() => faker.person.firstName(), { count: 500 }),
    lastNames: faker.helpers.multiple(() => faker.person.lastName(), { count: 1000 }),
    titles: ['Owner', 'Executive Chef', 'Sous Chef', 'General Manager', 'Purchasing Manager', 'Food Service Director', 'Kitchen Manager', 'Buyer', 'Operations Director', 'Dietitian'],
    cities: faker.helpers.multiple(() => faker.location.city(), { count: 400 }),
    regions: faker.helpers.multiple(() => faker.location.state({ abbreviated: true }), { count: 50 }),
    streets: faker.helpers.multiple(() => faker.location.streetAddress(), { count: 2000 }),
    companyWords: faker.helpers.multiple(() => faker.company.name(), { count: 3000 }),
    venueWords: ['Bistro', 'Grill', 'Kitchen', 'Café', 'Diner', 'Tavern', 'Eatery', 'Cantina', 'Trattoria', 'Brasserie', 'Hospital', 'Academy', 'Catering', 'Market', 'Hotel'],
    distributorWords: ['Foods', 'Food Service', 'Provisions', 'Supply', 'Distribution'],
    principalNames: ['Sysco', 'Tyson', 'McCain', 'Kraft Heinz', 'General Mills', 'Rich Products', 'Schwan', 'Lamb Weston', 'Conagra', 'Simplot', 'Hormel', 'Smithfield', 'Land O\'Lakes', 'Cargill', 'Nestlé Professional', 'Unilever Food Solutions'],
    subjects: ['Menu review', 'Product sampling', 'Quarterly check-in', 'Pricing discussion', 'New item pitch', 'Delivery issue follow-up', 'Chef tasting', 'Contract renewal', 'Introductory call', 'Trade show follow-up', 'Order review', 'Promotion planning'],
    notes: faker.helpers.multiple(() => faker.lorem.sentence({ min: 6, max: 16 }), { count: 500 }),
    products: ['Frozen Fries', 'Chicken Wings', 'Plant-Based Burgers', 'Pizza Cheese', 'Dinner Rolls', 'Seafood Program', 'Dessert Line', 'Breakfast Program', 'Sauces & Dressings', 'Produce Contract', 'Coffee Program', 'Snack Program'],
  }

  const rows: Record<string, number> = {}
  const totalRows =
    size.users +
    size.organizations * (1 + size.contactsPerOrganization + size.interactionsPerOrganization + size.opportunitiesPerOrganization)
  let loaded = 0
  const progress = (table: string, count: number) => {
    loaded += count
    rows[table] = (rows[table] ?? 0) + count
    options.onProgress?.({ table, rows: loaded, totalRows })
  }
  async function load(table: string, columns: readonly string[], chunks: Iterable<string>) {
    const counted = (function* () {
      for (const chunk of chunks) {
        yield chunk
        let lines = 0
        for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 10) lines++
        progress(table, lines)
      }
    })()
    await database.copyCsv(table, columns, counted)
  }

  // Users: admin, manager, then reps. One argon2id hash serves all: they share the demo password.
  const passwordHash = await hash(DEMO_PASSWORD)
  const userIds: string[] = []
  const reps: string[] = []
  const userRows: string[] = []
  for (let index = 0; index < size.users; index++) {
    const role = index === 0 ? 'admin' : index === 1 ? 'manager' : 'rep'
    const email = role === 'rep' ? `rep${index - 1}@example.com` : `${role}@example.com`
    const name = role === 'admin' ? 'Avery Admin' : role === 'manager' ? 'Morgan Manager' : `${pick(pools.firstNames)} ${pick(pools.lastNames)}`
    const userId = id(reference - 400 * DAY_MS + index)
    userIds.push(userId)
    if (role === 'rep') reps.push(userId)
    const created = isoAt(reference - 400 * DAY_MS)
    userRows.push(csvRow([userId, email, name, role, passwordHash, true, 0, created, created, 1]))
  }
  const restore = options.size === 'S' ? undefined : await suspendIndexesAndForeignKeys(database)
  try {
    await load('users', ['id', 'email', 'name', 'role', 'password_hash', 'is_active', 'failed_login_count', 'created_at', 'updated_at', 'version'], [userRows.join('')])

    // Organizations: ~2 % principals, ~5 % distributors, the rest operators; 3 % unassigned.
    const organizationIds: string[] = new Array(size.organizations)
    const principalIds: string[] = []
    const organizationOwner: (string | null)[] = new Array(size.organizations)
    const organizationChunks = chunked(size.organizations, (index) => {
      const roll = random()
      const type = roll < 0.02 ? 'principal' : roll < 0.07 ? 'distributor' : 'operator'
      const created = pastTime(365)
      const organizationId = id(created)
      organizationIds[index] = organizationId
      if (type === 'principal') principalIds.push(organizationId)
      const owner = random() < 0.03 || reps.length === 0 ? null : (reps[index % reps.length] as string)
      organizationOwner[index] = owner
      const city = pick(pools.cities)
      const name =
        type === 'principal'
          ? `${pools.principalNames[(principalIds.length - 1) % pools.principalNames.length]} ${pick(['Foodservice', 'Brands', 'Culinary', 'Professional'])}`
          : type === 'distributor'
            ? `${pick(pools.companyWords)} ${pick(pools.distributorWords)}`
            : `${pick(pools.lastNames)}'s ${pick(pools.venueWords)}`
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '')
      const segment = type === 'operator' ? pick(INDUSTRY_SEGMENTS) : 'other'
      const priorityRoll = random()
      const priority = priorityRoll < 0.12 ? 'A' : priorityRoll < 0.4 ? 'B' : priorityRoll < 0.8 ? 'C' : 'D'
      return csvRow([
        organizationId, name, type, segment, priority, owner,
        `info@${slug.slice(0, 40) || 'example'}.example.com`, `+1-555-${String(int(0, 9999)).padStart(4, '0')}`,
        `https://${slug.slice(0, 40) || 'example'}.example.com`, pick(pools.streets), city, pick(pools.regions),
        String(int(10000, 99999)), 'US', int(50, 5000) * 100_000, null, random() < 0.3 ? pick(pools.notes) : null,
        isoAt(created), isoAt(created + int(0, 30) * DAY_MS), 1,
      ])
    })
    await load(
      'organizations',
      ['id', 'name', 'type', 'industry_segment', 'priority_level', 'assigned_user_id', 'primary_email', 'primary_phone', 'website', 'street', 'city', 'region', 'postal_code', 'country', 'annual_revenue_cents', 'description', 'notes', 'created_at', 'updated_at', 'version'],
      organizationChunks,
    )

    const contactIds: string[] = new Array(size.organizations * size.contactsPerOrganization)
    await load(
      'contacts',
      ['id', 'organization_id', 'owner_id', 'first_name', 'last_name', 'title', 'email', 'phone', 'is_primary', 'notes', 'created_at', 'updated_at', 'version'],
      chunked(contactIds.length, (index) => {
        const organizationIndex = Math.floor(index / size.contactsPerOrganization)
        const created = pastTime(300)
        const contactId = id(created)
        contactIds[index] = contactId
        const firstName = pick(pools.firstNames)
        const lastName = pick(pools.lastNames)
        const email = `${firstName}.${lastName}.${index}@example.net`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
        return csvRow([
          contactId, organizationIds[organizationIndex], organizationOwner[organizationIndex], firstName, lastName, pick(pools.titles), email,
          `+1-555-${String(int(0, 9999)).padStart(4, '0')}`, index % size.contactsPerOrganization === 0,
          random() < 0.2 ? pick(pools.notes) : null, isoAt(created), isoAt(created), 1,
        ])
      }),
    )

    const opportunityIds: string[] = new Array(size.organizations * size.opportunitiesPerOrganization)
    const stageTotal = STAGE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)
    const pickStage = () => {
      let roll = random() * stageTotal
      for (const [stage, weight] of STAGE_WEIGHTS) {
        roll -= weight
        if (roll < 0) return stage
      }
      return 'prospecting' as OpportunityStage
    }
    await load(
      'opportunities',
      ['id', 'organization_id', 'owner_id', 'contact_id', 'principal_id', 'assigned_user_id', 'name', 'stage', 'value_cents', 'probability_percent', 'expected_close_date', 'closed_at', 'loss_reason', 'created_at', 'updated_at', 'version'],
      chunked(opportunityIds.length, (index) => {
        const organizationIndex = Math.floor(index / size.opportunitiesPerOrganization)
        const created = pastTime(365)
        const opportunityId = id(created)
        opportunityIds[index] = opportunityId
        const stage = pickStage()
        const isClosed = stage === 'closed_won' || stage === 'closed_lost'
        const closedAt = isClosed ? Math.min(reference, created + int(5, 120) * DAY_MS) : null
        const expectedClose = new Date(created + int(30, 180) * DAY_MS).toISOString().slice(0, 10)
        return csvRow([
          opportunityId, organizationIds[organizationIndex], organizationOwner[organizationIndex],
          contactIds[organizationIndex * size.contactsPerOrganization + int(0, size.contactsPerOrganization - 1)],
          principalIds.length > 0 && random() < 0.7 ? pick(principalIds) : null,
          organizationOwner[organizationIndex] ?? null,
          `${pick(pools.products)} — ${pick(['Q1', 'Q2', 'Q3', 'Q4'])} ${pick(['rollout', 'trial', 'renewal', 'expansion'])}`,
          stage, int(5, 2000) * 10_000, STAGE_PROBABILITY[stage], expectedClose,
          closedAt === null ? null : isoAt(closedAt), stage === 'closed_lost' ? pick(['Price', 'Went with competitor', 'No budget', 'Timing']) : null,
          isoAt(created), isoAt(closedAt ?? created), 1,
        ])
      }),
    )

    await load(
      'interactions',
      ['id', 'organization_id', 'owner_id', 'contact_id', 'opportunity_id', 'user_id', 'type', 'subject', 'notes', 'occurred_at', 'follow_up_at', 'outcome', 'created_at', 'updated_at', 'version'],
      chunked(size.organizations * size.interactionsPerOrganization, (index) => {
        const organizationIndex = Math.floor(index / size.interactionsPerOrganization)
        const occurred = pastTime(365)
        const author = organizationOwner[organizationIndex] ?? pick(userIds)
        const hasFollowUp = random() < 0.15
        return csvRow([
          id(occurred), organizationIds[organizationIndex], organizationOwner[organizationIndex],
          random() < 0.7 ? contactIds[organizationIndex * size.contactsPerOrganization + int(0, size.contactsPerOrganization - 1)] : null,
          random() < 0.2 ? opportunityIds[organizationIndex * size.opportunitiesPerOrganization + int(0, size.opportunitiesPerOrganization - 1)] : null,
          author, pick(INTERACTION_TYPES), pick(pools.subjects), random() < 0.6 ? pick(pools.notes) : null,
          isoAt(occurred), hasFollowUp ? isoAt(occurred + int(1, 30) * DAY_MS) : null,
          random() < 0.8 ? pick(INTERACTION_OUTCOMES) : null, isoAt(occurred), isoAt(occurred), 1,
        ])
      }),
    )
  } finally {
    // Even when a load fails, the schema gets its indexes and foreign keys back.
    if (restore) {
      options.onProgress?.({ table: 'indexes', rows: loaded, totalRows })
      await restore()
    }
  }
  await database.executeSql('ANALYZE')
  await database.executeSql('REFRESH MATERIALIZED VIEW dashboard_owner_figures')
  await database.executeSql('REFRESH MATERIALIZED VIEW dashboard_stage_figures')
  return { rows }
}
