// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { keys } from '../api/keys.js'
import { ALERT_AFFECTS, CHANNEL_AFFECTS, RULE_AFFECTS, testSentText } from './use-alerts.js'

describe('testSentText', () => {
  it('says how many test notifications were queued, or that none could be', () => {
    expect(testSentText(3, 'Slow responses')).toBe('Test for “Slow responses” queued to 3 channels')
    expect(testSentText(1, 'Ops Slack')).toBe('Test for “Ops Slack” queued to 1 channel')
    expect(testSentText(0, 'Slow responses')).toBe('No enabled channel to send a test for “Slow responses” to')
  })
})

describe('what alerting changes make stale', () => {
  it('refreshes rule statuses and deliveries after an acknowledge or resolve', () => {
    expect(ALERT_AFFECTS).toEqual([keys.alerts.all, keys.alertRules.all, keys.alertDeliveries.all])
  })

  it('refreshes alerts (which carry the rule’s name) after a rule change, and rules and deliveries after a channel change', () => {
    expect(RULE_AFFECTS).toContain(keys.alerts.all)
    expect(CHANNEL_AFFECTS).toEqual([keys.alertChannels.all, keys.alertRules.all, keys.alertDeliveries.all])
    // Every key of a resource starts with its prefix, so invalidating the prefix reaches them all.
    expect(keys.alerts.stats('7d').slice(0, 1)).toEqual(keys.alerts.all)
    expect(keys.alertRules.list.slice(0, 1)).toEqual(keys.alertRules.all)
    expect(keys.alertDeliveries.list({ status: 'dead' }).slice(0, 1)).toEqual(keys.alertDeliveries.all)
  })
})
