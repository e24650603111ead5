import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { constants as zlibConstants } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Logger } from 'pino'
import { accessPlugin } from './modules/auth/access-plugin.js'
import { authRoutes } from './modules/auth/routes.js'
import { createMaintenance } from './platform/jobs/maintenance.js'
import { createSessionCache } from './modules/auth/session-cache.js'
import { createAuthService } from './modules/auth/service.js'
import { contactRoutes, organizationContactRoutes } from './modules/contacts/routes.js'
import { createContactService } from './modules/contacts/service.js'
import { dashboardRoutes } from './modules/dashboard/routes.js'
import { createDashboardService, DASHBOARD_CACHE_TAG, DASHBOARD_REFRESH_JOB } from './modules/dashboard/service.js'
import { healthRoutes } from './modules/health/routes.js'
import { createHealthService } from './modules/health/service.js'
import { interactionRoutes, organizationTimelineRoutes } from './modules/interactions/routes.js'
import { createInteractionService } from './modules/interactions/service.js'
import { opportunityRoutes, organizationOpportunityRoutes } from './modules/opportunities/routes.js'
import { createOpportunityService } from './modules/opportunities/service.js'
import { organizationRoutes } from './modules/organizations/routes.js'
import { createOrganizationService } from './modules/organizations/service.js'
import { searchRoutes } from './modules/search/routes.js'
import { createSearchService } from './modules/search/service.js'
import { userRoutes } from './modules/users/routes.js'
import { createUserService } from './modules/users/service.js'
import type { Config } from './platform/config/config.js'
import { RESOURCES, type Resource, USERS_TAG } from './platform/cache/changes.js'
import { cachePlugin } from './platform/cache/http-plugin.js'
import { httpPlatform } from './platform/http/http-platform.js'
import { monitoringPlugin, routeKey } from './platform/monitoring/http-plugin.js'
import { metricsRoutes, monitoringRoutes } from './modules/monitoring/routes.js'
import { createMonitoringService } from './modules/monitoring/service.js'
import { webAppPlugin } from './platform/http/web-app.js'
import { createAlertEvaluator } from './modules/alerts/evaluator.js'
import { createMetricReader } from './modules/alerts/metrics.js'
import { buildDailyReport } from './modules/alerts/report.js'
import { alertRoutes } from './modules/alerts/routes.js'
import { createAlertService, DAILY_REPORT_JOB, DEAD_DELIVERY_JOB, DELIVERY_JOB } from './modules/alerts/service.js'
import { createSecretBox } from './platform/security/secret-box.js'
import { createWriteEffects, writeEffectsPlugin } from './platform/http/write-effects.js'
import { loggerOptions, requestId } from './platform/logging/logger.js'
import { createPlatform, type Platform, type PlatformOverrides } from './platform/platform.js'

export interface App {
  app: FastifyInstance
  platform: Platform
  services: Services
}

export type Services = ReturnType<typeof createServices>

function createServices(platform: Platform) {
  const { database, clock, ids, config, jobs, monitor, changes } = platform
  const db = database.db
  // What each service's writes can change: an organization's own (and, when it is deleted, restored or
  // reassigned, its children's, which also show its name); a child's writes only its own kind.
  const touchFor =
    (resources: readonly Resource[]) =>
    (ownerId: string | null, organizationId?: string, only?: readonly Resource[]) =>
      changes.touch(only ?? resources, ownerId, organizationId)
  const health = createHealthService({ database, redis: platform.redis, log: platform.log })
  const alerts = createAlertService({
    countDelivery: (channel, result) => monitor.prometheus.alertDeliveries.inc({ channel, result }),
    db,
    clock,
    ids,
    jobs,
    secrets: createSecretBox(config.alerts.secretsKey, 'alert-channel-secrets'),
    config: config.alerts,
    publicUrl: config.publicUrl,
    log: platform.log.child({ component: 'alerts' }),
  })
  return {
    alerts,
    alertEvaluator: createAlertEvaluator({
      database,
      lease: platform.alertLease,
      clock,
      ids,
      read: createMetricReader({ db, monitor, clock }),
      alerts,
      log: platform.log.child({ component: 'alerts' }),
      publicUrl: config.publicUrl,
      intervalSeconds: config.alerts.evaluationSeconds,
    }),
    dailyReport: () => alerts.queueReport(() => buildDailyReport({ db, rollups: platform.rollups, clock, publicUrl: config.publicUrl })),
    auth: createAuthService({
      db,
      clock,
      ids,
      policy: {
        sessionSecret: config.session.secret,
        sessionTtlHours: config.session.ttlHours,
        maxFailedLogins: config.auth.maxFailedLogins,
        lockoutMinutes: config.auth.lockoutMinutes,
      },
      sessions: createSessionCache({ cache: platform.cache, clock, ttlSeconds: config.cache.sessionTtlSeconds }),
      onFailedLogin: () => monitor.prometheus.failedLogins.inc(),
    }),
    maintenance: createMaintenance({ db, clock }),
    users: createUserService({ db, clock, ids, touch: touchFor(RESOURCES), touchUsers: () => changes.touchTag(USERS_TAG) }),
    organizations: createOrganizationService({ db, clock, ids, touch: touchFor(RESOURCES) }),
    contacts: createContactService({ db, clock, ids, touch: touchFor(['contacts']) }),
    interactions: createInteractionService({ db, clock, ids, touch: touchFor(['interactions']) }),
    opportunities: createOpportunityService({ db, clock, ids, touch: touchFor(['opportunities']) }),
    health,
    monitoring: createMonitoringService({ db, monitor, rollups: platform.rollups, health, config: config.monitoring, poolStats: () => database.poolStats() }),
    search: createSearchService({ db: database.readDb }),
    dashboard: createDashboardService({
      db,
      readDb: database.readDb,
      jobs,
      debounceSeconds: config.jobs.dashboardDebounceSeconds,
      onRefreshed: () => platform.cache.bump([DASHBOARD_CACHE_TAG]),
    }),
  }
}

