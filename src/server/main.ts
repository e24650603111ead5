import { ConfigError, loadConfig } from './platform/config/config.js'
import { readOrCreateDemoSecret } from './platform/config/demo-secret.js'

// Only configuration is imported statically: with tracing on, the OpenTelemetry loader hook must be in
// place before the app's modules (Fastify, pg, ioredis, pino) are loaded, so those are imported below.
async function main() {
  let config
  try {
    config = loadConfig(process.env)
    if (config.session.isSecretGenerated && !config.isProduction) {
      config = loadConfig({ ...process.env, SESSION_SECRET: readOrCreateDemoSecret(config.dataDir) })
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }

  let telemetry: { shutdown(): Promise<void> } | undefined
  if (config.telemetry.endpoint) {
    const { startTelemetry } = await import('./platform/telemetry/telemetry.js')
    telemetry = await startTelemetry({ endpoint: config.telemetry.endpoint, serviceName: config.telemetry.serviceName })
  }

  const { buildApp } = await import('./app.js')
  const { DEMO_PASSWORD, isDatabaseEmpty, seedDatabase } = await import('./seed/seed.js')
  const { app, platform, services } = await buildApp(config)
  const log = app.log

  if (config.isDemoSeedAllowed && (await isDatabaseEmpty(platform.database))) {
    log.info('empty database: loading the demo data set (size S)')
    await seedDatabase(platform.database, { size: 'S', referenceDate: new Date() })
    await services.dashboard.refresh()
  }

  // Errors no request owns: captured for the error tracker and logged; an uncaught exception leaves
  // the process in an unknown state, so it exits after a best-effort flush.
  process.on('unhandledRejection', (reason) => {
    platform.monitor.captureError({ error: reason })
    log.error({ err: reason }, 'unhandled promise rejection')
  })
  process.on('uncaughtException', (error) => {
    platform.monitor.captureError({ error })
    log.fatal({ err: error }, 'uncaught exception; exiting')
    setTimeout(() => process.exit(1), 5_000)
    void platform.rollups.flush({ includeCurrentMinute: true }).finally(() => process.exit(1))
  })

  let isClosing = false
  const shutdown = async (signal: string) => {
    if (isClosing) return
    isClosing = true
    log.info({ signal }, 'shutting down: finishing in-flight requests')
    const forced = setTimeout(() => {
      log.error('shutdown took over 20 s; exiting')
      process.exit(1)
    }, 20_000)
    forced.unref()
    await app.close()
    await telemetry?.shutdown()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ host: config.http.host, port: config.http.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.http.port
  const database = config.database.driver === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL'
  process.stdout.write(
    [
      '',
      `  Kitchen Pantry CRM is running on http://localhost:${port}`,
      `  API docs: http://localhost:${port}/api/docs   database: ${database}${config.redisUrl ? ', Redis' : ''}${telemetry ? ', tracing on' : ''}`,
      config.isProduction ? '' : `  Demo sign-ins (password "${DEMO_PASSWORD}"): admin@example.com, manager@example.com, rep1@example.com, rep2@example.com`,
      '',
    ].join('\n') + '\n',
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`Kitchen Pantry CRM failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
