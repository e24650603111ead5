import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import type { Logger } from 'pino'

export interface ProcessSample {
  at: string
  eventLoopDelayP50Ms: number
  eventLoopDelayP99Ms: number
  eventLoopDelayMaxMs: number
  heapUsedBytes: number
  heapLimitBytes: number
  heapShare: number
  rssBytes: number
  gcPauseMs: number
  cpuPercent: number
}

/**
 * Process figures sampled on a timer, never per request: event-loop delay (perf_hooks), heap against
 * V8's limit, RSS, time spent in GC and CPU. A jump in heap between samples is logged with the routes
 * in flight at that moment.
 */
export function createProcessSampler(deps: {
  intervalMs: number
  heapSpikeBytes: number
  log: Logger
  inFlightRoutes: () => string[]
  now: () => Date
}) {
  const loop = monitorEventLoopDelay({ resolution: 10 })
  let gcPauseMs = 0
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauseMs += entry.duration
  })
  let last: ProcessSample | undefined
  let lastCpu = process.cpuUsage()
  let lastAt = performance.now()
  let lastHeap = process.memoryUsage().heapUsed
  let timer: NodeJS.Timeout | undefined

  function sample(): ProcessSample {
    const memory = process.memoryUsage()
    const heapLimitBytes = getHeapStatistics().heap_size_limit
    const cpu = process.cpuUsage(lastCpu)
    const elapsedMs = performance.now() - lastAt
    const result: ProcessSample = {
      at: deps.now().toISOString(),
      eventLoopDelayP50Ms: loop.count ? loop.percentile(50) / 1e6 : 0,
      eventLoopDelayP99Ms: loop.count ? loop.percentile(99) / 1e6 : 0,
      eventLoopDelayMaxMs: loop.count ? loop.max / 1e6 : 0,
      heapUsedBytes: memory.heapUsed,
      heapLimitBytes,
      heapShare: memory.heapUsed / heapLimitBytes,
      rssBytes: memory.rss,
      gcPauseMs,
      cpuPercent: elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100 : 0,
    }
    if (memory.heapUsed - lastHeap > deps.heapSpikeBytes) {
      deps.log.warn(
        { heapUsedMb: Math.round(memory.heapUsed / 1048576), growthMb: Math.round((memory.heapUsed - lastHeap) / 1048576), routesInFlight: deps.inFlightRoutes() },
        'memory spike',
      )
    }
    loop.reset()
    gcPauseMs = 0
    lastCpu = process.cpuUsage()
    lastAt = performance.now()
    lastHeap = memory.heapUsed
    last = result
    return result
  }

  return {
    start() {
      loop.enable()
      gc.observe({ entryTypes: ['gc'] })
      timer = setInterval(sample, deps.intervalMs)
      timer.unref()
    },
    stop() {
      clearInterval(timer)
      loop.disable()
      gc.disconnect()
    },
    sample,
    latest(): ProcessSample {
      return last ?? sample()
    },
  }
}

export type ProcessSampler = ReturnType<typeof createProcessSampler>
