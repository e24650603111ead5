// The cost of monitoring, measured two ways in one run:
// 1. memory: the process heap after 10,000 and after 1,000,000 requests recorded through the real
//    hooks (a manual clock spreads them over more than the ring's hour, so every bucket is reused);
// 2. throughput: the same endpoint served by the compiled server with MONITORING=off, =on, and on with
//    OpenTelemetry tracing exporting to a local OTLP receiver; alternated, autocannon from this process.
//
//   DATABASE_URL=postgres://…/crm npm run bench:monitoring      (a seeded database for part 2)
import { createServer } from 'node:http'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { buildApp } from '../src/server/app.js'
import { loadConfig } from '../src/server/platform/config/config.js'
import { openDatabase } from '../src/server/platform/db/database.js'
import { createManualClock } from '../src/server/platform/runtime/runtime.js'
import { signIn, startServer } from './lib/server.js'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    skipMemory: { type: 'boolean', default: false },
  },
})

/** Settled heap: garbage released only after event-loop turns (finalizers, timers) is let go first. */
async function settledHeap() {
  const collect = (globalThis as { gc?: () => void }).gc
  if (!collect) throw new Error('run with node --expose-gc (npm run bench:monitoring does)')
  for (let pass = 0; pass < 3; pass++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    collect()
  }
  return process.memoryUsage().heapUsed
}
const mb = (bytes: number) => (bytes / 1048576).toFixed(1)

async function memory() {
  const total = Number(values.requests)
  const clock = createManualClock(new Date('2026-03-15T12:00:00Z'))
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'bench-'.repeat(8), JOBS: 'off', LOG_LEVEL: 'silent' })
  const database = await openDatabase({ driver: 'pglite' })
  const { app } = await buildApp(config, { database, clock })
  const requests = [
    { method: 'GET' as const, url: '/health/live' },
    { method: 'GET' as const, url: '/api/v1/organizations' },
    { method: 'POST' as const, url: '/api/v1/auth/login', payload: { email: 1 } },
    { method: 'GET' as const, url: '/api/v1/organizations/0190c0de-0000-7000-8000-000000000000' },
  ]
  let heapAt10k = 0
  const started = performance.now()
  for (let index = 1; index <= total; index++) {
    const request = index % 10 === 0 ? { method: 'GET' as const, url: `/no/such/page/${index}` } : requests[index % requests.length]!
    await app.inject(request)
    clock.advance(5) // 1,000,000 requests span 83 minutes: the hour-long ring wraps.
    if (index === 10_000) heapAt10k = await settledHeap()
  }
  const heapAtEnd = await settledHeap()
  const seconds = (performance.now() - started) / 1000
  await app.close()
  await database.close()
  console.log(`memory: ${total.toLocaleString('en-US')} requests recorded in ${seconds.toFixed(0)} s (${Math.round(total / seconds).toLocaleString('en-US')} req/s through inject)`)
  console.log(`  heap after 10,000: ${mb(heapAt10k)} MB; after ${total.toLocaleString('en-US')}: ${mb(heapAtEnd)} MB; difference ${mb(heapAtEnd - heapAt10k)} MB`)
}

type Mode = 'off' | 'on' | 'tracing'

function startMode(mode: Mode, otlpEndpoint: string) {
  return startServer({
    MONITORING: mode === 'off' ? 'off' : 'on',
    ...(mode === 'tracing' ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint } : {}),
  })
}

async function throughput() {
  if (!process.env.DATABASE_URL) {
    console.log('throughput: skipped — set DATABASE_URL to a seeded PostgreSQL database')
    return
  }
  // A local OTLP/HTTP receiver that accepts and drops spans, standing in for a collector.
  let spansBytes = 0
  const receiver = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (spansBytes += chunk.length))
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
  }).listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  const otlpEndpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`
  const modes: Mode[] = ['off', 'on', 'tracing']
  const results: Record<Mode, number[]> = { off: [], on: [], tracing: [] }
  const latency: Record<Mode, number[]> = { off: [], on: [], tracing: [] }
  for (let round = 0; round < Number(values.rounds); round++) {
    const order = [...modes.slice(round % modes.length), ...modes.slice(0, round % modes.length)]
    for (const mode of order) {
      const { server, base } = await startMode(mode, otlpEndpoint)
      try {
        const cookie = await signIn(base, 'manager@example.com')
        const url = `${base}/api/v1/organizations?limit=50`
        await autocannon({ url, headers: { cookie }, connections: Number(values.connections), duration: 3 })
        const result = await autocannon({ url, headers: { cookie }, connections: Number(values.connections), duration: Number(values.seconds) })
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`)
        results[mode].push(result.requests.average)
        latency[mode].push(result.latency.p99)
        console.log(`  round ${round + 1} ${mode.padEnd(7)}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`)
      } finally {
        server.kill('SIGTERM')
        await once(server, 'exit')
      }
    }
  }
  receiver.close()
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0
  const off = median(results.off)
  console.log(`throughput (GET /api/v1/organizations?limit=50 as manager, ${values.connections} connections, ${values.seconds} s, median of ${values.rounds}):`)
  for (const mode of modes) {
    const value = median(results[mode])
    const cost = mode === 'off' ? '' : `  cost ${(((off - value) / off) * 100).toFixed(1)} % against off`
    console.log(`  ${mode.padEnd(7)}: ${Math.round(value)} req/s (p99 ${median(latency[mode])} ms)${cost}`)
  }
  console.log(`  (the OTLP receiver took ${(spansBytes / 1048576).toFixed(1)} MB of spans)`)
}

if (!values.skipMemory) await memory()
await throughput()
