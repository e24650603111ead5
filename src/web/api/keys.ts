// Every Vue Query key in one place. Keys start with the resource, so a mutation invalidates a whole
// resource by prefix (`['organizations']`) and never has to know which lists are on screen.
export const keys = {
  session: ['session'] as const,
  organizations: {
    all: ['organizations'] as const,
    list: (query: object) => ['organizations', 'list', query] as const,
    detail: (id: string) => ['organizations', 'detail', id] as const,
    children: (id: string, kind: 'contacts' | 'interactions' | 'opportunities') => ['organizations', 'children', id, kind] as const,
    /** The first page of an account's contacts as choices for a picker (not the paged list). */
    contactOptions: (id: string) => ['organizations', 'children', id, 'contacts', 'options'] as const,
    /** Accounts matching a picker's search (a single page, not the paged list). */
    picker: (query: object) => ['organizations', 'picker', query] as const,
  },
  contacts: {
    all: ['contacts'] as const,
    list: (query: object) => ['contacts', 'list', query] as const,
    detail: (id: string) => ['contacts', 'detail', id] as const,
  },
  interactions: {
    all: ['interactions'] as const,
    list: (query: object) => ['interactions', 'list', query] as const,
  },
  opportunities: {
    all: ['opportunities'] as const,
    list: (query: object) => ['opportunities', 'list', query] as const,
    detail: (id: string) => ['opportunities', 'detail', id] as const,
  },
  users: {
    all: ['users'] as const,
    list: (query: object) => ['users', 'list', query] as const,
  },
  dashboard: {
    all: ['dashboard'] as const,
    scope: (scope: string) => ['dashboard', scope] as const,
  },
  search: {
    all: ['search'] as const,
    query: (q: string) => ['search', q] as const,
  },
  /** Alerts, their timeline and the summary figures (a rule's own record is under `alertRules`). */
  alerts: {
    all: ['alerts'] as const,
    list: (query: object) => ['alerts', 'list', query] as const,
    detail: (id: string) => ['alerts', 'detail', id] as const,
    history: (query: object) => ['alerts', 'history', query] as const,
    stats: (window: string) => ['alerts', 'stats', window] as const,
  },
  alertRules: {
    all: ['alertRules'] as const,
    list: ['alertRules', 'list'] as const,
  },
  alertChannels: {
    all: ['alertChannels'] as const,
    list: ['alertChannels', 'list'] as const,
  },
  alertDeliveries: {
    all: ['alertDeliveries'] as const,
    list: (query: object) => ['alertDeliveries', 'list', query] as const,
  },
  monitoring: {
    all: ['monitoring'] as const,
    overview: (window: string) => ['monitoring', 'overview', window] as const,
    routes: (window: string) => ['monitoring', 'routes', window] as const,
  },
}
