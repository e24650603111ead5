import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Database } from '../../platform/db/types.js'

export type CheckStatus = 'up' | 'down'

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Readiness: the database (and Redis when configured) answer within a short timeout. The public answer
 * says only up or down; why a check failed (host names, auth errors) goes to the log.
 */
export function createHealthService(deps: { database: Database; redis: Redis | undefined; log: Logger }) {
  const checks: Record<string, { run: () => Promise<unknown>; timeoutMs: number }> = {
    database: { run: () => deps.database.ping(), timeoutMs: 2_000 },
    ...(deps.redis ? { redis: { run: () => (deps.redis as Redis).ping(), timeoutMs: 1_000 } } : {}),
  }
  return {
    async readiness() {
      const results: Record<string, { status: CheckStatus }> = {}
      for (const [name, check] of Object.entries(checks)) {
        try {
          await probe(check.run, check.timeoutMs)
          results[name] = { status: 'up' }
        } catch (error) {
          deps.log.warn({ err: error, check: name }, 'readiness check failed')
          results[name] = { status: 'down' }
        }
      }
      return { isReady: Object.values(results).every((result) => result.status === 'up'), checks: results }
    },
  }
}

export type HealthService = ReturnType<typeof createHealthService>
