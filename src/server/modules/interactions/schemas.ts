import { createInteractionBody, interactionListSchema, interactionSchema, listInteractionsQuery, patchInteractionBody } from '../../../shared/schemas/interactions.js'

export const interactionRouteSchemas = {
  item: interactionSchema,
  detail: interactionSchema,
  list: interactionListSchema,
  query: listInteractionsQuery,
  create: createInteractionBody,
  patch: patchInteractionBody,
}
