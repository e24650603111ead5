import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { CacheConfig } from '../cache/cache.js'

// dist/web beside dist/server (and beside src/server when run from sources).
const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../../dist/web', import.meta.url))

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

function postgresUrl(name: string) {
  return z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
      message: `${name} must be a postgres:// or postgresql:// URL`,
    })
}

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value)

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: z.coerce.number({ message: 'PORT must be a number' }).int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl('DATABASE_URL').optional()),
  DATABASE_READ_URL: z.preprocess(emptyAsUndefined, postgresUrl('DATABASE_READ_URL').optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine((value) => /^rediss?:\/\//.test(value) && URL.canParse(value), {
        message: 'REDIS_URL must be a redis:// or rediss:// URL',
      })
      .optional(),
  ),
  SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, { message: 'SESSION_SECRET must be at least 32 characters' }).optional(),
  ),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  WEB_ROOT: z.string().trim().min(1).optional(),
  DASHBOARD_REFRESH_DEBOUNCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  JOBS: z.enum(['on', 'off']).default('on'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  MONITORING: z.enum(['on', 'off']).default('on'),
  INSTANCE_ID: z.string().trim().min(1).max(100).optional(),
  SLOW_REQUEST_MS: z.coerce.number().int().min(1).default(1000),
  SLOW_QUERY_MS: z.coerce.number().int().min(1).default(100),
  HEAP_SPIKE_MB: z.coerce.number().int().min(1).default(50),
  PROCESS_SAMPLE_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  MONITORING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, { message: 'METRICS_TOKEN must be at least 16 characters' }).optional()),
  HEALTH_P95_DEGRADED_MS: z.coerce.number().positive().default(1000),
  HEALTH_P95_UNHEALTHY_MS: z.coerce.number().positive().default(2000),
  HEALTH_ERROR_RATE_DEGRADED: z.coerce.number().min(0).max(1).default(0.01),
  HEALTH_ERROR_RATE_UNHEALTHY: z.coerce.number().min(0).max(1).default(0.05),
  HEALTH_HEAP_DEGRADED: z.coerce.number().min(0).max(1).default(0.7),
  HEALTH_HEAP_UNHEALTHY: z.coerce.number().min(0).max(1).default(0.9),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    emptyAsUndefined,
    z.string().trim().refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' }).optional(),
  ),
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(100).default('kitchen-pantry-crm'),
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'REDIS_KEY_PREFIX must be 1-64 letters, digits or : _ . -' })
    .default('kp:'),
  CACHE: z.enum(['on', 'off']).default('on'),
  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  CACHE_L1_MAX_ENTRIES: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
  CACHE_L1_MAX_MB: z.coerce.number().int().min(1).max(4096).default(128),
  CACHE_REDIS_TIMEOUT_MS: z.coerce.number().int().min(1).max(5000).default(25),
  CACHE_SESSION_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl('PUBLIC_URL').optional()),
  ALERT_EVALUATION_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  ALERT_SECRETS_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, { message: 'ALERT_SECRETS_KEY must be at least 32 characters' }).optional()),
  ALERT_DELIVERY_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
  ALERT_DELIVERY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.string().trim().refine((value) => /^smtps?:\/\//.test(value) && URL.canParse(value), { message: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
  ),
  ALERT_EMAIL_FROM: z.preprocess(emptyAsUndefined, z.email({ message: 'ALERT_EMAIL_FROM must be an e-mail address' }).optional()),
  ALERT_EMAIL_TO: z.preprocess(emptyAsUndefined, emailList('ALERT_EMAIL_TO').optional()),
  SLACK_WEBHOOK_URL: z.preprocess(emptyAsUndefined, httpUrl('SLACK_WEBHOOK_URL').optional()),
  ALERT_WEBHOOK_URL: z.preprocess(emptyAsUndefined, httpUrl('ALERT_WEBHOOK_URL').optional()),
  ALERT_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, { message: 'ALERT_WEBHOOK_SECRET must be at least 16 characters' }).optional()),
  REPORT_EMAIL_TO: z.preprocess(emptyAsUndefined, emailList('REPORT_EMAIL_TO').optional()),
  REPORT_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  REPORT_TIME_ZONE: z
    .string()
    .trim()
    .refine((zone) => isTimeZone(zone), { message: 'REPORT_TIME_ZONE must be an IANA time zone, e.g. Europe/Berlin' })
    .default('UTC'),
})

function httpUrl(name: string) {
  return z
    .string()
    .trim()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { message: `${name} must be an http:// or https:// URL` })
}

