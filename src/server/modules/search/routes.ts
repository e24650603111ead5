import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { problemSchema } from '../../../shared/schemas/common.js'
import { searchQuery, searchResultSchema } from '../../../shared/schemas/search.js'
import { actorOf } from '../../platform/http/actor.js'
import type { SearchService } from './service.js'

export const searchRoutes: FastifyPluginAsyncZod<{ service: SearchService }> = async (app, { service }) => {
  app.get(
    '/',
    {
      config: { cache: { namespace: 'search', reads: ['organizations', 'contacts', 'opportunities'] } },
      schema: {
        tags: ['search'],
        summary: 'Search organizations, contacts and opportunities (prefix full-text)',
        querystring: searchQuery,
        response: { 200: searchResultSchema, 400: problemSchema },
      },
    },
    async (request) => service.search(actorOf(request), request.query),
  )
}
