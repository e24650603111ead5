import { register } from 'node:module'

/**
 * Starts OpenTelemetry tracing: HTTP, Fastify (@fastify/otel), pg and ioredis spans, exported by
 * OTLP/HTTP to `endpoint`, and trace ids written into the pino logs. It must run before the app's
 * modules are imported: the ESM loader hook can only wrap modules loaded after it.
 */
export async function startTelemetry(options: { endpoint: string; serviceName: string }) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url)
  const [{ NodeSDK }, { getNodeAutoInstrumentations }, { OTLPTraceExporter }, { FastifyOtelInstrumentation }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/auto-instrumentations-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@fastify/otel'),
      import('@opentelemetry/resources'),
    ])
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }),
    // Traces only: metrics go to Prometheus, and an OTLP metrics exporter with no collector delays shutdown.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-fs': { enabled: false },
        '@opentelemetry/instrumentation-dns': { enabled: false },
        '@opentelemetry/instrumentation-net': { enabled: false },
      }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
    ],
  })
  sdk.start()
  return { shutdown: () => sdk.shutdown() }
}

export type Telemetry = Awaited<ReturnType<typeof startTelemetry>>
