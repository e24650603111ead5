import { pgEnum } from 'drizzle-orm/pg-core'
import {
  INDUSTRY_SEGMENTS,
  INTERACTION_OUTCOMES,
  INTERACTION_TYPES,
  OPPORTUNITY_STAGES,
  ORGANIZATION_TYPES,
  PRIORITY_LEVELS,
  USER_ROLES,
} from '../../../../shared/schemas/enums.js'

export const userRole = pgEnum('user_role', USER_ROLES)
export const organizationType = pgEnum('organization_type', ORGANIZATION_TYPES)
export const industrySegment = pgEnum('industry_segment', INDUSTRY_SEGMENTS)
export const priorityLevel = pgEnum('priority_level', PRIORITY_LEVELS)
export const interactionType = pgEnum('interaction_type', INTERACTION_TYPES)
export const interactionOutcome = pgEnum('interaction_outcome', INTERACTION_OUTCOMES)
export const opportunityStage = pgEnum('opportunity_stage', OPPORTUNITY_STAGES)