/** The only composition root: platform, plugins, then each module's routes, in order. */
export async function buildApp(config: Config, overrides: PlatformOverrides & { logger?: Logger } = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: overrides.logger,
    ...(overrides.logger ? {} : { logger: loggerOptions(config.log) }),
    genReqId: requestId,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.isProxyTrusted,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
  }) as unknown as FastifyInstance
  const platform = await createPlatform(config, app.log as Logger, overrides)
  const services = createServices(platform)
  app.addHook('onClose', async () => {
    await services.alertEvaluator.stop()
    await platform.close()
  })

  const effects = createWriteEffects()
  effects.onChange(async (tags) => {
    if (tags.includes('dashboard')) await services.dashboard.scheduleRefresh()
  })
  platform.jobs.define({
    name: DASHBOARD_REFRESH_JOB,
    handler: () => services.dashboard.refresh(),
    cron: '*/5 * * * *',
  })
  platform.jobs.define({ name: 'maintenance-prune', handler: () => services.maintenance.prune(), cron: '17 * * * *' })
  platform.jobs.define({ name: 'monitoring-retention', handler: () => platform.rollups.prune(), cron: '23 3 * * *' })
  platform.jobs.define({
    name: DELIVERY_JOB,
    handler: (data) => services.alerts.deliver((data as { deliveryId: string }).deliveryId),
    retryLimit: config.alerts.delivery.retryLimit,
    retryDelaySeconds: config.alerts.delivery.retryDelaySeconds,
    deadLetter: DEAD_DELIVERY_JOB,
    expireInSeconds: 120,
    workers: 4,
  })
  platform.jobs.define({ name: DEAD_DELIVERY_JOB, handler: (data) => services.alerts.markDead((data as { deliveryId: string }).deliveryId) })
  if (config.alerts.report) {
    platform.jobs.define({
      name: DAILY_REPORT_JOB,
      handler: async () => {
        await services.dailyReport()
      },
      cron: `0 ${config.alerts.report.hour} * * *`,
      cronTimeZone: config.alerts.report.timeZone,
      retryLimit: 2,
    })
  }

  await app.register(httpPlatform, {
    isProduction: config.isProduction,
    onServerError: (error, request) =>
      platform.monitor.captureError({ error, requestId: request.id, route: routeKey(request), userId: request.actor?.id }),
  })
  if (config.monitoring.isEnabled) {
    await app.register(monitoringPlugin, { monitor: platform.monitor, slowRequestMs: config.monitoring.slowRequestMs })
  }
  // Brotli at quality 4: most of its gain at a fraction of the default (11)'s CPU, for dynamic answers.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  })
  await app.register(cookie)
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...(platform.redis ? { redis: platform.redis, nameSpace: `${config.redisKeyPrefix}rate-limit:` } : {}),
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kitchen Pantry CRM API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kp_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } })
  await app.register(accessPlugin, { auth: services.auth })
  await app.register(writeEffectsPlugin, { db: platform.database.db, clock: platform.clock, effects })
  await app.register(cachePlugin, { cache: platform.cache, changes: platform.changes })

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/openapi.json',
    { config: { access: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  )
  await app.register(healthRoutes, { prefix: '/health', service: services.health })
  await app.register(metricsRoutes, {
    metrics: platform.monitor.prometheus,
    token: config.monitoring.metricsToken,
    isOpen: config.monitoring.isMetricsOpen,
  })
  await app.register(monitoringRoutes, { prefix: '/api/v1/monitoring', service: services.monitoring })
  await app.register(authRoutes, {
    prefix: '/api/v1/auth',
    auth: services.auth,
    isCookieSecure: config.session.isCookieSecure,
    loginRateLimitPerMinute: config.auth.loginRateLimitPerMinute,
  })
  await app.register(userRoutes, { prefix: '/api/v1/users', service: services.users })
  await app.register(organizationRoutes, { prefix: '/api/v1/organizations', service: services.organizations })
  await app.register(organizationContactRoutes, { prefix: '/api/v1/organizations', service: services.contacts })
  await app.register(organizationTimelineRoutes, { prefix: '/api/v1/organizations', service: services.interactions })
  await app.register(organizationOpportunityRoutes, { prefix: '/api/v1/organizations', service: services.opportunities })
  await app.register(contactRoutes, { prefix: '/api/v1/contacts', service: services.contacts })
  await app.register(interactionRoutes, { prefix: '/api/v1/interactions', service: services.interactions })
  await app.register(opportunityRoutes, { prefix: '/api/v1/opportunities', service: services.opportunities })
  await app.register(searchRoutes, { prefix: '/api/v1/search', service: services.search })
  await app.register(dashboardRoutes, { prefix: '/api/v1/dashboard', service: services.dashboard })
  await app.register(alertRoutes, { prefix: '/api/v1/alerts', service: services.alerts, sendReport: services.dailyReport })
  await app.register(webAppPlugin, { root: config.webRoot })

  await app.ready()
  await platform.jobs.start()
  if (config.monitoring.isEnabled) platform.rollups.start()
  await services.alerts.syncEnvironmentChannels()
  await services.alerts.ensureDefaultRules()
  // A report that is no longer configured must not stay on pg-boss's timetable.
  if (!config.alerts.report) await platform.jobs.unschedule(DAILY_REPORT_JOB)
  services.alertEvaluator.start()
  return { app, platform, services }
}
