import { sql } from 'drizzle-orm'
import type { OpportunityStage } from '../../../shared/schemas/enums.js'
import { defineQuery, rowsOf } from '../../platform/db/query.js'
import type { Db } from '../../platform/db/types.js'

export interface OwnerFigures {
  organizations: number
  aPriorityOrganizations: number
  contacts: number
  interactionsThisMonth: number
  openOpportunities: number
  pipelineValueCents: number
  wonThisQuarterCents: number
  wonThisQuarter: number
  lostThisQuarter: number
  refreshedAt: Date | string | null
}

/** Sums the materialized per-owner rows: one owner, or everyone when `ownerId` is undefined. */
export const readOwnerFigures = defineQuery('dashboard.figures', async (db: Db, ownerId: string | undefined) => {
  const [row] = await rowsOf<OwnerFigures>(
    db,
    sql`SELECT
        coalesce(sum(organizations), 0)::float8 AS "organizations",
        coalesce(sum(a_priority_organizations), 0)::float8 AS "aPriorityOrganizations",
        coalesce(sum(contacts), 0)::float8 AS "contacts",
        coalesce(sum(interactions_this_month), 0)::float8 AS "interactionsThisMonth",
        coalesce(sum(open_opportunities), 0)::float8 AS "openOpportunities",
        coalesce(sum(pipeline_value_cents), 0)::float8 AS "pipelineValueCents",
        coalesce(sum(won_this_quarter_cents), 0)::float8 AS "wonThisQuarterCents",
        coalesce(sum(won_this_quarter), 0)::float8 AS "wonThisQuarter",
        coalesce(sum(lost_this_quarter), 0)::float8 AS "lostThisQuarter",
        max(refreshed_at) AS "refreshedAt"
      FROM dashboard_owner_figures
      ${ownerId ? sql`WHERE owner_id = ${ownerId}` : sql``}`,
  )
  return row
})

export const readStageFigures = defineQuery('dashboard.stages', async (db: Db, ownerId: string | undefined) => {
  return rowsOf<{ stage: OpportunityStage; count: number; valueCents: number }>(
    db,
    sql`SELECT stage, sum(opportunities)::float8 AS "count", sum(value_cents)::float8 AS "valueCents"
      FROM dashboard_stage_figures
      ${ownerId ? sql`WHERE owner_id = ${ownerId}` : sql``}
      GROUP BY stage`,
  )
})

/** CONCURRENTLY: readers keep the previous figures while the new ones are computed. */
export const refreshDashboardViews = defineQuery('dashboard.refresh', async (db: Db) => {
  await db.execute(sql`REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_owner_figures`)
  await db.execute(sql`REFRESH MATERIALIZED VIEW CONCURRENTLY dashboard_stage_figures`)
})
