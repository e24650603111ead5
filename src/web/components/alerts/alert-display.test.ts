// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createAlertRuleBody } from '../../../shared/schemas/alerts.js'
import { formatCondition, formatDuration, formatMetricValue, metricOptionLabel, percentToRatio, ratioToPercent } from './alert-display.js'
import { ruleChanges, thresholdFromInput, thresholdToInput } from './alert-rule-form.js'
import { rule } from './alert-fixtures.js'

const number = (value: number, digits: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value)
const percent = (value: number, digits: number) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits }).format(value)

describe('formatMetricValue', () => {
  it('formats each metric by its unit', () => {
    expect(formatMetricValue('latencyP95', 1250.4)).toBe(`${number(1250, 0)} ms`)
    expect(formatMetricValue('eventLoopDelay', 4.46)).toBe('4.5 ms')
    expect(formatMetricValue('errorRate', 0.052)).toBe(percent(0.052, 1))
    expect(formatMetricValue('heapShare', 0.85)).toBe(percent(0.85, 1))
    expect(formatMetricValue('throughput', 12.345)).toBe(`${number(12.3, 1)} req/s`)
    expect(formatMetricValue('throughput', 3.456)).toBe(`${number(3.46, 2)} req/s`)
    expect(formatMetricValue('databaseErrors', 12)).toBe('12')
  })

  it('keeps small shares visible and says "—" when there was too little to judge', () => {
    expect(formatMetricValue('errorRate', 0.0035)).toBe(percent(0.0035, 2))
    expect(formatMetricValue('errorRate', 0.0035)).not.toBe(percent(0, 0))
    expect(formatMetricValue('latencyP99', null)).toBe('—')
  })

  it('puts the comparison before the threshold in its unit', () => {
    expect(formatCondition('latencyP95', '>', 2000)).toBe(`> ${number(2000, 0)} ms`)
    expect(formatCondition('errorRate', '>=', 0.05)).toBe(`≥ ${percent(0.05, 1)}`)
    expect(formatCondition('cacheHitRatio', '<=', 0.9)).toBe(`≤ ${percent(0.9, 1)}`)
  })

  it('names the unit a metric is typed in', () => {
    expect(metricOptionLabel('errorRate')).toBe('Error rate (5xx share) (%)')
    expect(metricOptionLabel('latencyP95')).toBe('p95 latency (ms)')
  })
})

describe('formatDuration', () => {
  it('reads spans of seconds the way people say them', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(90)).toBe('1 min 30 s')
    expect(formatDuration(300)).toBe('5 min')
    expect(formatDuration(5400)).toBe('1 h 30 min')
    expect(formatDuration(3601)).toBe('1 h')
    expect(formatDuration(7 * 86_400)).toBe('7 d')
  })
})

describe('percent and ratio', () => {
  it('converts both ways without floating-point noise', () => {
    expect(percentToRatio(5)).toBe(0.05)
    expect(percentToRatio(14.3)).toBe(0.143)
    expect(percentToRatio(0.5)).toBe(0.005)
    expect(ratioToPercent(0.143)).toBe(14.3)
    expect(ratioToPercent(0.07)).toBe(7)
    expect(thresholdFromInput('errorRate', 5)).toBe(0.05)
    expect(thresholdFromInput('latencyP95', 800)).toBe(800)
    expect(thresholdToInput('heapShare', 0.85)).toBe(85)
    expect(thresholdToInput('throughput', 12.5)).toBe(12.5)
  })

  it('leaves an empty field NaN so the schema refuses it', () => {
    expect(thresholdFromInput('errorRate', '')).toBeNaN()
    expect(thresholdFromInput('latencyP95', '')).toBeNaN()
  })
})

describe('ruleChanges', () => {
  const saved = rule({ metric: 'errorRate', threshold: 0.05, channelIds: ['b', 'a'].map((x) => `0190000${x}-0000-7000-8000-000000000001`) })
  const asChecked = (overrides: object) =>
    createAlertRuleBody.parse({
      name: saved.name,
      description: saved.description,
      metric: saved.metric,
      route: saved.route,
      windowSeconds: saved.windowSeconds,
      comparison: saved.comparison,
      threshold: saved.threshold,
      forSeconds: saved.forSeconds,
      severity: saved.severity,
      repeatIntervalSeconds: saved.repeatIntervalSeconds,
      channelIds: saved.channelIds,
      isEnabled: saved.isEnabled,
      ...overrides,
    })

  it('is undefined when nothing changed, whatever the order of the channels', () => {
    expect(ruleChanges(saved, asChecked({ channelIds: [...(saved.channelIds ?? [])].reverse() }))).toBeUndefined()
  })

  it('lists only the fields that changed', () => {
    expect(ruleChanges(saved, asChecked({ threshold: 0.1, severity: 'critical', channelIds: null }))).toEqual({ threshold: 0.1, severity: 'critical', channelIds: null })
  })
})
