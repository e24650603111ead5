// The read-through cache under a realistic mix on a seeded database: reps (and some managers) reading
// their dashboards, lists with the filters people use and the accounts they return to, a write every
// ~20 reads. The same server with CACHE=off and =on in one run, then =on with Redis killed mid-run.
//
//   DATABASE_URL=postgres://…/crm npm run bench:cache      (seed it with --size L first)
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, Socket } from 'node:net'
import { parseArgs } from 'node:util'
import { signIn, startServer } from './lib/server.js'

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, warmup: { type: 'string', default: '30' }, workers: { type: 'string', default: '32' }, reps: { type: 'string', default: '20' } },
})
const seconds = Number(values.seconds)
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  process.stderr.write('Set DATABASE_URL to a seeded PostgreSQL database (npm run seed -- --size L).\n')
  process.exit(2)
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  server.close()
  return port
}

async function waitForPort(port: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const isUp = await new Promise<boolean>((resolve) => {
      const probe = new Socket()
      probe.once('connect', () => (probe.destroy(), resolve(true)))
      probe.once('error', () => resolve(false))
      probe.connect(port, '127.0.0.1')
    })
    if (isUp) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`nothing listens on ${port}`)
}


interface User {
  cookie: string
  role: 'rep' | 'manager'
  organizationIds: string[]
}

async function signInUser(base: string, email: string, role: User['role']): Promise<User> {
  const cookie = await signIn(base, email)
  const list = (await (await fetch(`${base}/api/v1/organizations?limit=200&sort=-updatedAt`, { headers: { cookie } })).json()) as { data: { id: string }[] }
  return { cookie, role, organizationIds: list.data.map((organization) => organization.id) }
}

// Deterministic pseudo-random choices, so both modes replay the same mix.
function prng(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

const SEARCHES = ['grill', 'sys', 'smith', 'cafe', 'bistro']
const LIST_VARIANTS = ['', '&priority=A', '&sort=-updatedAt', '&segment=healthcare,education']

/** Returning to their own accounts: 80 % of detail reads go to a fifth of them. */
function pickOrganization(user: User, random: () => number) {
  const hot = Math.max(1, Math.floor(user.organizationIds.length / 5))
  const index = random() < 0.8 ? Math.floor(random() * hot) : Math.floor(random() * user.organizationIds.length)
  return user.organizationIds[index] ?? user.organizationIds[0]
}

async function run(base: string, users: User[], durationMs: number, onTick?: (elapsedMs: number) => void) {
  let requests = 0
  let failures = 0
  let hits = 0
  let cacheable = 0
  const started = performance.now()
  const deadline = started + durationMs
  const statusFailures = new Map<number, number>()
  await Promise.all(
    Array.from({ length: Number(values.workers) }, async (_, worker) => {
      const user = users[worker % users.length] as User
      const random = prng(worker + 1)
      let sinceWrite = 0
      while (performance.now() < deadline) {
        onTick?.(performance.now() - started)
        let method = 'GET'
        let path: string
        let body: string | undefined
        const organizationId = pickOrganization(user, random)
        if (++sinceWrite >= 20 && user.role === 'rep') {
          // A rep's writes: mostly logging a call or visit on an account, sometimes editing the account.
          sinceWrite = 0
          if (random() < 0.75) {
            method = 'POST'
            path = '/api/v1/interactions'
            body = JSON.stringify({ organizationId, type: random() < 0.5 ? 'visit' : 'call', subject: `Check-in ${Math.floor(random() * 1e6)}` })
          } else {
            method = 'PATCH'
            path = `/api/v1/organizations/${organizationId}`
            body = JSON.stringify({ notes: `Visited ${Math.floor(random() * 1e6)}` })
          }
        } else {
          const roll = random()
          if (roll < 0.1) path = '/api/v1/dashboard'
          else if (roll < 0.4) path = `/api/v1/organizations?limit=50${LIST_VARIANTS[Math.floor(random() * LIST_VARIANTS.length)]}`
          else if (roll < 0.85) path = `/api/v1/organizations/${organizationId}`
          else if (roll < 0.95) path = `/api/v1/organizations/${organizationId}/${random() < 0.5 ? 'contacts' : 'interactions'}`
          else path = `/api/v1/search?q=${SEARCHES[Math.floor(random() * SEARCHES.length)]}`
        }
        try {
          const response = await fetch(`${base}${path}`, {
            method,
            headers: { cookie: user.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
            body,
          })
          await response.arrayBuffer()
          requests += 1
          if (response.status >= 400) {
            failures += 1
            statusFailures.set(response.status, (statusFailures.get(response.status) ?? 0) + 1)
          }
          const timing = response.headers.get('server-timing') ?? ''
          if (method === 'GET') {
            cacheable += 1
            if (timing.includes('cache;desc=hit')) hits += 1
          }
        } catch {
          requests += 1
          failures += 1
        }
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  return { perSecond: requests / elapsed, requests, failures, hitRatio: cacheable ? hits / cacheable : 0, statusFailures }
}

// Sessions live in the database, so one sign-in per user serves every scenario (and stays under the
// per-address sign-in rate limit).
let users: User[] = []

async function scenario(label: string, env: Record<string, string>, killRedis?: () => void) {
  const { server, base } = await startServer({ LOG_LEVEL: 'error', ...env })
  try {
    if (users.length === 0) {
      users = [await signInUser(base, 'manager@example.com', 'manager')]
      for (let index = 1; index <= Number(values.reps); index++) users.push(await signInUser(base, `rep${index}@example.com`, 'rep'))
    }
    await run(base, users, Number(values.warmup) * 1000)
    let killed = false
    const result = await run(base, users, seconds * 1000, (elapsed) => {
      if (killRedis && !killed && elapsed > (seconds * 1000) / 2) {
        killed = true
        killRedis()
      }
    })
    const failures = result.failures ? ` (${[...result.statusFailures].map(([status, count]) => `${count}× ${status}`).join(', ')})` : ''
    console.log(`${label.padEnd(34)} ${Math.round(result.perSecond).toString().padStart(6)} req/s   hit ratio ${(result.hitRatio * 100).toFixed(1).padStart(5)} %   failed ${result.failures}${failures}`)
    return result
  } finally {
    server.kill('SIGTERM')
    await once(server, 'exit')
  }
}

const redisPort = await freePort()
const redis: ChildProcess = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
await waitForPort(redisPort)
const redisUrl = `redis://127.0.0.1:${redisPort}`
console.log(`mix: ${values.reps} reps + the manager on ${values.workers} connections, ${seconds} s after a ${values.warmup} s warm-up; 10 % dashboard, 30 % lists (4 filter variants), 45 % account details (80 % to a fifth of the rep's accounts), 10 % an account's contacts or timeline, 5 % search; each rep writes every 20th request (75 % logging an interaction, 25 % editing an account)`)
const off = await scenario('cache off', { CACHE: 'off', REDIS_URL: redisUrl })
const on = await scenario('cache on (in-process + Redis)', { CACHE: 'on', REDIS_URL: redisUrl })
await scenario('cache on, Redis killed half-way', { CACHE: 'on', REDIS_URL: redisUrl }, () => redis.kill('SIGKILL'))
console.log(`throughput with the cache: ${(on.perSecond / off.perSecond).toFixed(2)}× without it`)
redis.kill('SIGKILL')
