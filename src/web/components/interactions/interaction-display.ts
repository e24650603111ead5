// How interaction types and outcomes look everywhere they appear (icon, label, colour).
import type { INTERACTION_OUTCOMES, INTERACTION_TYPES } from '../../../shared/schemas/enums.js'

export type InteractionType = (typeof INTERACTION_TYPES)[number]
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number]

export const TYPE_DISPLAY: Record<InteractionType, { label: string; icon: 'phone' | 'mail' | 'pin' | 'users' | 'spoon' | 'presentation' | 'edit' }> = {
  call: { label: 'Call', icon: 'phone' },
  email: { label: 'E-mail', icon: 'mail' },
  visit: { label: 'Visit', icon: 'pin' },
  meeting: { label: 'Meeting', icon: 'users' },
  sampling: { label: 'Sampling', icon: 'spoon' },
  demo: { label: 'Demo', icon: 'presentation' },
  note: { label: 'Note', icon: 'edit' },
}

export const OUTCOME_DISPLAY: Record<InteractionOutcome, { label: string; badge: string }> = {
  positive: { label: 'Positive', badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  neutral: { label: 'Neutral', badge: 'bg-slate-100 text-slate-700 ring-slate-300' },
  negative: { label: 'Negative', badge: 'bg-red-50 text-red-800 ring-red-200' },
}
