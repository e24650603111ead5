import { keepPreviousData, useInfiniteQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import type { Page } from '../api/types.js'

/**
 * A keyset-paged list as one growing array of rows: `loadMore()` fetches the next page by cursor. While
 * new filters load, the previous rows stay on screen (no flash, no layout shift).
 */
export function useList<T>(
  key: MaybeRefOrGetter<readonly unknown[]>,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  options: {
    enabled?: MaybeRefOrGetter<boolean>
    /** Refetch the loaded pages this often while the tab is visible (lists that change by themselves). */
    refetchIntervalMs?: number
  } = {},
) {
  const query = useInfiniteQuery({
    queryKey: computed(() => toValue(key)),
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: computed(() => toValue(options.enabled) ?? true),
    refetchInterval: options.refetchIntervalMs ?? false,
    refetchIntervalInBackground: false,
  })
  const rows = computed<T[]>(() => query.data.value?.pages.flatMap((page) => page.data) ?? [])

  function loadMore() {
    if (query.hasNextPage.value && !query.isFetchingNextPage.value) void query.fetchNextPage()
  }

  /** After a failure: the next page again if that is what failed, else the pages already shown. */
  function retry() {
    if (query.isFetchNextPageError.value) void query.fetchNextPage()
    else void query.refetch()
  }

  return { ...query, rows, loadMore, retry }
}
