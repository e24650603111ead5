import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 with a generated secret outside production', () => {
    const config = loadConfig({})
    expect(config.database).toEqual({ driver: 'pglite', dataDir: './data' })
    expect(config.http.port).toBe(3000)
    expect(config.session.isSecretGenerated).toBe(true)
    expect(config.session.secret).toHaveLength(64)
    expect(Object.isFrozen(config.http)).toBe(true)
  })

  it('uses node-postgres when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/crm', DATABASE_READ_URL: 'postgres://u@replica:5432/crm' })
    expect(config.database).toMatchObject({ driver: 'postgres', url: 'postgres://u@db:5432/crm', readUrl: 'postgres://u@replica:5432/crm' })
  })

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost', LOG_LEVEL: 'loud', NODE_ENV: 'staging' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const problems = (error as ConfigError).problems.join('\n')
      for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'NODE_ENV']) expect(problems).toContain(name)
    }
  })

  it('requires SESSION_SECRET in production and never seeds there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/)
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32) })
    expect(config.isDemoSeedAllowed).toBe(false)
    expect(config.session.isCookieSecure).toBe(true)
    expect(config.log.isPretty).toBe(false)
  })

  it('reads alert channels and the daily report from the environment, and refuses half a channel', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://u:p@mail.example.com:587',
      ALERT_EMAIL_TO: 'a@example.com, b@example.com',
      ALERT_WEBHOOK_URL: 'https://hook.example.com/x',
      ALERT_WEBHOOK_SECRET: 'w'.repeat(16),
      REPORT_EMAIL_TO: 'lead@example.com',
      REPORT_HOUR: '6',
      REPORT_TIME_ZONE: 'Europe/Berlin',
    })
    expect(config.alerts.environment.email).toEqual({ smtpUrl: 'smtp://u:p@mail.example.com:587', from: 'alerts@kitchen-pantry.invalid', to: ['a@example.com', 'b@example.com'] })
    expect(config.alerts.environment.slack).toBeUndefined()
    expect(config.alerts.report).toMatchObject({ to: ['lead@example.com'], hour: 6, timeZone: 'Europe/Berlin' })
    expect(config.alerts.secretsKey).toBe(config.session.secret)
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/ALERT_EMAIL_TO/)
    expect(() => loadConfig({ ALERT_EMAIL_TO: 'a@example.com' })).toThrow(/SMTP_URL/)
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'https://hook.example.com' })).toThrow(/ALERT_WEBHOOK_SECRET/)
    expect(() => loadConfig({ REPORT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/REPORT_TIME_ZONE/)
    expect(() => loadConfig({ ALERT_EMAIL_TO: 'not-an-address', SMTP_URL: 'smtp://m' })).toThrow(/ALERT_EMAIL_TO/)
  })
})