/** `a@x.com, b@y.com` → a list of addresses. */
function emailList(name: string) {
  return z
    .string()
    .transform((raw) => raw.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.email({ message: `${name} must be comma-separated e-mail addresses` })).min(1).max(20))
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  readonly env: 'development' | 'production' | 'test'
  readonly isProduction: boolean
  readonly http: { readonly host: string; readonly port: number; readonly isProxyTrusted: boolean; readonly bodyLimitBytes: number }
  readonly log: { readonly level: LogLevel; readonly isPretty: boolean }
  readonly database:
    | { readonly driver: 'pglite'; readonly dataDir: string }
    | { readonly driver: 'postgres'; readonly url: string; readonly readUrl?: string; readonly poolMax: number }
  readonly redisUrl?: string
  /** Prefix of every key and channel the app uses in Redis, so several apps can share one server. */
  readonly redisKeyPrefix: string
  readonly session: { readonly secret: string; readonly ttlHours: number; readonly isCookieSecure: boolean; readonly isSecretGenerated: boolean }
  readonly auth: { readonly maxFailedLogins: number; readonly lockoutMinutes: number; readonly loginRateLimitPerMinute: number }
  readonly jobs: { readonly isEnabled: boolean; readonly dashboardDebounceSeconds: number }
  readonly isDemoSeedAllowed: boolean
  readonly monitoring: MonitoringConfig
  /** OpenTelemetry tracing: off unless an OTLP endpoint is configured. */
  readonly telemetry: { readonly endpoint?: string; readonly serviceName: string }
  readonly cache: CacheConfig
  /** Where the embedded database and the generated demo secret live. */
  readonly dataDir: string
  /** The built SPA (vite build output). */
  readonly webRoot: string
  /** Where users reach the app, for links in e-mails; http://localhost:<port> when unset. */
  readonly publicUrl: string
  readonly alerts: AlertsConfig
}

export interface AlertsConfig {
  /** Seconds between evaluations; 0 turns the loop off (tests evaluate by hand). */
  readonly evaluationSeconds: number
  /** Key material for sealing channel secrets (ALERT_SECRETS_KEY, else SESSION_SECRET). */
  readonly secretsKey: string
  readonly delivery: { readonly retryLimit: number; readonly retryDelaySeconds: number }
  /** Channels configured by the environment, created (or updated) on start. */
  readonly environment: {
    readonly email?: { readonly smtpUrl: string; readonly from: string; readonly to: readonly string[] }
    readonly slack?: { readonly webhookUrl: string }
    readonly webhook?: { readonly url: string; readonly secret: string }
  }
  /** The daily performance e-mail (REPORT_EMAIL_TO), sent through SMTP_URL. */
  readonly report?: { readonly to: readonly string[]; readonly hour: number; readonly timeZone: string; readonly smtpUrl: string; readonly from: string }
}

