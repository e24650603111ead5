import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { ApiError, setUnauthorizedHandler } from './api/client.js'
import { createAppRouter } from './router.js'
import { useSessionStore } from './stores/session.js'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Show cached data at once and refresh it behind the scenes (stale-while-revalidate).
      staleTime: 30_000,
      gcTime: 10 * 60_000,
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: true,
    },
  },
})

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia).use(router).use(VueQueryPlugin, { queryClient })

setUnauthorizedHandler(() => {
  useSessionStore(pinia).forget()
  queryClient.clear()
  const current = router.currentRoute.value
  if (!current.meta.isPublic) void router.replace({ name: 'login', query: { next: current.fullPath } })
})

app.mount('#app')
