import { z } from 'zod'
import {
  booleanQuery,
  cursorSchema,
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
import { LIMITS } from './enums.js'

const contactFields = {
  organizationId: idSchema,
  firstName: requiredText(LIMITS.personName),
  lastName: requiredText(LIMITS.personName),
  title: optionalText(LIMITS.shortText),
  email: optionalEmail,
  phone: optionalText(LIMITS.phone),
  isPrimary: z.boolean().default(false),
  notes: optionalText(LIMITS.longText),
}

export const createContactBody = z.strictObject(contactFields)
export type CreateContactInput = z.infer<typeof createContactBody>

export const patchContactBody = nonEmptyPatch(
  z.strictObject({
    ...contactFields,
    organizationId: idSchema.optional(),
    firstName: requiredText(LIMITS.personName).optional(),
    lastName: requiredText(LIMITS.personName).optional(),
    isPrimary: z.boolean().optional(),
  }),
)
export type PatchContactInput = z.infer<typeof patchContactBody>

export const contactSchema = z.object({
  ...recordMeta,
  organizationId: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isPrimary: z.boolean(),
  notes: z.string().nullable(),
})
export type Contact = z.infer<typeof contactSchema>

export const CONTACT_SORTS = ['lastName', 'createdAt', 'updatedAt'] as const
export const listContactsQuery = z.strictObject({
  q: searchTextSchema,
  organizationId: idSchema.optional(),
  isPrimary: booleanQuery,
  sort: sortSchema(CONTACT_SORTS, 'lastName'),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListContactsQuery = z.infer<typeof listContactsQuery>
export const contactListSchema = listResponse(contactSchema)
