import type { FastifyPluginAsync } from 'fastify'
import { USERS_TAG } from '../../platform/cache/changes.js'
import { registerResourceRoutes } from '../../platform/http/resource-routes.js'
import { organizationRouteSchemas } from './schemas.js'
import type { OrganizationService } from './service.js'

export const organizationRoutes: FastifyPluginAsync<{ service: OrganizationService }> = async (app, { service }) => {
  registerResourceRoutes(app, {
    tag: 'organizations',
    reads: ['organizations'],
    noun: 'organization',
    schemas: organizationRouteSchemas,
    invalidates: ['organizations', 'dashboard'],
    itemCache: { dependsOn: 'organization', extraTags: [USERS_TAG] },
    service,
  })
}
