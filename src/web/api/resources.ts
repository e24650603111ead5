import { type Query, request } from './client.js'
import type {
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
