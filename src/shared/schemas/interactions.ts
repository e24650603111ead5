import { z } from 'zod'
import {
  cursorSchema,
  enumList,
  idSchema,
  limitSchema,
  listResponse,
  nonEmptyPatch,
  optionalText,
  recordMeta,
  requiredText,
  sortSchema,
  timestampSchema,
} from './common.js'
import { INTERACTION_OUTCOMES, INTERACTION_TYPES, LIMITS } from './enums.js'

const interactionFields = {
  organizationId: idSchema,
  contactId: idSchema.nullable().optional(),
  opportunityId: idSchema.nullable().optional(),
  type: z.enum(INTERACTION_TYPES),
  subject: requiredText(LIMITS.name),
  notes: optionalText(LIMITS.longText),
  occurredAt: timestampSchema.optional(),
  followUpAt: timestampSchema.nullable().optional(),
  outcome: z.enum(INTERACTION_OUTCOMES).nullable().optional(),
}

export const createInteractionBody = z.strictObject(interactionFields)
export type CreateInteractionInput = z.infer<typeof createInteractionBody>

export const patchInteractionBody = nonEmptyPatch(
  z.strictObject({
    ...interactionFields,
    organizationId: idSchema.optional(),
    type: z.enum(INTERACTION_TYPES).optional(),
    subject: requiredText(LIMITS.name).optional(),
  }),
)
export type PatchInteractionInput = z.infer<typeof patchInteractionBody>

export const interactionSchema = z.object({
  ...recordMeta,
  organizationId: idSchema,
  contactId: idSchema.nullable(),
  opportunityId: idSchema.nullable(),
  userId: idSchema,
  type: z.enum(INTERACTION_TYPES),
  subject: z.string(),
  notes: z.string().nullable(),
  occurredAt: timestampSchema,
  followUpAt: timestampSchema.nullable(),
  outcome: z.enum(INTERACTION_OUTCOMES).nullable(),
})
export type Interaction = z.infer<typeof interactionSchema>

export const INTERACTION_SORTS = ['occurredAt', 'createdAt'] as const
export const listInteractionsQuery = z.strictObject({
  organizationId: idSchema.optional(),
  contactId: idSchema.optional(),
  opportunityId: idSchema.optional(),
  userId: idSchema.optional(),
  type: enumList(INTERACTION_TYPES),
  occurredFrom: timestampSchema.optional(),
  occurredTo: timestampSchema.optional(),
  followUpFrom: timestampSchema.optional(),
  followUpTo: timestampSchema.optional(),
  sort: sortSchema(INTERACTION_SORTS, '-occurredAt'),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListInteractionsQuery = z.infer<typeof listInteractionsQuery>
/** A list row also names its organization, so lists and timelines need no second request per row. */
export const interactionListItemSchema = interactionSchema.extend({ organizationName: z.string() })
export type InteractionListItem = z.infer<typeof interactionListItemSchema>
export const interactionListSchema = listResponse(interactionListItemSchema)
