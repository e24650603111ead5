// The interactions list's filters: as the user sets them, as they sit in the URL, and as the API reads them.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { INTERACTION_TYPES } from '../../../shared/schemas/enums.js'
import type { InteractionQuery } from '../../api/types.js'
import { endOfLocalDay, fromLocalInput } from '../../composables/format.js'
import type { InteractionType } from './interaction-display.js'

export interface InteractionFilterValues {
  types: InteractionType[]
  /** Local calendar days, `YYYY-MM-DD` or empty. */
  from: string
  to: string
  /** Only interactions the signed-in user logged. */
  mine: boolean
  /** Only interactions with a follow-up due by the end of today. */
  due: boolean
}

export const EMPTY_INTERACTION_FILTERS: InteractionFilterValues = { types: [], from: '', to: '', mine: false, due: false }

const DAY = /^\d{4}-\d{2}-\d{2}$/
const first = (value: LocationQuery[string] | undefined) => (Array.isArray(value) ? value[0] : value) ?? ''

/** Filters from the URL query; anything unreadable is ignored. */
export function filtersFromQuery(query: LocationQuery): InteractionFilterValues {
  const types = first(query.type)
    .split(',')
    .filter((value): value is InteractionType => (INTERACTION_TYPES as readonly string[]).includes(value))
  const from = first(query.from)
  const to = first(query.to)
  return {
    types: INTERACTION_TYPES.filter((type) => types.includes(type)),
    from: DAY.test(from) ? from : '',
    to: DAY.test(to) ? to : '',
    mine: first(query.mine) === '1',
    due: first(query.due) === '1',
  }
}

/** The URL query for a set of filters (unset filters are left out). */
export function filtersToQuery(filters: InteractionFilterValues): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (filters.types.length > 0) query.type = filters.types.join(',')
  if (filters.from) query.from = filters.from
  if (filters.to) query.to = filters.to
  if (filters.mine) query.mine = '1'
  if (filters.due) query.due = '1'
  return query
}

export function hasActiveFilters(filters: InteractionFilterValues): boolean {
  return filters.types.length > 0 || Boolean(filters.from || filters.to) || filters.mine || filters.due
}

/** The list request: local days become the start and end of those days in the user's time zone. */
export function filtersToApiQuery(filters: InteractionFilterValues, options: { userId?: string; today?: Date } = {}): Omit<InteractionQuery, 'cursor'> {
  const query: Omit<InteractionQuery, 'cursor'> = { limit: 50 }
  if (filters.types.length > 0) query.type = filters.types.join(',')
  if (filters.from) query.occurredFrom = fromLocalInput(filters.from)
  if (filters.to) query.occurredTo = endOfLocalDay(new Date(`${filters.to}T00:00`))
  if (filters.mine && options.userId) query.userId = options.userId
  if (filters.due) query.followUpTo = endOfLocalDay(options.today ?? new Date())
  return query
}
