import { z } from 'zod'
import { LIMITS } from './enums.js'
import { userSchema } from './users.js'

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(LIMITS.email),
  password: z.string().min(1).max(256),
})
export type LoginInput = z.infer<typeof loginBody>

export const sessionUserSchema = z.object({ user: userSchema })
