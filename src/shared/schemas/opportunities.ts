import { z } from 'zod'
import {
  centsSchema,
  cursorSchema,
  enumList,
  idSchema,
  limitSchema,
  listResponse,
  nonEmptyPatch,
  optionalText,
  recordMeta,
  requiredText,
  searchTextSchema,
  sortSchema,
  timestampSchema,
} from './common.js'
import { LIMITS, OPPORTUNITY_STAGES } from './enums.js'

const dateOnly = z.iso.date({ message: 'Must be a date (YYYY-MM-DD)' })

const opportunityFields = {
  organizationId: idSchema,
  contactId: idSchema.nullable().optional(),
  principalId: idSchema.nullable().optional(),
  assignedUserId: idSchema.nullable().optional(),
  name: requiredText(LIMITS.name),
  stage: z.enum(OPPORTUNITY_STAGES).default('prospecting'),
  valueCents: centsSchema.default(0),
  probabilityPercent: z.number().int().min(0).max(100).optional(),
  expectedCloseDate: dateOnly.nullable().optional(),
  lossReason: optionalText(LIMITS.longText),
}

export const createOpportunityBody = z.strictObject(opportunityFields)
export type CreateOpportunityInput = z.infer<typeof createOpportunityBody>

export const patchOpportunityBody = nonEmptyPatch(
  z.strictObject({
    ...opportunityFields,
    organizationId: idSchema.optional(),
    name: requiredText(LIMITS.name).optional(),
    stage: z.enum(OPPORTUNITY_STAGES).optional(),
    valueCents: centsSchema.optional(),
  }),
)
export type PatchOpportunityInput = z.infer<typeof patchOpportunityBody>

export const opportunitySchema = z.object({
  ...recordMeta,
  organizationId: idSchema,
  contactId: idSchema.nullable(),
  principalId: idSchema.nullable(),
  assignedUserId: idSchema.nullable(),
  name: z.string(),
  stage: z.enum(OPPORTUNITY_STAGES),
  valueCents: z.number(),
  probabilityPercent: z.number().int(),
  expectedCloseDate: z.string().nullable(),
  closedAt: timestampSchema.nullable(),
  lossReason: z.string().nullable(),
})
export type Opportunity = z.infer<typeof opportunitySchema>

export const OPPORTUNITY_SORTS = ['createdAt', 'updatedAt', 'name', 'valueCents'] as const
export const listOpportunitiesQuery = z.strictObject({
  q: searchTextSchema,
  organizationId: idSchema.optional(),
  principalId: idSchema.optional(),
  assignedUserId: idSchema.optional(),
  stage: enumList(OPPORTUNITY_STAGES),
  minValueCents: z.coerce.number().int().min(0).max(LIMITS.maxCents).optional(),
  expectedCloseFrom: dateOnly.optional(),
  expectedCloseTo: dateOnly.optional(),
  sort: sortSchema(OPPORTUNITY_SORTS, '-updatedAt'),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListOpportunitiesQuery = z.infer<typeof listOpportunitiesQuery>
/** A list row also names its organization (board cards, tables). */
export const opportunityListItemSchema = opportunitySchema.extend({ organizationName: z.string() })
export type OpportunityListItem = z.infer<typeof opportunityListItemSchema>
export const opportunityListSchema = listResponse(opportunityListItemSchema)
