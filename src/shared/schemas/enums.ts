export const USER_ROLES = ['admin', 'manager', 'rep'] as const
export const ORGANIZATION_TYPES = ['operator', 'distributor', 'principal'] as const
export const INDUSTRY_SEGMENTS = [
  'fine_dining',
  'casual_dining',
  'fast_casual',
  'quick_service',
  'institutional',
  'healthcare',
  'education',
  'hospitality',
  'catering',
  'grocery_retail',
  'other',
] as const
export const PRIORITY_LEVELS = ['A', 'B', 'C', 'D'] as const
export const INTERACTION_TYPES = ['call', 'email', 'visit', 'meeting', 'sampling', 'demo', 'note'] as const
export const INTERACTION_OUTCOMES = ['positive', 'neutral', 'negative'] as const
export const OPPORTUNITY_STAGES = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
] as const

/** The probability a stage implies when none is given. */
export const STAGE_PROBABILITY: Record<(typeof OPPORTUNITY_STAGES)[number], number> = {
  prospecting: 10,
  qualification: 25,
  proposal: 50,
  negotiation: 75,
  closed_won: 100,
  closed_lost: 0,
}

export type UserRole = (typeof USER_ROLES)[number]
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number]

/** Maximum lengths shared by the zod schemas and the database columns. */
export const LIMITS = {
  email: 254,
  name: 200,
  personName: 100,
  shortText: 120,
  phone: 40,
  url: 500,
  postalCode: 20,
  longText: 10_000,
  search: 200,
  /** Cents: well inside bigint and JavaScript's safe integers. */
  maxCents: 1_000_000_000_000_00,
} as const
