import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { UserRole } from '../../../shared/schemas/enums.js'
import type { User } from '../../../shared/schemas/users.js'
import { ForbiddenError, UnauthorizedError } from '../../platform/http/errors.js'
import { hasRole } from '../../platform/http/actor.js'
import { SESSION_COOKIE, type AuthService } from './service.js'

/** Who may call a route: anyone, any signed-in user, or a minimum role. */
export type Access = 'public' | 'user' | UserRole

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    sessionUser: User | null
  }
}

/**
 * Loads the caller from the session cookie on every request and enforces the route's `access`
 * before validation runs. Routes under /api/v1/ default to signed-in users; others to public.
 */
export const accessPlugin = fp<{ auth: AuthService }>(
  async (app, { auth }) => {
    app.decorateRequest('actor', null)
    app.decorateRequest('sessionUser', null)
    app.addHook('onRequest', async (request: FastifyRequest) => {
      // Static files of the web app never need the caller: no session lookup for them.
      const token = request.url.startsWith('/api/') ? request.cookies[SESSION_COOKIE] : undefined
      if (token) {
        const resolved = await auth.resolve(token)
        if (resolved) {
          request.actor = resolved.actor
          request.sessionUser = resolved.user
        }
      }
      const access = request.routeOptions.config.access ?? (request.url.startsWith('/api/v1/') ? 'user' : 'public')
      if (access === 'public') return
      if (!request.actor) throw new UnauthorizedError()
      if (access !== 'user' && !hasRole(request.actor, access)) throw new ForbiddenError()
    })
  },
  { name: 'access', dependencies: ['http-platform'] },
)