export interface MonitoringConfig {
  readonly isEnabled: boolean
  readonly instanceId?: string
  readonly slowRequestMs: number
  readonly slowQueryMs: number
  readonly heapSpikeBytes: number
  readonly processSampleMs: number
  readonly retentionDays: number
  /** Bearer token for /metrics; without one, /metrics is open outside production and loopback/private-only in it. */
  readonly metricsToken?: string
  readonly isMetricsOpen: boolean
  readonly health: {
    readonly p95DegradedMs: number
    readonly p95UnhealthyMs: number
    readonly errorRateDegraded: number
    readonly errorRateUnhealthy: number
    readonly heapDegraded: number
    readonly heapUnhealthy: number
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads the environment once, reporting every bad variable together. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`))
  }
  const e = parsed.data
  const isProduction = e.NODE_ENV === 'production'
  if (isProduction && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required when NODE_ENV=production (at least 32 characters)'])
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_READ_URL: only valid together with DATABASE_URL'])
  }
  const pairing: string[] = []
  if (e.SMTP_URL && !(e.ALERT_EMAIL_TO || e.REPORT_EMAIL_TO)) pairing.push('SMTP_URL: set ALERT_EMAIL_TO (or REPORT_EMAIL_TO) to say who receives mail')
  if ((e.ALERT_EMAIL_TO || e.REPORT_EMAIL_TO) && !e.SMTP_URL) pairing.push('ALERT_EMAIL_TO / REPORT_EMAIL_TO: need SMTP_URL to send through')
  if (e.ALERT_WEBHOOK_URL && !e.ALERT_WEBHOOK_SECRET) pairing.push('ALERT_WEBHOOK_URL: needs ALERT_WEBHOOK_SECRET (at least 16 characters) to sign its calls')
  if (pairing.length > 0) throw new ConfigError(pairing)
  const sessionSecret = e.SESSION_SECRET ?? randomBytes(32).toString('hex')
  const emailFrom = e.ALERT_EMAIL_FROM ?? 'alerts@kitchen-pantry.invalid'
  const config: Config = {
    env: e.NODE_ENV,
    isProduction,
    http: { host: e.HOST, port: e.PORT, isProxyTrusted: e.TRUST_PROXY === 'true', bodyLimitBytes: 1024 * 1024 },
    log: { level: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'), isPretty: !isProduction },
    database: e.DATABASE_URL
      ? { driver: 'postgres', url: e.DATABASE_URL, readUrl: e.DATABASE_READ_URL, poolMax: e.DATABASE_POOL_MAX }
      : { driver: 'pglite', dataDir: e.DATA_DIR },
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    session: {
      secret: sessionSecret,
      isSecretGenerated: !e.SESSION_SECRET,
      ttlHours: e.SESSION_TTL_HOURS,
      isCookieSecure: isProduction,
    },
    auth: { maxFailedLogins: 5, lockoutMinutes: 15, loginRateLimitPerMinute: 30 },
    jobs: { isEnabled: e.JOBS === 'on', dashboardDebounceSeconds: e.DASHBOARD_REFRESH_DEBOUNCE_SECONDS },
    isDemoSeedAllowed: !isProduction,
    monitoring: {
      isEnabled: e.MONITORING === 'on',
      instanceId: e.INSTANCE_ID,
      slowRequestMs: e.SLOW_REQUEST_MS,
      slowQueryMs: e.SLOW_QUERY_MS,
      heapSpikeBytes: e.HEAP_SPIKE_MB * 1024 * 1024,
      processSampleMs: e.PROCESS_SAMPLE_SECONDS * 1000,
      retentionDays: e.MONITORING_RETENTION_DAYS,
      metricsToken: e.METRICS_TOKEN,
      isMetricsOpen: !isProduction && !e.METRICS_TOKEN,
      health: {
        p95DegradedMs: e.HEALTH_P95_DEGRADED_MS,
        p95UnhealthyMs: e.HEALTH_P95_UNHEALTHY_MS,
        errorRateDegraded: e.HEALTH_ERROR_RATE_DEGRADED,
        errorRateUnhealthy: e.HEALTH_ERROR_RATE_UNHEALTHY,
        heapDegraded: e.HEALTH_HEAP_DEGRADED,
        heapUnhealthy: e.HEALTH_HEAP_UNHEALTHY,
      },
    },
    dataDir: e.DATA_DIR,
    webRoot: e.WEB_ROOT ?? DEFAULT_WEB_ROOT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    alerts: {
      evaluationSeconds: e.ALERT_EVALUATION_SECONDS,
      secretsKey: e.ALERT_SECRETS_KEY ?? sessionSecret,
      delivery: { retryLimit: e.ALERT_DELIVERY_RETRY_LIMIT, retryDelaySeconds: e.ALERT_DELIVERY_RETRY_DELAY_SECONDS },
      environment: {
        ...(e.SMTP_URL && e.ALERT_EMAIL_TO ? { email: { smtpUrl: e.SMTP_URL, from: emailFrom, to: e.ALERT_EMAIL_TO } } : {}),
        ...(e.SLACK_WEBHOOK_URL ? { slack: { webhookUrl: e.SLACK_WEBHOOK_URL } } : {}),
        ...(e.ALERT_WEBHOOK_URL && e.ALERT_WEBHOOK_SECRET ? { webhook: { url: e.ALERT_WEBHOOK_URL, secret: e.ALERT_WEBHOOK_SECRET } } : {}),
      },
      ...(e.REPORT_EMAIL_TO && e.SMTP_URL ? { report: { to: e.REPORT_EMAIL_TO, hour: e.REPORT_HOUR, timeZone: e.REPORT_TIME_ZONE, smtpUrl: e.SMTP_URL, from: emailFrom } } : {}),
    },
    telemetry: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    cache: {
      isEnabled: e.CACHE === 'on',
      keyPrefix: e.REDIS_KEY_PREFIX,
      ttlSeconds: e.CACHE_TTL_SECONDS,
      ttlJitter: 0.1,
      l1MaxEntries: e.CACHE_L1_MAX_ENTRIES,
      l1MaxBytes: e.CACHE_L1_MAX_MB * 1024 * 1024,
      redisTimeoutMs: e.CACHE_REDIS_TIMEOUT_MS,
      sessionTtlSeconds: e.CACHE_SESSION_TTL_SECONDS,
      breakerCooldownMs: 1_000,
    },
  }
  return deepFreeze(config)
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
