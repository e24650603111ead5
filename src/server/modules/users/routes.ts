import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParams, problemSchema } from '../../../shared/schemas/common.js'
import { createUserBody, listUsersQuery, patchUserBody, userListSchema, userSchema } from '../../../shared/schemas/users.js'
import { actorOf } from '../../platform/http/actor.js'
import { expectedVersion, setRecordEtag } from '../../platform/http/concurrency.js'
import type { UserService } from './service.js'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

/** Admins manage users; managers may list them (to assign accounts). */
export const userRoutes: FastifyPluginAsyncZod<{ service: UserService }> = async (app, { service }) => {
  app.get(
    '/',
    { config: { access: 'manager' }, schema: { tags: ['users'], summary: 'List users', querystring: listUsersQuery, response: { 200: userListSchema, ...errors } } },
    async (request) => service.list(request.query),
  )

  app.get(
    '/:id',
    { config: { access: 'manager' }, schema: { tags: ['users'], summary: 'Get one user', params: idParams, response: { 200: userSchema, ...errors } } },
    async (request, reply) => {
      const user = await service.get(request.params.id)
      setRecordEtag(reply, user)
      return user
    },
  )

  app.post(
    '/',
    {
      config: { access: 'admin', isIdempotent: true },
      schema: { tags: ['users'], summary: 'Create a user', body: createUserBody, response: { 201: userSchema, 409: problemSchema, ...errors } },
    },
    async (request, reply) => {
      const user = await service.create(request.body)
      setRecordEtag(reply, user)
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(user)
    },
  )

  app.patch(
    '/:id',
    {
      config: { access: 'admin', invalidates: ['users'] },
      schema: { tags: ['users'], summary: 'Change a user', params: idParams, body: patchUserBody, response: { 200: userSchema, ...errors } },
    },
    async (request, reply) => {
      const user = await service.update(actorOf(request), request.params.id, request.body, expectedVersion(request))
      setRecordEtag(reply, user)
      return user
    },
  )
}
