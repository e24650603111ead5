import { z } from 'zod'
import { idSchema } from './common.js'
import { LIMITS } from './enums.js'

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, { message: 'Type something to search for' }).max(LIMITS.search),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type SearchQuery = z.infer<typeof searchQuery>

export const searchHitSchema = z.object({
  kind: z.enum(['organization', 'contact', 'opportunity']),
  id: idSchema,
  title: z.string(),
  subtitle: z.string().nullable(),
  organizationId: idSchema,
  rank: z.number(),
})
export type SearchHit = z.infer<typeof searchHitSchema>
export const searchResultSchema = z.object({ data: z.array(searchHitSchema) })
