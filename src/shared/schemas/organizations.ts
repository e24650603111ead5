import { z } from 'zod'
import {
  centsSchema,
  cursorSchema,
  enumList,
  idSchema,
  limitSchema,
  listResponse,
  nonEmptyPatch,
  optionalEmail,
  optionalText,
  recordMeta,
  requiredText,
  searchTextSchema,
  sortSchema,
} from './common.js'
import { INDUSTRY_SEGMENTS, LIMITS, ORGANIZATION_TYPES, PRIORITY_LEVELS } from './enums.js'

const websiteSchema = z
  .union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Must be an http(s) URL' }).max(LIMITS.url)])
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .optional()

const organizationFields = {
  name: requiredText(LIMITS.name),
  type: z.enum(ORGANIZATION_TYPES).default('operator'),
  industrySegment: z.enum(INDUSTRY_SEGMENTS).default('other'),
  priorityLevel: z.enum(PRIORITY_LEVELS).default('C'),
  assignedUserId: idSchema.nullable().optional(),
  primaryEmail: optionalEmail,
  primaryPhone: optionalText(LIMITS.phone),
  website: websiteSchema,
  street: optionalText(LIMITS.shortText),
  city: optionalText(LIMITS.shortText),
  region: optionalText(LIMITS.shortText),
  postalCode: optionalText(LIMITS.postalCode),
  country: optionalText(LIMITS.shortText),
  annualRevenueCents: centsSchema.nullable().optional(),
  description: optionalText(LIMITS.longText),
  notes: optionalText(LIMITS.longText),
}

export const createOrganizationBody = z.strictObject(organizationFields)
export type CreateOrganizationInput = z.infer<typeof createOrganizationBody>

export const patchOrganizationBody = nonEmptyPatch(
  z.strictObject({
    ...organizationFields,
    name: requiredText(LIMITS.name).optional(),
    type: z.enum(ORGANIZATION_TYPES).optional(),
    industrySegment: z.enum(INDUSTRY_SEGMENTS).optional(),
    priorityLevel: z.enum(PRIORITY_LEVELS).optional(),
  }),
)
export type PatchOrganizationInput = z.infer<typeof patchOrganizationBody>

export const organizationSchema = z.object({
  ...recordMeta,
  name: z.string(),
  type: z.enum(ORGANIZATION_TYPES),
  industrySegment: z.enum(INDUSTRY_SEGMENTS),
  priorityLevel: z.enum(PRIORITY_LEVELS),
  assignedUserId: idSchema.nullable(),
  primaryEmail: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  website: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  annualRevenueCents: z.number().nullable(),
  description: z.string().nullable(),
  notes: z.string().nullable(),
})
export type Organization = z.infer<typeof organizationSchema>

export const organizationDetailSchema = organizationSchema.extend({
  assignedUser: z.object({ id: idSchema, name: z.string() }).nullable(),
  counts: z.object({
    contacts: z.number().int(),
    interactionsLast90Days: z.number().int(),
    openOpportunities: z.number().int(),
  }),
})
export type OrganizationDetail = z.infer<typeof organizationDetailSchema>

export const ORGANIZATION_SORTS = ['name', 'createdAt', 'updatedAt'] as const
export const listOrganizationsQuery = z.strictObject({
  q: searchTextSchema,
  type: enumList(ORGANIZATION_TYPES),
  segment: enumList(INDUSTRY_SEGMENTS),
  priority: enumList(PRIORITY_LEVELS),
  assignedUserId: idSchema.optional(),
  sort: sortSchema(ORGANIZATION_SORTS, 'name'),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuery>
/**
 * A list row leaves out the long texts (description, notes): lists stay small, and editing notes —
 * a rep's most common account edit — does not change any list.
 */
export const organizationListItemSchema = organizationSchema.omit({ description: true, notes: true })
export type OrganizationListItem = z.infer<typeof organizationListItemSchema>
/** Fields only the detail shows: changing only these leaves every list as it was. */
export const ORGANIZATION_DETAIL_ONLY_FIELDS: ReadonlySet<string> = new Set(['description', 'notes'])
export const organizationListSchema = listResponse(organizationListItemSchema)
