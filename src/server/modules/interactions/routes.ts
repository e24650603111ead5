import type { FastifyPluginAsync } from 'fastify'
import { listInteractionsQuery } from '../../../shared/schemas/interactions.js'
import { registerNestedList, registerResourceRoutes } from '../../platform/http/resource-routes.js'
import { interactionRouteSchemas } from './schemas.js'
import type { InteractionService } from './service.js'

export const interactionRoutes: FastifyPluginAsync<{ service: InteractionService }> = async (app, { service }) => {
  registerResourceRoutes(app, {
    tag: 'interactions',
    reads: ['interactions', 'organizations'],
    noun: 'interaction',
    schemas: interactionRouteSchemas,
    invalidates: ['interactions', 'dashboard'],
    service,
  })
}

/** `GET /organizations/:id/interactions`: the organization's timeline, newest first. */
export const organizationTimelineRoutes: FastifyPluginAsync<{ service: InteractionService }> = async (app, { service }) => {
  registerNestedList(app, {
    kind: 'interactions',
    path: '/:id/interactions',
    tag: 'interactions',
    summary: "An organization's interaction timeline (newest first)",
    query: listInteractionsQuery,
    list: interactionRouteSchemas.list,
    parentField: 'organizationId',
    service,
  })
}
