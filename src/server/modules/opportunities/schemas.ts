import { createOpportunityBody, listOpportunitiesQuery, opportunityListSchema, opportunitySchema, patchOpportunityBody } from '../../../shared/schemas/opportunities.js'

export const opportunityRouteSchemas = {
  item: opportunitySchema,
  detail: opportunitySchema,
  list: opportunityListSchema,
  query: listOpportunitiesQuery,
  create: createOpportunityBody,
  patch: patchOpportunityBody,
}
