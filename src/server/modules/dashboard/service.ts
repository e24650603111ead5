import type { Dashboard, DashboardQuery } from '../../../shared/schemas/dashboard.js'
import { OPPORTUNITY_STAGES } from '../../../shared/schemas/enums.js'
import type { Db } from '../../platform/db/types.js'
import { type Actor, isRep } from '../../platform/http/actor.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Jobs } from '../../platform/jobs/jobs.js'
import { findActiveUser } from '../users/queries.js'
import { readOwnerFigures, readStageFigures, refreshDashboardViews } from './queries.js'

export const DASHBOARD_REFRESH_JOB = 'dashboard-refresh'
/** Bumped after each refresh: cached dashboards then read the new figures. */
export const DASHBOARD_CACHE_TAG = 'dashboard'

export function createDashboardService(deps: { db: Db; readDb: Db; jobs: Jobs; debounceSeconds: number; onRefreshed: () => Promise<void> }) {
  const { db, readDb, jobs, debounceSeconds } = deps
  return {
    async get(actor: Actor, query: DashboardQuery): Promise<Dashboard> {
      let ownerId: string | undefined
      if (isRep(actor) || query.scope === 'me') ownerId = actor.id
      else if (query.scope !== 'team') {
        if (!(await findActiveUser(db, query.scope))) throw new NotFoundError('User')
        ownerId = query.scope
      }
      const [figures, stages] = await Promise.all([readOwnerFigures(readDb, ownerId), readStageFigures(readDb, ownerId)])
      const byStage = new Map(stages.map((stage) => [stage.stage, stage]))
      const won = figures?.wonThisQuarter ?? 0
      const lost = figures?.lostThisQuarter ?? 0
      return {
        scope: { kind: ownerId ? 'user' : 'team', userId: ownerId ?? null },
        figures: {
          organizations: figures?.organizations ?? 0,
          aPriorityOrganizations: figures?.aPriorityOrganizations ?? 0,
          contacts: figures?.contacts ?? 0,
          interactionsThisMonth: figures?.interactionsThisMonth ?? 0,
          openOpportunities: figures?.openOpportunities ?? 0,
          pipelineValueCents: figures?.pipelineValueCents ?? 0,
          wonThisQuarterCents: figures?.wonThisQuarterCents ?? 0,
        },
        pipeline: OPPORTUNITY_STAGES.map((stage) => ({
          stage,
          count: byStage.get(stage)?.count ?? 0,
          valueCents: byStage.get(stage)?.valueCents ?? 0,
        })),
        winRateThisQuarter: won + lost === 0 ? null : won / (won + lost),
        refreshedAt: figures?.refreshedAt ? new Date(figures.refreshedAt).toISOString() : null,
      }
    },

    async refresh() {
      await refreshDashboardViews(db)
      await deps.onRefreshed()
    },

    /** After a write: one refresh a few seconds later, however many writes arrive meanwhile. */
    scheduleRefresh() {
      return jobs.sendDebounced(DASHBOARD_REFRESH_JOB, debounceSeconds)
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
