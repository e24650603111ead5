import { useQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { keys } from '../api/keys.js'
import { searchApi } from '../api/resources.js'

/** Search across accounts, contacts and deals once the term has two characters. */
export function useSearch(term: MaybeRefOrGetter<string>) {
  const isActive = computed(() => toValue(term).length >= 2)
  const query = useQuery({
    queryKey: computed(() => keys.search.query(toValue(term))),
    queryFn: ({ signal }) => searchApi.search(toValue(term), signal),
    enabled: isActive,
    staleTime: 10_000,
  })
  const hits = computed(() => (isActive.value ? (query.data.value?.data ?? []) : []))
  return { ...query, hits, isActive }
}
