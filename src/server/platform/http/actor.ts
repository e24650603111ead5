import type { UserRole } from '../../../shared/schemas/enums.js'
import type { FastifyRequest } from 'fastify'
import { UnauthorizedError } from './errors.js'

/** The signed-in caller, as services see it. */
export interface Actor {
  id: string
  role: UserRole
  name: string
}

export function isRep(actor: Actor): boolean {
  return actor.role === 'rep'
}

const RANK: Record<UserRole, number> = { rep: 0, manager: 1, admin: 2 }

export function hasRole(actor: Actor, minimum: UserRole): boolean {
  return RANK[actor.role] >= RANK[minimum]
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, loaded by the access plugin; null when anonymous. */
    actor: Actor | null
  }
}

/** The signed-in caller; only for routes whose access is not `public`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError()
  return request.actor
}

/** Reps see only the organizations assigned to them (and what hangs under them); everyone else sees all. */
export function visibilityScope(actor: Actor): string | undefined {
  return isRep(actor) ? actor.id : undefined
}
