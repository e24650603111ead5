import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { problemSchema } from '../../../shared/schemas/common.js'
import { dashboardQuery, dashboardSchema } from '../../../shared/schemas/dashboard.js'
import { actorOf } from '../../platform/http/actor.js'
import { DASHBOARD_CACHE_TAG, type DashboardService } from './service.js'

export const dashboardRoutes: FastifyPluginAsyncZod<{ service: DashboardService }> = async (app, { service }) => {
  app.get(
    '/',
    {
      // The figures change when the views are refreshed, not on each write.
      config: { cache: { namespace: 'dashboard', dependsOn: 'none', extraTags: [DASHBOARD_CACHE_TAG] } },
      schema: {
        tags: ['dashboard'],
        summary: "The caller's figures (managers: the team, or one user with scope=<id>)",
        querystring: dashboardQuery,
        response: { 200: dashboardSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => service.get(actorOf(request), request.query),
  )
}
