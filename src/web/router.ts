import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from './stores/session.js'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    isPublic?: boolean
    /** Only for this role and above. */
    role?: 'manager' | 'admin'
    title?: string
  }
}

// Every view is its own chunk, loaded when first visited.
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { isPublic: true, title: 'Sign in' } },
  { path: '/', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: 'Dashboard' } },
  { path: '/organizations', name: 'organizations', component: () => import('./pages/OrganizationsPage.vue'), meta: { title: 'Organizations' } },
  { path: '/organizations/:id', name: 'organization', component: () => import('./pages/OrganizationDetailPage.vue'), props: true, meta: { title: 'Organization' } },
  { path: '/contacts', name: 'contacts', component: () => import('./pages/ContactsPage.vue'), meta: { title: 'Contacts' } },
  { path: '/contacts/:id', name: 'contact', component: () => import('./pages/ContactDetailPage.vue'), props: true, meta: { title: 'Contact' } },
  { path: '/interactions', name: 'interactions', component: () => import('./pages/InteractionsPage.vue'), meta: { title: 'Interactions' } },
  { path: '/opportunities', name: 'opportunities', component: () => import('./pages/OpportunitiesPage.vue'), meta: { title: 'Opportunities' } },
  { path: '/alerts', name: 'alerts', component: () => import('./pages/AlertsPage.vue'), meta: { title: 'Alerts', role: 'manager' } },
  { path: '/performance', name: 'performance', component: () => import('./pages/PerformancePage.vue'), meta: { title: 'Performance', role: 'manager' } },
  { path: '/users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { title: 'Users', role: 'admin' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { isPublic: true, title: 'Not found' } },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    const isSignedIn = await session.ensureLoaded().catch(() => false)
    if (to.name === 'login' && isSignedIn) return { name: 'dashboard' }
    if (to.meta.isPublic) return true
    if (!isSignedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    if (to.meta.role === 'admin' && !session.isAdmin) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } }
    if (to.meta.role === 'manager' && !session.isManager) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } }
    return true
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Kitchen Pantry CRM` : 'Kitchen Pantry CRM'
  })
  return router
}
