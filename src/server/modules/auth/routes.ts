import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { loginBody, sessionUserSchema } from '../../../shared/schemas/auth.js'
import { problemSchema } from '../../../shared/schemas/common.js'
import { UnauthorizedError } from '../../platform/http/errors.js'
import { SESSION_COOKIE, type AuthService } from './service.js'

export interface AuthRouteOptions {
  auth: AuthService
  isCookieSecure: boolean
  loginRateLimitPerMinute: number
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, { auth, isCookieSecure, loginRateLimitPerMinute }) => {
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: isCookieSecure, path: '/' }

  app.post(
    '/login',
    {
      config: { access: 'public', rateLimit: { max: loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginBody,
        response: { 200: sessionUserSchema, 401: problemSchema, 423: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] })
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt })
      return { user: session.user }
    },
  )

  app.post(
    '/logout',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Sign out; clears the session cookie' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE]
      if (token) await auth.logout(token)
      reply.clearCookie(SESSION_COOKIE, cookieOptions)
      return reply.code(204).send()
    },
  )

  app.get(
    '/me',
    { config: { access: 'user' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: sessionUserSchema, 401: problemSchema } } },
    async (request) => {
      if (!request.sessionUser) throw new UnauthorizedError()
      return { user: request.sessionUser }
    },
  )
}
