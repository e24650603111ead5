import type { FastifyPluginAsync } from 'fastify'
import { listOpportunitiesQuery } from '../../../shared/schemas/opportunities.js'
import { registerNestedList, registerResourceRoutes } from '../../platform/http/resource-routes.js'
import { opportunityRouteSchemas } from './schemas.js'
import type { OpportunityService } from './service.js'

export const opportunityRoutes: FastifyPluginAsync<{ service: OpportunityService }> = async (app, { service }) => {
  registerResourceRoutes(app, {
    tag: 'opportunities',
    reads: ['opportunities', 'organizations'],
    noun: 'opportunity',
    schemas: opportunityRouteSchemas,
    invalidates: ['opportunities', 'dashboard'],
    service,
  })
}

/** `GET /organizations/:id/opportunities`, registered under the organizations prefix. */
export const organizationOpportunityRoutes: FastifyPluginAsync<{ service: OpportunityService }> = async (app, { service }) => {
  registerNestedList(app, {
    kind: 'opportunities',
    path: '/:id/opportunities',
    tag: 'opportunities',
    summary: "An organization's opportunities",
    query: listOpportunitiesQuery,
    list: opportunityRouteSchemas.list,
    parentField: 'organizationId',
    service,
  })
}
