import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Database } from '../db/types.js'

export type JobHandler = (data: unknown) => Promise<void>

export interface JobDefinition {
  name: string
  handler: JobHandler
  /** A cron expression (minute resolution) to run the job on a timer. */
  cron?: string
  /** Time zone of `cron` (IANA name); UTC when unset. */
  cronTimeZone?: string
  retryLimit?: number
  /** Seconds before the first retry; with backoff each retry waits about twice as long, with jitter. */
  retryDelaySeconds?: number
  /** A queue that receives the job once its retries are spent (it must be defined too). */
  deadLetter?: string
  /** A run still active after this long counts as failed (and is retried). */
  expireInSeconds?: number
  /** Runs at once on this instance (default 1), so one slow run does not hold up the others. */
  workers?: number
}

export interface Jobs {
  readonly isEnabled: boolean
  define(definition: JobDefinition): void
  /** Enqueues `name` to run after `seconds`; repeated calls inside the window coalesce into one run. */
  sendDebounced(name: string, seconds: number): Promise<void>
  /** Enqueues one run of `name`; an `id` already queued is not queued twice. False when jobs are off. */
  send(name: string, data: object, options?: { id?: string }): Promise<boolean>
  /** Removes `name` from the timetable (a cron job no longer configured); nothing when jobs are off. */
  unschedule(name: string): Promise<void>
  start(): Promise<void>
  stop(): Promise<void>
}

/**
 * Background work on pg-boss, in the application's own database (PGlite or PostgreSQL), so a job
 * survives restarts and runs once across instances. Disabled (`JOBS=off`) nothing runs in the
 * background: scripts and most tests run that way and call the work directly.
 */
export function createJobs(database: Database, log: Logger, options: { isEnabled: boolean }): Jobs {
  const definitions = new Map<string, JobDefinition>()
  let boss: PgBoss | undefined

  return {
    isEnabled: options.isEnabled,
    define(definition) {
      definitions.set(definition.name, definition)
    },
    async sendDebounced(name, seconds) {
      if (!boss) return
      await boss.sendDebounced(name, {}, { retryLimit: definitions.get(name)?.retryLimit ?? 3 }, seconds, name)
    },
    async send(name, data, sendOptions = {}) {
      if (!boss) return false
      await boss.send(name, data, sendOptions.id ? { id: sendOptions.id } : {})
      return true
    },
    async unschedule(name) {
      await boss?.unschedule(name)
    },
    async start() {
      if (!options.isEnabled || boss) return
      const instance = new PgBoss({
        db: { executeSql: (text, values) => database.executeSql(text, values) as Promise<{ rows: never[] }> },
        schema: 'pgboss',
        // PGlite is a single connection: keep pg-boss's own housekeeping light.
        maintenanceIntervalSeconds: 120,
      })
      instance.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'))
      await instance.start()
      // Dead-letter queues first: a queue naming one needs it to exist.
      const ordered = [...definitions.values()].sort((a, b) => Number(Boolean(a.deadLetter)) - Number(Boolean(b.deadLetter)))
      for (const definition of ordered) {
        const queue = {
          name: definition.name,
          retryLimit: definition.retryLimit ?? 3,
          retryBackoff: true,
          ...(definition.retryDelaySeconds ? { retryDelay: definition.retryDelaySeconds } : {}),
          ...(definition.deadLetter ? { deadLetter: definition.deadLetter } : {}),
          ...(definition.expireInSeconds ? { expireInSeconds: definition.expireInSeconds } : {}),
        }
        // Creating an existing queue keeps its old settings: update them to this start's.
        await instance.createQueue(definition.name, queue)
        await instance.updateQueue(definition.name, queue)
        for (let worker = 0; worker < (definition.workers ?? 1); worker++) {
          await instance.work(definition.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
            for (const job of jobs) {
              const started = performance.now()
              await definition.handler(job.data)
              log.debug({ job: definition.name, durationMs: Math.round(performance.now() - started) }, 'job done')
            }
          })
        }
        if (definition.cron) await instance.schedule(definition.name, definition.cron, {}, definition.cronTimeZone ? { tz: definition.cronTimeZone } : {})
      }
      boss = instance
    },
    async stop() {
      const instance = boss
      boss = undefined
      if (instance) await instance.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}
