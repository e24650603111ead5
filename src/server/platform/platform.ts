import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from './config/config.js'
import { openDatabase } from './db/database.js'
import { createLeaderLease, type LeaderLease } from './db/leader-lease.js'
import { runMigrations } from './db/migrate.js'
import { observeQueries } from './db/query.js'
import type { Database } from './db/types.js'
import { type Cache, createCache } from './cache/cache.js'
import { type ChangeScope, createChangeScope } from './cache/changes.js'
import { createJobs, type Jobs } from './jobs/jobs.js'
import { createMonitor, type Monitor } from './monitoring/monitor.js'
import { createRollups, type Rollups } from './monitoring/rollups.js'
import { type Clock, type Ids, systemClock, uuidV7Ids } from './runtime/runtime.js'

/** Everything stateful the app uses, made in one place and closed in one place. */
export interface Platform {
  readonly config: Config
  readonly database: Database
  readonly redis: Redis | undefined
  readonly jobs: Jobs
  readonly clock: Clock
  readonly ids: Ids
  readonly log: Logger
  readonly monitor: Monitor
  readonly rollups: Rollups
  readonly cache: Cache
  readonly changes: ChangeScope
  /** Held by the one instance that evaluates alert rules. */
  readonly alertLease: LeaderLease
  close(): Promise<void>
}

export type PlatformOverrides = Partial<Pick<Platform, 'database' | 'clock' | 'ids' | 'redis'>>

export async function createPlatform(config: Config, log: Logger, overrides: PlatformOverrides = {}): Promise<Platform> {
  const database =
    overrides.database ??
    (await openDatabase(
      config.database.driver === 'pglite'
        ? { driver: 'pglite', dataDir: config.database.dataDir }
        : {
            driver: 'postgres',
            url: config.database.url,
            readUrl: config.database.readUrl,
            poolMax: config.database.poolMax,
            onIdleError: (error) => log.warn({ err: error }, 'idle database connection lost'),
          },
    ))
  const ownsDatabase = !overrides.database
  try {
    await runMigrations(database)
  } catch (error) {
    if (ownsDatabase) await database.close()
    throw error
  }
  const monitor = createMonitor({ config: config.monitoring, clock: overrides.clock ?? systemClock, log: log.child({ component: 'monitoring' }), database })
  if (config.monitoring.isEnabled) {
    observeQueries(database.db, monitor.queryObserver)
    if (database.readDb !== database.db) observeQueries(database.readDb, monitor.queryObserver)
    monitor.attach()
  }
  const rollups = createRollups({
    db: database.db,
    monitor,
    clock: overrides.clock ?? systemClock,
    log: log.child({ component: 'monitoring' }),
    retentionDays: config.monitoring.retentionDays,
  })

  const redis = overrides.redis ?? (config.redisUrl ? createRedis(config.redisUrl, log) : undefined)
  const ownsRedis = !overrides.redis
  if (redis) await untilReady(redis, REDIS_START_WAIT_MS)
  const cache = createCache({
    config: config.cache,
    redis,
    subscriber: redis ? redis.duplicate() : undefined,
    clock: overrides.clock ?? systemClock,
    log: log.child({ component: 'cache' }),
    record: monitor.recordCache,
  })
  const jobs = createJobs(database, log.child({ component: 'jobs' }), { isEnabled: config.jobs.isEnabled })
  const alertLease = createLeaderLease({ database, lockId: ALERT_LEASE_LOCK_ID, name: 'alert-evaluator', log: log.child({ component: 'alerts' }) })

  return {
    config,
    database,
    redis,
    jobs,
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? uuidV7Ids,
    log,
    monitor,
    rollups,
    cache,
    changes: createChangeScope(),
    alertLease,
    async close() {
      await alertLease.release()
      cache.close()
      rollups.stop()
      if (config.monitoring.isEnabled) {
        await rollups.flush({ includeCurrentMinute: true }).catch((error: unknown) => log.warn({ err: error }, 'final monitoring flush failed'))
        monitor.detach()
      }
      await jobs.stop()
      if (redis && ownsRedis) redis.disconnect()
      if (ownsDatabase) await database.close()
    },
  }
}

// Any constant works; it only has to be the same for every instance sharing the database.
const ALERT_LEASE_LOCK_ID = 724_031_007

/** How long start-up waits for Redis; past it the app starts degraded and picks Redis up when it answers. */
const REDIS_START_WAIT_MS = 2_000

/**
 * Waits for the connection so the first requests use Redis (a rate limit that skipped Redis while it
 * connected would let those requests through uncounted); gives up quietly after `timeoutMs`.
 */
async function untilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    redis.on('ready', done)
  })
}

function createRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  })
  let isDown = false
  redis.on('error', (error) => {
    if (!isDown) log.warn({ err: error }, 'redis unavailable; continuing without it')
    isDown = true
  })
  redis.on('ready', () => {
    if (isDown) log.info('redis reconnected')
    isDown = false
  })
  return redis
}
