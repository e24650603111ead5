import type { Db } from '../../platform/db/types.js'
import { type Actor, visibilityScope } from '../../platform/http/actor.js'
import { NotFoundError } from '../../platform/http/errors.js'
import { findParentOrganization } from './queries.js'

/**
 * The organization a contact, interaction or opportunity hangs under: live and visible to the caller,
 * else 404. `lock` (write paths) holds it FOR SHARE until the transaction ends, so the owner copied onto
 * the child cannot change underneath.
 */
export async function requireParentOrganization(db: Db, actor: Actor, organizationId: string, options: { lock: boolean }) {
  const organization = await findParentOrganization(db, organizationId, visibilityScope(actor), options)
  if (!organization) throw new NotFoundError('Organization')
  return organization
}
