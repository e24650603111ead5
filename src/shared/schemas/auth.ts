import { z } from 'zod'
import { LIMITS } from './enums.js'
import { userSchema } from './users.js'

export const loginBody = z.strictObject({
  email: z.string().trim().min(1, { message: 'Enter your e-mail' }).max(LIMITS.email),
  password: z.string().min(1, { message: 'Enter your password' }).max(256),
})
export type LoginInput = z.infer<typeof loginBody>

export const sessionUserSchema = z.object({ user: userSchema })
