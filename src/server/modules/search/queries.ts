import { sql } from 'drizzle-orm'
import type { SearchHit } from '../../../shared/schemas/search.js'
import { defineQuery, rowsOf } from '../../platform/db/query.js'
import { contacts, opportunities, organizations } from '../../platform/db/schema/index.js'
import type { Db } from '../../platform/db/types.js'

/**
 * Best matches across organizations, contacts and opportunities the caller can see, ranked by
 * ts_rank with exact-prefix name matches first. Each branch is limited before the union so the GIN
 * indexes do the work, whatever the table sizes.
 */
export const searchEverything = defineQuery(
  'search.all',
  async (db: Db, tsQuery: string, prefix: string, limit: number, visibleTo: string | undefined): Promise<SearchHit[]> => {
    const q = sql`to_tsquery('simple', ${tsQuery})`
    const orgVisible = visibleTo ? sql`AND o.assigned_user_id = ${visibleTo}` : sql``
    return rowsOf<SearchHit>(
      db,
      sql`
      (SELECT 'organization' AS kind, o.id, o.name AS title,
              nullif(concat_ws(', ', o.city, o.region), '') AS subtitle, o.id AS "organizationId",
              (ts_rank(o.search_vector, ${q}) + CASE WHEN lower(o.name) LIKE ${prefix} THEN 1 ELSE 0 END)::float8 AS rank
         FROM ${organizations} o
        WHERE o.search_vector @@ ${q} AND o.deleted_at IS NULL ${orgVisible}
        ORDER BY rank DESC LIMIT ${limit})
      UNION ALL
      (SELECT 'contact', c.id, c.first_name || ' ' || c.last_name, o.name, o.id,
              (ts_rank(c.search_vector, ${q}) + CASE WHEN lower(c.last_name) LIKE ${prefix} OR lower(c.first_name) LIKE ${prefix} THEN 0.8 ELSE 0 END)::float8
         FROM ${contacts} c JOIN ${organizations} o ON o.id = c.organization_id AND o.deleted_at IS NULL ${orgVisible}
        WHERE c.search_vector @@ ${q} AND c.deleted_at IS NULL
        ORDER BY 6 DESC LIMIT ${limit})
      UNION ALL
      (SELECT 'opportunity', p.id, p.name, o.name, o.id,
              (ts_rank(p.search_vector, ${q}) + CASE WHEN lower(p.name) LIKE ${prefix} THEN 0.9 ELSE 0 END)::float8
         FROM ${opportunities} p JOIN ${organizations} o ON o.id = p.organization_id AND o.deleted_at IS NULL ${orgVisible}
        WHERE p.search_vector @@ ${q} AND p.deleted_at IS NULL
        ORDER BY 6 DESC LIMIT ${limit})
      ORDER BY rank DESC, title ASC
      LIMIT ${limit}`,
    )
  },
)
