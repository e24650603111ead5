import type { FastifyPluginAsync } from 'fastify'
import { listContactsQuery } from '../../../shared/schemas/contacts.js'
import { registerNestedList, registerResourceRoutes } from '../../platform/http/resource-routes.js'
import { contactRouteSchemas } from './schemas.js'
import type { ContactService } from './service.js'

export const contactRoutes: FastifyPluginAsync<{ service: ContactService }> = async (app, { service }) => {
  registerResourceRoutes(app, {
    tag: 'contacts',
    reads: ['contacts'],
    noun: 'contact',
    schemas: contactRouteSchemas,
    invalidates: ['contacts', 'dashboard'],
    service,
  })
}

/** `GET /organizations/:id/contacts`, registered under the organizations prefix. */
export const organizationContactRoutes: FastifyPluginAsync<{ service: ContactService }> = async (app, { service }) => {
  registerNestedList(app, {
    kind: 'contacts',
    path: '/:id/contacts',
    tag: 'contacts',
    summary: "An organization's contacts",
    query: listContactsQuery,
    list: contactRouteSchemas.list,
    parentField: 'organizationId',
    service,
  })
}
