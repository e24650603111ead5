import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../testing/test-app.js'

// The Prometheus config, alert rules and Grafana dashboard shipped in docs/monitoring must load,
// and every metric they query must be one the app really exports.

const dir = fileURLToPath(new URL('../../../../docs/monitoring/', import.meta.url))
let t: TestApp
let exported: Set<string>

beforeAll(async () => {
  t = await buildTestApp()
  const body = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
  exported = new Set<string>()
  for (const match of body.matchAll(/^# TYPE (\S+) (\w+)$/gm)) {
    const [, name, type] = match
    exported.add(name as string)
    if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) exported.add(`${name}${suffix}`)
  }
})
afterAll(async () => {
  await t.close()
})

const NOT_METRICS = new Set(['histogram_quantile', 'status_class', 'by', 'le'])
function metricNames(expression: string) {
  const withoutLabels = expression.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '')
  return [...withoutLabels.matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g)].map((match) => match[0]).filter((name) => !NOT_METRICS.has(name))
}

function promtool(args: string[]) {
  return spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' })
}

describe('docs/monitoring', () => {
  it('the Grafana dashboard is valid JSON whose every query uses exported metrics', () => {
    const dashboard = JSON.parse(readFileSync(`${dir}grafana-dashboard.json`, 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] }
    const titles = dashboard.panels.map((panel) => panel.title).join(' | ')
    for (const topic of ['latency', 'Throughput', 'Error rate', 'Query time', 'Cache hit ratio', 'Event-loop']) expect(titles).toContain(topic)
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        for (const name of metricNames(target.expr)) expect(exported.has(name), `${panel.title}: ${name}`).toBe(true)
      }
    }
  })

  it('the alert rules use exported metrics and promtool accepts the rules and the scrape config', () => {
    const rules = readFileSync(`${dir}alerts.yml`, 'utf8')
    const expressions = [...rules.matchAll(/expr: (?:\|\n)?([\s\S]*?)\n\s+(?:for|labels):/g)].map((match) => match[1] as string)
    expect(expressions).toHaveLength(5)
    for (const expression of expressions) for (const name of metricNames(expression)) expect(exported.has(name), name).toBe(true)

    const rulesCheck = promtool(['check', 'rules', 'alerts.yml'])
    if (rulesCheck.error) {
      // Debian's prometheus package: .ci/run installs it.
      expect((rulesCheck.error as NodeJS.ErrnoException).code).toBe('ENOENT')
      return
    }
    expect(rulesCheck.status, rulesCheck.stdout + rulesCheck.stderr).toBe(0)
    expect(rulesCheck.stdout).toContain('SUCCESS: 5 rules found')
    const configCheck = promtool(['check', 'config', '--syntax-only', 'prometheus.yml'])
    expect(configCheck.status, configCheck.stdout + configCheck.stderr).toBe(0)
  })
})
