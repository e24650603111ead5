import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { LoggerOptions } from 'pino'
import type { Config } from '../config/config.js'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** JSON in production, readable lines in development; never headers, cookies or bodies. */
export function loggerOptions(log: Config['log']): LoggerOptions {
  return {
    level: log.level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.passwordHash'],
      censor: '[redacted]',
    },
    serializers: {
      err: safeError,
      req: (request: { method: string; url: string; routeOptions?: { url?: string } }) => ({
        method: request.method,
        url: request.url.split('?')[0],
      }),
    },
    ...(log.isPretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  }
}

/** Keeps a caller's X-Request-Id when it is well-formed, so ids correlate across services. */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/**
 * Errors as logs may keep them: type, code and message, but never a query's parameter values, which
 * Drizzle appends to its messages ("params: …") and which can hold e-mails, hashes or tokens.
 */
export function safeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const strip = (text: string | undefined) => text?.replace(/\nparams:[\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]')
  const { code } = error as { code?: unknown }
  return {
    type: error.name,
    message: strip(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    stack: strip(error.stack),
    ...(error.cause ? { cause: safeError(error.cause) } : {}),
  }
}
