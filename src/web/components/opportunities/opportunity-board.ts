import type { OpportunityStage } from '../../../shared/schemas/enums.js'
import type { OpportunityListItem } from '../../api/types.js'

/** What the board shows for one stage. */
export interface BoardColumn {
  stage: OpportunityStage
  rows: OpportunityListItem[]
  hasMore: boolean
  isLoadingMore: boolean
  /** The first page is still loading. */
  isLoading: boolean
  isError: boolean
}

// The drag payload of a board card: its id under a type of our own, so a drop of anything else (a link,
// a file, text from another app) is ignored.
export const OPPORTUNITY_DRAG_TYPE = 'application/x-opportunity-id'

export function hasOpportunity(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes(OPPORTUNITY_DRAG_TYPE)
}
