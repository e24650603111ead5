import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'
import { OPPORTUNITY_STAGES } from './enums.js'

export const dashboardQuery = z.strictObject({
  /** Managers and admins: `team` (default) or one user's id. Reps always see their own figures. */
  scope: z.union([z.literal('team'), z.literal('me'), idSchema]).default('team'),
})
export type DashboardQuery = z.infer<typeof dashboardQuery>

export const dashboardSchema = z.object({
  scope: z.object({ kind: z.enum(['team', 'user']), userId: idSchema.nullable() }),
  figures: z.object({
    organizations: z.number().int(),
    aPriorityOrganizations: z.number().int(),
    contacts: z.number().int(),
    interactionsThisMonth: z.number().int(),
    openOpportunities: z.number().int(),
    pipelineValueCents: z.number(),
    wonThisQuarterCents: z.number(),
  }),
  pipeline: z.array(z.object({ stage: z.enum(OPPORTUNITY_STAGES), count: z.number().int(), valueCents: z.number() })),
  winRateThisQuarter: z.number().min(0).max(1).nullable(),
  refreshedAt: timestampSchema.nullable(),
})
export type Dashboard = z.infer<typeof dashboardSchema>
