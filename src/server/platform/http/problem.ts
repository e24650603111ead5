import type { FastifyReply } from 'fastify'
import type { FieldError } from './errors.js'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** RFC 9457 problem details; `type` is a URI reference resolved against the API's origin. */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  errors?: FieldError[]
  [extension: string]: unknown
}

export function problemType(slug: string): string {
  return `/problems/${slug}`
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(problem)
}
