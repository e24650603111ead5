// Request and response types come from the server's own zod schemas (type-only: no runtime cost).
import type { z } from 'zod'
import type {
  alertChannelSchema,
  alertDeliverySchema,
  alertDetailSchema,
  alertEventSchema,
  alertHistoryQuery,
  alertRuleSchema,
  alertSchema,
  alertStatsSchema,
  createAlertChannelBody,
  createAlertRuleBody,
  listAlertsQuery,
  listDeliveriesQuery,
  patchAlertChannelBody,
  patchAlertRuleBody,
  testSendSchema,
} from '../../shared/schemas/alerts.js'
import type { sessionUserSchema } from '../../shared/schemas/auth.js'
import type { contactSchema, createContactBody, listContactsQuery, patchContactBody } from '../../shared/schemas/contacts.js'
import type { dashboardSchema } from '../../shared/schemas/dashboard.js'
import type {
  createInteractionBody,
  interactionListItemSchema,
  interactionSchema,
  listInteractionsQuery,
  patchInteractionBody,
} from '../../shared/schemas/interactions.js'
import type {
  createOpportunityBody,
  listOpportunitiesQuery,
  opportunityListItemSchema,
  opportunitySchema,
  patchOpportunityBody,
} from '../../shared/schemas/opportunities.js'
import type {
  createOrganizationBody,
  listOrganizationsQuery,
  organizationDetailSchema,
  organizationListItemSchema,
  organizationSchema,
  patchOrganizationBody,
} from '../../shared/schemas/organizations.js'
import type { namedListSchema, namedSummarySchema, overviewSchema } from '../../shared/schemas/monitoring.js'
import type { searchResultSchema } from '../../shared/schemas/search.js'
import type { createUserBody, listUsersQuery, patchUserBody, userSchema } from '../../shared/schemas/users.js'

export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

export type User = z.infer<typeof userSchema>
export type SessionUser = z.infer<typeof sessionUserSchema>
export type UserCreate = z.input<typeof createUserBody>
export type UserPatch = z.input<typeof patchUserBody>
export type UserQuery = z.input<typeof listUsersQuery>

export type Organization = z.infer<typeof organizationSchema>
export type OrganizationDetail = z.infer<typeof organizationDetailSchema>
/** A row of an organization list: the record without its long texts. */
export type OrganizationListItem = z.infer<typeof organizationListItemSchema>
export type OrganizationCreate = z.input<typeof createOrganizationBody>
export type OrganizationPatch = z.input<typeof patchOrganizationBody>
export type OrganizationQuery = z.input<typeof listOrganizationsQuery>

export type Contact = z.infer<typeof contactSchema>
export type ContactCreate = z.input<typeof createContactBody>
export type ContactPatch = z.input<typeof patchContactBody>
export type ContactQuery = z.input<typeof listContactsQuery>

export type Interaction = z.infer<typeof interactionSchema>
/** A row of an interaction list: the record and its organization's name. */
export type InteractionListItem = z.infer<typeof interactionListItemSchema>
export type InteractionCreate = z.input<typeof createInteractionBody>
export type InteractionPatch = z.input<typeof patchInteractionBody>
export type InteractionQuery = z.input<typeof listInteractionsQuery>

export type Opportunity = z.infer<typeof opportunitySchema>
/** A row of an opportunity list: the record and its organization's name. */
export type OpportunityListItem = z.infer<typeof opportunityListItemSchema>
export type OpportunityCreate = z.input<typeof createOpportunityBody>
export type OpportunityPatch = z.input<typeof patchOpportunityBody>
export type OpportunityQuery = z.input<typeof listOpportunitiesQuery>

export type Dashboard = z.infer<typeof dashboardSchema>
export type SearchResult = z.infer<typeof searchResultSchema>
export type SearchHit = SearchResult['data'][number]

export type Alert = z.infer<typeof alertSchema>
/** An alert with its timeline and the notifications it sent. */
export type AlertDetail = z.infer<typeof alertDetailSchema>
export type AlertQuery = z.input<typeof listAlertsQuery>
export type AlertEvent = z.infer<typeof alertEventSchema>
export type AlertHistoryQuery = z.input<typeof alertHistoryQuery>
export type AlertStats = z.infer<typeof alertStatsSchema>
export type AlertRule = z.infer<typeof alertRuleSchema>
export type AlertRuleCreate = z.input<typeof createAlertRuleBody>
export type AlertRulePatch = z.input<typeof patchAlertRuleBody>
export type AlertChannel = z.infer<typeof alertChannelSchema>
export type AlertChannelCreate = z.input<typeof createAlertChannelBody>
export type AlertChannelPatch = z.input<typeof patchAlertChannelBody>
export type AlertDelivery = z.infer<typeof alertDeliverySchema>
export type AlertDeliveryQuery = z.input<typeof listDeliveriesQuery>
/** The deliveries a "Send test" queued, one per channel. */
export type TestSend = z.infer<typeof testSendSchema>

export type MonitoringOverview = z.infer<typeof overviewSchema>
/** Figures for one route or one query over the window. */
export type NamedSummary = z.infer<typeof namedSummarySchema>
export type NamedSummaryList = z.infer<typeof namedListSchema>
