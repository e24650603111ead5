import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  alertChannelListSchema,
  alertChannelSchema,
  alertDeliveryListSchema,
  alertDeliverySchema,
  alertDetailSchema,
  alertHistoryQuery,
  alertHistorySchema,
  alertListSchema,
  alertRuleListSchema,
  alertRuleSchema,
  alertSchema,
  alertStatsQuery,
  alertStatsSchema,
  createAlertChannelBody,
  createAlertRuleBody,
  listAlertsQuery,
  listDeliveriesQuery,
  patchAlertChannelBody,
  patchAlertRuleBody,
  testSendSchema,
} from '../../../shared/schemas/alerts.js'
import { idParams, problemSchema } from '../../../shared/schemas/common.js'
import { actorOf } from '../../platform/http/actor.js'
import { expectedVersion, setRecordEtag } from '../../platform/http/concurrency.js'
import type { AlertService } from './service.js'

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }
const write = { 409: problemSchema, 412: problemSchema, ...errors }
const read = { access: 'manager' as const }
const admin = { access: 'admin' as const }

/** Managers may read everything here; only admins change rules and channels or handle alerts. */
export const alertRoutes: FastifyPluginAsyncZod<{ service: AlertService; sendReport: AlertService['queueReport'] extends (...args: never[]) => infer R ? () => R : never }> = async (app, { service, sendReport }) => {
  const tags = ['alerts']

  // ── rules ──
  app.get('/rules', { config: read, schema: { tags, summary: 'Alert rules with their current status', response: { 200: alertRuleListSchema, ...errors } } }, async () => service.listRules())
  app.get('/rules/:id', { config: read, schema: { tags, summary: 'One alert rule', params: idParams, response: { 200: alertRuleSchema, ...errors } } }, async (request, reply) => {
    const rule = await service.getRule(request.params.id)
    setRecordEtag(reply, rule)
    return rule
  })
  app.post('/rules', { config: { ...admin, isIdempotent: true }, schema: { tags, summary: 'Create an alert rule', body: createAlertRuleBody, response: { 201: alertRuleSchema, ...write } } }, async (request, reply) => {
    const rule = await service.createRule(request.body)
    setRecordEtag(reply, rule)
    return reply.code(201).header('location', `/api/v1/alerts/rules/${rule.id}`).send(rule)
  })
  app.patch('/rules/:id', { config: admin, schema: { tags, summary: 'Change any fields of an alert rule', params: idParams, body: patchAlertRuleBody, response: { 200: alertRuleSchema, ...write } } }, async (request, reply) => {
    const rule = await service.updateRule(actorOf(request), request.params.id, request.body, expectedVersion(request))
    setRecordEtag(reply, rule)
    return rule
  })
  app.delete('/rules/:id', { config: admin, schema: { tags, summary: 'Delete an alert rule (its open alert resolves)', params: idParams, response: { 204: z.null(), ...write } } }, async (request, reply) => {
    await service.deleteRule(actorOf(request), request.params.id, expectedVersion(request))
    return reply.code(204).send(null)
  })
  app.post('/rules/:id/test', { config: admin, schema: { tags, summary: "Send a test notification to the rule's channels now", params: idParams, response: { 202: testSendSchema, ...errors } } }, async (request, reply) =>
    reply.code(202).send(await service.testRule(request.params.id)),
  )

  // ── channels ──
  app.get('/channels', { config: read, schema: { tags, summary: 'Notification channels (credentials never included)', response: { 200: alertChannelListSchema, ...errors } } }, async () => service.listChannels())
  app.post('/channels', { config: { ...admin, isIdempotent: true }, schema: { tags, summary: 'Add an e-mail, Slack or webhook channel', body: createAlertChannelBody, response: { 201: alertChannelSchema, ...write } } }, async (request, reply) => {
    const channel = await service.createChannel(request.body)
    setRecordEtag(reply, channel)
    return reply.code(201).header('location', `/api/v1/alerts/channels/${channel.id}`).send(channel)
  })
  app.patch('/channels/:id', { config: admin, schema: { tags, summary: 'Change a channel; secrets are replaced, never read back', params: idParams, body: patchAlertChannelBody, response: { 200: alertChannelSchema, ...write } } }, async (request, reply) => {
    const channel = await service.updateChannel(request.params.id, request.body, expectedVersion(request))
    setRecordEtag(reply, channel)
    return channel
  })
  app.delete('/channels/:id', { config: admin, schema: { tags, summary: 'Remove a channel', params: idParams, response: { 204: z.null(), ...write } } }, async (request, reply) => {
    await service.deleteChannel(request.params.id, expectedVersion(request))
    return reply.code(204).send(null)
  })
  app.post('/channels/:id/test', { config: admin, schema: { tags, summary: 'Send a test notification through this channel now', params: idParams, response: { 202: testSendSchema, ...errors } } }, async (request, reply) =>
    reply.code(202).send(await service.testChannel(request.params.id)),
  )

  // ── deliveries ──
  app.get('/deliveries', { config: read, schema: { tags, summary: 'The delivery log (status=dead for dead letters)', querystring: listDeliveriesQuery, response: { 200: alertDeliveryListSchema, ...errors } } }, async (request) =>
    service.listDeliveries(request.query),
  )
  app.post('/deliveries/:id/resend', { config: admin, schema: { tags, summary: 'Queue a dead delivery again', params: idParams, response: { 202: alertDeliverySchema, ...write } } }, async (request, reply) =>
    reply.code(202).send(await service.resend(request.params.id)),
  )

  // ── reports, history, stats ──
  app.post('/report', { config: admin, schema: { tags, summary: 'Send the daily performance report now (REPORT_EMAIL_TO)', response: { 202: testSendSchema, 409: problemSchema, ...errors } } }, async (_request, reply) =>
    reply.code(202).send(await sendReport()),
  )
  app.get('/history', { config: read, schema: { tags, summary: 'What happened to alerts, newest first', querystring: alertHistoryQuery, response: { 200: alertHistorySchema, ...errors } } }, async (request) =>
    service.history(request.query),
  )
  app.get('/stats', { config: read, schema: { tags, summary: 'Alerts fired by metric and severity; mean time to acknowledge and resolve', querystring: alertStatsQuery, response: { 200: alertStatsSchema, ...errors } } }, async (request) =>
    service.stats(request.query.window),
  )

  // ── alerts ──
  app.get('/', { config: read, schema: { tags, summary: 'Alerts, newest first, with filters', querystring: listAlertsQuery, response: { 200: alertListSchema, ...errors } } }, async (request) =>
    service.listAlerts(request.query),
  )
  app.get('/:id', { config: read, schema: { tags, summary: 'One alert with its events and deliveries', params: idParams, response: { 200: alertDetailSchema, ...errors } } }, async (request) =>
    service.getAlert(request.params.id),
  )
  app.post('/:id/acknowledge', { config: admin, schema: { tags, summary: 'Acknowledge an alert (stops repeat notifications)', params: idParams, response: { 200: alertSchema, ...write } } }, async (request) =>
    service.acknowledge(actorOf(request), request.params.id),
  )
  app.post('/:id/resolve', { config: admin, schema: { tags, summary: 'Resolve an alert by hand', params: idParams, response: { 200: alertSchema, ...write } } }, async (request) =>
    service.resolve(actorOf(request), request.params.id),
  )
}
