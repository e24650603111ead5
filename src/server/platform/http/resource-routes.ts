import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParams, problemSchema } from '../../../shared/schemas/common.js'
import type { Resource } from '../cache/changes.js'
import { type Actor, actorOf } from './actor.js'
import { ConflictError } from './errors.js'
import { expectedVersion, setRecordEtag } from './concurrency.js'

/** The operations every CRM resource offers; visibility and rules live behind them. */
export interface ResourceService<Item, Detail, Create, Patch, Query> {
  list(actor: Actor, query: Query): Promise<{ data: Item[]; nextCursor: string | null }>
  get(actor: Actor, id: string): Promise<Detail>
  create(actor: Actor, input: Create): Promise<Item>
  update(actor: Actor, id: string, input: Patch, expectedVersion?: number): Promise<Item>
  remove(actor: Actor, id: string, expectedVersion?: number): Promise<void>
  restore(actor: Actor, id: string): Promise<Item>
}

export interface ResourceSchemas {
  item: z.ZodType
  detail: z.ZodType
  list: z.ZodType
  query: z.ZodType
  create: z.ZodType
  patch: z.ZodType
}

const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema }

/**
 * A change sent without If-Match asked for no version check: when a concurrent writer got in between
 * our read and our update (412 from the version guard), run it again on the fresh record rather than
 * refuse it. With If-Match, a 412 is the answer the client asked for.
 */
async function unlessConditional<T>(expected: number | undefined, change: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await change()
    } catch (error) {
      if (expected !== undefined || !(error instanceof ConflictError) || attempt >= 10) throw error
    }
  }
}

/**
 * List, get, create, PATCH, soft DELETE and restore for one resource, with ETag/If-Match,
 * Idempotency-Key on create, and `invalidates` tags for every write (DESIGN.md §3).
 */
export function registerResourceRoutes<S extends ResourceSchemas>(
  app: FastifyInstance,
  options: {
    tag: string
    noun: string
    schemas: S
    invalidates: string[]
    /** The kinds of record its list and item answers show, so only writes to those invalidate them. */
    reads: readonly Resource[]
    /** How the item GET's cache entry is invalidated (default: by the caller's scope). */
    itemCache?: { dependsOn: 'organization'; extraTags: readonly string[] }
    service: ResourceService<z.output<S['item']>, z.output<S['detail']>, z.output<S['create']>, z.output<S['patch']>, z.output<S['query']>>
  },
) {
  const { schemas, service, tag, noun, invalidates, reads } = options
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/',
    { config: { cache: { namespace: `${tag}.list`, reads } }, schema: { tags: [tag], summary: `List ${noun}s`, querystring: schemas.query, response: { 200: schemas.list, ...errors } } },
    async (request) => service.list(actorOf(request), request.query as z.output<S['query']>),
  )

  routes.get(
    '/:id',
    { config: { cache: { namespace: `${tag}.get`, ...(options.itemCache ?? { reads }) } }, schema: { tags: [tag], summary: `Get one ${noun}`, params: idParams, response: { 200: schemas.detail, ...errors } } },
    async (request, reply) => {
      const record = await service.get(actorOf(request), request.params.id)
      setRecordEtag(reply, record as { version: number })
      return record
    },
  )

  routes.post(
    '/',
    {
      config: { isIdempotent: true, invalidates },
      schema: { tags: [tag], summary: `Create a ${noun}`, body: schemas.create, response: { 201: schemas.item, ...errors } },
    },
    async (request, reply) => {
      const record = (await service.create(actorOf(request), request.body as z.output<S['create']>)) as { id: string; version: number }
      setRecordEtag(reply, record)
      reply.header('location', `${request.url.split('?')[0]?.replace(/\/$/, '')}/${record.id}`)
      return reply.code(201).send(record)
    },
  )

  routes.patch(
    '/:id',
    {
      config: { invalidates },
      schema: { tags: [tag], summary: `Change a ${noun}`, params: idParams, body: schemas.patch, response: { 200: schemas.item, 412: z.unknown(), ...errors } },
    },
    async (request, reply) => {
      const expected = expectedVersion(request)
      const record = await unlessConditional(expected, () => service.update(actorOf(request), request.params.id, request.body as z.output<S['patch']>, expected))
      setRecordEtag(reply, record as { version: number })
      return record
    },
  )

  routes.delete(
    '/:id',
    { config: { invalidates }, schema: { tags: [tag], summary: `Delete a ${noun} (restorable)`, params: idParams, response: { 412: z.unknown(), ...errors } } },
    async (request, reply) => {
      const expected = expectedVersion(request)
      await unlessConditional(expected, () => service.remove(actorOf(request), request.params.id, expected))
      return reply.code(204).send()
    },
  )

  routes.post(
    '/:id/restore',
    { config: { invalidates }, schema: { tags: [tag], summary: `Restore a deleted ${noun}`, params: idParams, response: { 200: schemas.item, ...errors } } },
    async (request, reply) => {
      const record = await service.restore(actorOf(request), request.params.id)
      setRecordEtag(reply, record as { version: number })
      return record
    },
  )
}

/**
 * `GET /:id/<children>` under a parent's prefix (e.g. an organization's contacts): the child list
 * with the parent's id as a fixed filter, so it shares the list's rules, sorts and cursors.
 */
export function registerNestedList<Q extends z.ZodObject, L extends z.ZodType, Item>(
  app: FastifyInstance,
  options: {
    path: string
    tag: string
    summary: string
    query: Q
    list: L
    parentField: string
    /** The kind of record listed: only writes to that kind under this organization invalidate it. */
    kind: Resource
    service: Pick<ResourceService<Item, unknown, unknown, unknown, z.output<Q>>, 'list'>
  },
) {
  const { path, tag, summary, query, list, parentField, kind, service } = options
  const querystring = (query as z.ZodObject).omit({ [parentField]: true } as Record<string, true>)
  app.get(
    path,
    { config: { cache: { namespace: `${tag}.nested`, dependsOn: 'organization', reads: [kind] } }, schema: { tags: [tag], summary, params: idParams, querystring, response: { 200: list, ...errors } } },
    async (request) => {
      const { id } = request.params as z.output<typeof idParams>
      return service.list(actorOf(request), { ...(request.query as object), [parentField]: id } as z.output<Q>)
    },
  )
}
