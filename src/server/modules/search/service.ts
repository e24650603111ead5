import type { SearchQuery } from '../../../shared/schemas/search.js'
import { prefixTsQuery } from '../../platform/db/query.js'
import type { Db } from '../../platform/db/types.js'
import { type Actor, visibilityScope } from '../../platform/http/actor.js'
import { searchEverything } from './queries.js'

export function createSearchService(deps: { db: Db }) {
  return {
    async search(actor: Actor, query: SearchQuery) {
      const tsQuery = prefixTsQuery(query.q)
      if (!tsQuery) return { data: [] }
      const first = query.q.trim().toLowerCase().split(/[^\p{L}\p{N}]+/u).find(Boolean) ?? ''
      const prefix = `${first.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
      const hits = await searchEverything(deps.db, tsQuery, prefix, query.limit, visibilityScope(actor))
      return { data: hits.map((hit) => ({ ...hit, rank: Number(hit.rank) })) }
    },
  }
}

export type SearchService = ReturnType<typeof createSearchService>
