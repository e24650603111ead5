import { contactListSchema, contactSchema, createContactBody, listContactsQuery, patchContactBody } from '../../../shared/schemas/contacts.js'

export const contactRouteSchemas = {
  item: contactSchema,
  detail: contactSchema,
  list: contactListSchema,
  query: listContactsQuery,
  create: createContactBody,
  patch: patchContactBody,
}
