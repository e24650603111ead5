import { z } from 'zod'
import { LIMITS } from './enums.js'

export const idSchema = z.uuid({ message: 'Must be a UUID' })
export const idParams = z.object({ id: idSchema })
export const timestampSchema = z.iso.datetime({ offset: true })

/** Optional free text: trimmed, bounded, and an empty string stored as null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
}

export function requiredText(max: number) {
  return z.string().trim().min(1, { message: 'Required' }).max(max)
}

export const optionalEmail = z
  .union([z.literal(''), z.email().max(LIMITS.email)])
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .optional()

export const centsSchema = z.number().int().min(0).max(LIMITS.maxCents)

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50)
export const cursorSchema = z.string().max(1000).optional()
export const searchTextSchema = z.string().trim().max(LIMITS.search).optional()

/** A comma-separated list of enum values in a query string, e.g. `stage=proposal,negotiation`. */
export function enumList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(500)
    .transform((raw) => raw.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1).max(values.length))
    .optional()
}

export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional()

/** `sort=name` or `sort=-name`, restricted to a whitelist. */
export function sortSchema<const T extends readonly [string, ...string[]]>(fields: T, fallback: `${'' | '-'}${T[number]}`) {
  const allowed = fields.flatMap((field) => [field, `-${field}`]) as [string, ...string[]]
  return z
    .enum(allowed, { message: `sort must be one of ${allowed.join(', ')}` })
    .default(fallback)
    .transform((value) => ({
      field: value.replace(/^-/, '') as T[number],
      direction: value.startsWith('-') ? ('desc' as const) : ('asc' as const),
    }))
}

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() })
}

export const recordMeta = {
  id: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
  version: z.number().int(),
}

/** At least one field must be present in a PATCH body. */
export function nonEmptyPatch<T extends z.ZodObject>(schema: T) {
  return schema.refine((value) => Object.values(value as Record<string, unknown>).some((v) => v !== undefined), {
    message: 'Send at least one field to change',
  })
}

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
