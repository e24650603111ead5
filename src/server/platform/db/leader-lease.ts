import pg from 'pg'
import type { Logger } from 'pino'
import type { Database } from './types.js'

/**
 * "Am I the one?" for work that must run on one instance only (the alert loop): a session-level
 * advisory lock held on a connection of its own. When the holder stops or dies its connection closes
 * and the lock is free for the next instance that asks; TCP keepalives make the server notice a vanished
 * holder within seconds, not hours. An embedded database belongs to one process: always the one.
 */
export function createLeaderLease(deps: { database: Database; lockId: number; name: string; log: Logger }) {
  const { database, lockId, name, log } = deps
  let holder: pg.Client | undefined

  async function letGo(client: pg.Client) {
    if (holder === client) holder = undefined
    await client.end().catch(() => undefined)
  }

  return {
    /** Whether this instance holds the lease now, taking it when it is free. */
    async isHeld(): Promise<boolean> {
      if (database.kind === 'pglite' || !database.url) return true
      if (holder) {
        // Still holding it? A connection that stopped answering has lost it (or soon will): let go.
        const client = holder
        try {
          await Promise.race([client.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} lease connection timed out`)), 5_000).unref())])
          return true
        } catch (error) {
          log.warn({ err: error, lease: name }, 'lease connection lost; another instance may take over')
          await letGo(client)
        }
      }
      const client = new pg.Client({
        connectionString: database.url,
        application_name: `kp-${name}`,
        keepAlive: true,
        options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
      })
      client.on('error', (error) => {
        log.warn({ err: error, lease: name }, 'lease connection failed; another instance may take over')
        void letGo(client)
      })
      try {
        await client.connect()
        const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lockId])
        if (result.rows[0]?.locked) {
          holder = client
          log.info({ lease: name }, 'this instance now holds the lease')
          return true
        }
      } catch (error) {
        log.warn({ err: error, lease: name }, 'could not ask for the lease')
      }
      await client.end().catch(() => undefined)
      return false
    },

    /** Gives the lease up at once (closing its connection), for the next instance. */
    async release() {
      if (holder) await letGo(holder)
    },
  }
}

export type LeaderLease = ReturnType<typeof createLeaderLease>
