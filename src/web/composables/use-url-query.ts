// Filters that live in the URL (so a reload, the back button or a shared link keep them): read one,
// or set some and keep the rest. Empty values are left out of the URL.
import { type LocationQueryRaw, useRoute, useRouter } from 'vue-router'

export function useUrlQuery() {
  const route = useRoute()
  const router = useRouter()

  function read(name: string): string {
    const value = route.query[name]
    return typeof value === 'string' ? value : ''
  }

  function write(patch: Record<string, string | undefined>) {
    const next: LocationQueryRaw = { ...route.query }
    for (const [name, value] of Object.entries(patch)) {
      if (value === undefined || value === '') delete next[name]
      else next[name] = value
    }
    void router.replace({ query: next })
  }

  return { read, write }
}
