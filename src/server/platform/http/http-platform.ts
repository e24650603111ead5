import helmet from '@fastify/helmet'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import { AppError, ConflictError, LockedError, RateLimitedError, ValidationError } from './errors.js'
import { isDatabaseUnavailable } from '../db/availability.js'
import { problemType, sendProblem } from './problem.js'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface HttpPlatformOptions {
  isProduction: boolean
  /** Every 5xx goes here once, for the error tracker. */
  onServerError?: (error: unknown, request: FastifyRequest) => void
}

/**
 * Cross-cutting HTTP behaviour for every route: zod validation, problem+json errors, request ids,
 * security headers and the CSRF rule (DESIGN.md §3).
 */
export const httpPlatform = fp<HttpPlatformOptions>(
  async (app, options) => {
    app.setValidatorCompiler(validatorCompiler)
    app.setSerializerCompiler(serializerCompiler)
    // The API speaks JSON only: without this, text/plain bodies would reach validation as strings.
    app.removeContentTypeParser('text/plain')

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: options.isProduction ? [] : null,
        },
      },
      hsts: options.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    })

    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id)
      if (UNSAFE_METHODS.has(request.method) && isCrossSite(request)) {
        return sendProblem(reply, {
          type: problemType('csrf'),
          title: 'Forbidden',
          status: 403,
          detail: 'Cross-site requests may not change data',
        })
      }
    })

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        type: problemType('not-found'),
        title: 'Not Found',
        status: 404,
        detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
      }),
    )

    app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const context = (error as { validationContext?: string }).validationContext ?? 'body'
        return sendProblem(reply, {
          type: problemType('validation'),
          title: 'Bad Request',
          status: 400,
          detail: `The request ${context} is not valid`,
          errors: error.validation.map((issue) => ({
            path: [context, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
            message: issue.message ?? 'Invalid value',
          })),
        })
      }
      if (error instanceof AppError) {
        if (error instanceof LockedError || error instanceof RateLimitedError) {
          reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))))
        }
        if (error.status >= 500) {
          request.log.error({ err: error }, 'request failed')
          options.onServerError?.(error, request)
        }
        return sendProblem(reply, {
          type: problemType(error.type),
          title: error.title,
          status: error.status,
          detail: error.message,
          ...(error instanceof ValidationError ? { errors: error.errors } : {}),
          ...(error instanceof ConflictError ? { current: error.current } : {}),
        })
      }
      const databaseProblem = classifyDatabaseError(error)
      if (databaseProblem) {
        if (databaseProblem.status >= 500) {
          request.log.error({ err: error }, 'database unavailable')
          options.onServerError?.(error, request)
          reply.header('retry-after', '5')
        }
        return sendProblem(reply, databaseProblem)
      }
      const statusCode = (error as FastifyError).statusCode
      if (statusCode && statusCode >= 400 && statusCode < 500 && !isResponseSerializationError(error)) {
        if (statusCode === 429) {
          const retryAfter = reply.getHeader('retry-after')
          if (!retryAfter) reply.header('retry-after', '60')
        }
        return sendProblem(reply, {
          type: problemType(fastifyProblemSlug(statusCode)),
          title: STATUS_TITLES[statusCode] ?? 'Bad Request',
          status: statusCode,
          detail: publicFastifyMessage(error as FastifyError),
        })
      }
      request.log.error({ err: error }, 'unhandled error')
      options.onServerError?.(error, request)
      return sendProblem(reply, {
        type: problemType('internal'),
        title: 'Internal Server Error',
        status: 500,
        detail: `Something went wrong; quote request id ${request.id} when reporting it`,
      })
    })
  },
  { name: 'http-platform' },
)

function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site']
  if (fetchSite === 'cross-site') return true
  const origin = request.headers.origin
  if (!origin) return false
  if (origin === 'null') return true
  try {
    const parsed = new URL(origin)
    // Compare through URL so default ports (":80", ":443") normalise the same way on both sides.
    // request.host honours X-Forwarded-Host only when the app trusts its proxy (TRUST_PROXY).
    return parsed.host !== new URL(`${parsed.protocol}//${request.host}`).host
  } catch {
    return true
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
}

function fastifyProblemSlug(status: number): string {
  if (status === 413) return 'body-too-large'
  if (status === 415) return 'unsupported-media-type'
  if (status === 429) return 'rate-limited'
  return 'bad-request'
}

function publicFastifyMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than 1 MB'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json'
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is not valid JSON'
    default:
      return error.statusCode === 429 ? 'Too many requests; slow down' : (error.message || 'Bad request')
  }
}

/** Database failures reaching the handler: an outage is a 503; bad data that slipped past zod is a 4xx. */
function classifyDatabaseError(error: unknown) {
  if (isDatabaseUnavailable(error)) {
    return { type: problemType('database-unavailable'), title: 'Service Unavailable', status: 503, detail: 'The database is not reachable; try again shortly' }
  }
  const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code
  if (typeof code !== 'string') return undefined
  if (code === '23505') return { type: problemType('conflict'), title: 'Conflict', status: 409, detail: 'A record with these values already exists' }
  if (code === '23503') return { type: problemType('validation'), title: 'Bad Request', status: 400, detail: 'A referenced record does not exist' }
  if (code.startsWith('22') || code === '23514') {
    return { type: problemType('validation'), title: 'Bad Request', status: 400, detail: 'A value is out of range or malformed' }
  }
  return undefined
}
