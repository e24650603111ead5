import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { HealthService } from './service.js'

const readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']) })),
})

export const healthRoutes: FastifyPluginAsyncZod<{ service: HealthService }> = async (app, { service }) => {
  app.get('/live', { config: { access: 'public' }, schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'live' }))

  app.get(
    '/ready',
    { config: { access: 'public' }, schema: { tags: ['health'], summary: 'The database (and Redis, when configured) answer', response: { 200: readiness, 503: readiness } } },
    async (_request, reply) => {
      const { isReady, checks } = await service.readiness()
      if (!isReady) reply.code(503).header('retry-after', '5')
      return { status: isReady ? ('ready' as const) : ('unavailable' as const), checks }
    },
  )
}
