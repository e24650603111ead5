import { useQuery } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import type { MonitoringWindow } from '../../shared/schemas/monitoring.js'
import { keys } from '../api/keys.js'
import { monitoringApi } from '../api/resources.js'

// The figures are a moving window over the last minutes: refreshed every 15 s while the tab is
// visible, never in the background, and the previous figures stay on screen while new ones load.
const REFRESH_MS = 15_000

/** Requests, queries, process and cache figures over a window. */
export function usePerformanceOverview(window: MaybeRefOrGetter<MonitoringWindow>) {
  return useQuery({
    queryKey: computed(() => keys.monitoring.overview(toValue(window))),
    queryFn: ({ signal }) => monitoringApi.overview(toValue(window), signal),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  })
}

/**
 * Every route's figures over a window: fetched only when one route is asked for (a link from an
 * alert), since the overview lists only the slowest.
 */
export function useRouteFigures(window: MaybeRefOrGetter<MonitoringWindow>, enabled: MaybeRefOrGetter<boolean>) {
  return useQuery({
    queryKey: computed(() => keys.monitoring.routes(toValue(window))),
    queryFn: ({ signal }) => monitoringApi.routes(toValue(window), signal),
    enabled: computed(() => toValue(enabled)),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  })
}
