import { type Query, request } from './client.js'
import type {
  Alert,
  AlertChannel,
  AlertChannelCreate,
  AlertChannelPatch,
  AlertDelivery,
  AlertDeliveryQuery,
  AlertDetail,
  AlertEvent,
  AlertHistoryQuery,
  AlertQuery,
  AlertRule,
  AlertRuleCreate,
  AlertRulePatch,
  AlertStats,
  Contact,
  ContactCreate,
  ContactPatch,
  ContactQuery,
  Dashboard,
  Interaction,
  InteractionCreate,
  InteractionListItem,
  InteractionPatch,
  InteractionQuery,
  MonitoringOverview,
  NamedSummaryList,
  Opportunity,
  OpportunityCreate,
  OpportunityListItem,
  OpportunityPatch,
  OpportunityQuery,
  Organization,
  OrganizationCreate,
  OrganizationDetail,
  OrganizationListItem,
  OrganizationPatch,
  OrganizationQuery,
  Page,
  SearchResult,
  SessionUser,
  TestSend,
  User,
  UserCreate,
  UserPatch,
  UserQuery,
} from './types.js'

/** The same six operations for every CRM resource (the server's resource routes). */
function resource<Item extends { id: string; version: number }, Detail, Create, Patch, ListQuery extends object, ListItem = Item>(path: string) {
  return {
    list: (query: ListQuery, signal?: AbortSignal) => request<Page<ListItem>>(path, { query: query as Query, signal }),
    get: (id: string, signal?: AbortSignal) => request<Detail>(`${path}/${id}`, { signal }),
    create: (body: Create) => request<Item>(path, { method: 'POST', body }),
    update: (id: string, body: Patch, version?: number) => request<Item>(`${path}/${id}`, { method: 'PATCH', body, version }),
    remove: (id: string, version?: number) => request<void>(`${path}/${id}`, { method: 'DELETE', version }),
    restore: (id: string) => request<Item>(`${path}/${id}/restore`, { method: 'POST' }),
  }
}

export const organizationsApi = {
  ...resource<Organization, OrganizationDetail, OrganizationCreate, OrganizationPatch, OrganizationQuery, OrganizationListItem>('/organizations'),
  contacts: (id: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
    request<Page<Contact>>(`/organizations/${id}/contacts`, { query, signal }),
  interactions: (id: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
    request<Page<InteractionListItem>>(`/organizations/${id}/interactions`, { query, signal }),
  opportunities: (id: string, query: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
    request<Page<OpportunityListItem>>(`/organizations/${id}/opportunities`, { query, signal }),
}
export const contactsApi = resource<Contact, Contact, ContactCreate, ContactPatch, ContactQuery>('/contacts')
export const interactionsApi = resource<Interaction, Interaction, InteractionCreate, InteractionPatch, InteractionQuery, InteractionListItem>('/interactions')
export const opportunitiesApi = resource<Opportunity, Opportunity, OpportunityCreate, OpportunityPatch, OpportunityQuery, OpportunityListItem>('/opportunities')

export const usersApi = {
  list: (query: UserQuery, signal?: AbortSignal) => request<Page<User>>('/users', { query: query as Query, signal }),
  get: (id: string, signal?: AbortSignal) => request<User>(`/users/${id}`, { signal }),
  create: (body: UserCreate) => request<User>('/users', { method: 'POST', body }),
  update: (id: string, body: UserPatch) => request<User>(`/users/${id}`, { method: 'PATCH', body }),
}

export const authApi = {
  me: () => request<SessionUser>('/auth/me'),
  login: (email: string, password: string) => request<SessionUser>('/auth/login', { method: 'POST', body: { email, password } }),
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
}

export const dashboardApi = {
  get: (scope: string, signal?: AbortSignal) => request<Dashboard>('/dashboard', { query: { scope }, signal }),
}

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => request<SearchResult>('/search', { query: { q }, signal }),
}

export const alertsApi = {
  list: (query: AlertQuery, signal?: AbortSignal) => request<Page<Alert>>('/alerts', { query: query as Query, signal }),
  get: (id: string, signal?: AbortSignal) => request<AlertDetail>(`/alerts/${id}`, { signal }),
  acknowledge: (id: string) => request<Alert>(`/alerts/${id}/acknowledge`, { method: 'POST' }),
  resolve: (id: string) => request<Alert>(`/alerts/${id}/resolve`, { method: 'POST' }),
  history: (query: AlertHistoryQuery, signal?: AbortSignal) => request<Page<AlertEvent>>('/alerts/history', { query: query as Query, signal }),
  stats: (window: string, signal?: AbortSignal) => request<AlertStats>('/alerts/stats', { query: { window }, signal }),
}

export const alertRulesApi = {
  list: (signal?: AbortSignal) => request<{ data: AlertRule[] }>('/alerts/rules', { signal }),
  create: (body: AlertRuleCreate) => request<AlertRule>('/alerts/rules', { method: 'POST', body }),
  update: (id: string, body: AlertRulePatch, version?: number) => request<AlertRule>(`/alerts/rules/${id}`, { method: 'PATCH', body, version }),
  remove: (id: string, version?: number) => request<void>(`/alerts/rules/${id}`, { method: 'DELETE', version }),
  test: (id: string) => request<TestSend>(`/alerts/rules/${id}/test`, { method: 'POST' }),
}

export const alertChannelsApi = {
  list: (signal?: AbortSignal) => request<{ data: AlertChannel[] }>('/alerts/channels', { signal }),
  create: (body: AlertChannelCreate) => request<AlertChannel>('/alerts/channels', { method: 'POST', body }),
  update: (id: string, body: AlertChannelPatch, version?: number) => request<AlertChannel>(`/alerts/channels/${id}`, { method: 'PATCH', body, version }),
  remove: (id: string, version?: number) => request<void>(`/alerts/channels/${id}`, { method: 'DELETE', version }),
  test: (id: string) => request<TestSend>(`/alerts/channels/${id}/test`, { method: 'POST' }),
}

export const alertDeliveriesApi = {
  list: (query: AlertDeliveryQuery, signal?: AbortSignal) => request<Page<AlertDelivery>>('/alerts/deliveries', { query: query as Query, signal }),
  resend: (id: string) => request<AlertDelivery>(`/alerts/deliveries/${id}/resend`, { method: 'POST' }),
}

export const monitoringApi = {
  overview: (window: string, signal?: AbortSignal) => request<MonitoringOverview>('/monitoring/overview', { query: { window }, signal }),
  /** Every route's figures over the window (the overview has only the slowest). */
  routes: (window: string, signal?: AbortSignal) => request<NamedSummaryList>('/monitoring/routes', { query: { window }, signal }),
}
