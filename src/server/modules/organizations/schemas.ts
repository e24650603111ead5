import {
  createOrganizationBody,
  listOrganizationsQuery,
  organizationDetailSchema,
  organizationListSchema,
  organizationSchema,
  patchOrganizationBody,
} from '../../../shared/schemas/organizations.js'

export const organizationRouteSchemas = {
  item: organizationSchema,
  detail: organizationDetailSchema,
  list: organizationListSchema,
  query: listOrganizationsQuery,
  create: createOrganizationBody,
  patch: patchOrganizationBody,
}
