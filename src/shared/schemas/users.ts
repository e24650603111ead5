import { z } from 'zod'
import { booleanQuery, cursorSchema, limitSchema, listResponse, nonEmptyPatch, recordMeta, requiredText, searchTextSchema, sortSchema, timestampSchema } from './common.js'
import { LIMITS, USER_ROLES } from './enums.js'

export const passwordSchema = z.string().min(12, { message: 'At least 12 characters' }).max(256)

export const userSchema = z.object({
  ...recordMeta,
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  isActive: z.boolean(),
  lastLoginAt: timestampSchema.nullable(),
})
export type User = z.infer<typeof userSchema>

export const createUserBody = z.strictObject({
  email: z.email().max(LIMITS.email),
  name: requiredText(LIMITS.name),
  role: z.enum(USER_ROLES).default('rep'),
  password: passwordSchema,
})
export type CreateUserInput = z.infer<typeof createUserBody>

export const patchUserBody = nonEmptyPatch(
  z.strictObject({
    name: requiredText(LIMITS.name).optional(),
    role: z.enum(USER_ROLES).optional(),
    isActive: z.boolean().optional(),
    password: passwordSchema.optional(),
  }),
)
export type PatchUserInput = z.infer<typeof patchUserBody>

export const USER_SORTS = ['name', 'email', 'createdAt'] as const
export const listUsersQuery = z.strictObject({
  q: searchTextSchema,
  role: z.enum(USER_ROLES).optional(),
  isActive: booleanQuery,
  sort: sortSchema(USER_SORTS, 'name'),
  cursor: cursorSchema,
  limit: limitSchema,
})
export type ListUsersQuery = z.infer<typeof listUsersQuery>
export const userListSchema = listResponse(userSchema)
