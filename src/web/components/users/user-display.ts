import type { UserRole } from '../../../shared/schemas/enums.js'

// What each role may do, in the words an admin choosing a role needs.
export const ROLE_DISPLAY: Record<UserRole, { label: string; description: string; badge: string }> = {
  admin: { label: 'Admin', description: 'Everything, plus users, alerts and performance', badge: 'bg-brand-50 text-brand-900 ring-brand-700/30' },
  manager: { label: 'Manager', description: 'All accounts and the team dashboard', badge: 'bg-sky-50 text-sky-900 ring-sky-700/30' },
  rep: { label: 'Rep', description: 'Their own accounts', badge: 'bg-slate-100 text-slate-800 ring-slate-400/40' },
}
