import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Database } from '../db/types.js'

export type JobHandler = (data: unknown) => Promise<void>

export interface JobDefinition {
  name: string
  handler: JobHandler
  /** A cron expression (minute resolution) to run the job on a timer. */
  cron?: string
  retryLimit?: number
}

export interface Jobs {
  readonly isEnabled: boolean
  define(definition: JobDefinition): void
  /** Enqueues `name` to run after `seconds`; repeated calls inside the window coalesce into one run. */
  sendDebounced(name: string, seconds: number): Promise<void>
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
      for (const definition of definitions.values()) {
        await instance.createQueue(definition.name, {
          name: definition.name,
          retryLimit: definition.retryLimit ?? 3,
          retryBackoff: true,
        })
        await instance.work(definition.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
          for (const job of jobs) {
            const started = performance.now()
            await definition.handler(job.data)
            log.debug({ job: definition.name, durationMs: Math.round(performance.now() - started) }, 'job done')
          }
        })
        if (definition.cron) await instance.schedule(definition.name, definition.cron)
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
