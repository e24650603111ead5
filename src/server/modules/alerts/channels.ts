import { createHmac } from 'node:crypto'
import nodemailer from 'nodemailer'
import type { ChannelKind } from '../../../shared/schemas/alerts.js'
import { type Message, renderEmail, renderSlack, renderWebhook } from './messages.js'

/** A channel's credentials, sealed at rest and never sent to clients or written to logs. */
export type ChannelSecret =
  | { kind: 'email'; smtpUrl: string }
  | { kind: 'slack'; webhookUrl: string }
  | { kind: 'webhook'; url: string; secret: string }

export interface ChannelSettings {
  target: string
  from?: string
  to?: string[]
}

const SEND_TIMEOUT_MS = 10_000

/** `X-KP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; receivers reject old `t`. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000)
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${v1}`
}

/** Where a channel sends, with credentials and tokens left out, for lists and logs. */
export function maskedTarget(secret: ChannelSecret, settings: { to?: string[] } = {}): string {
  switch (secret.kind) {
    case 'email': {
      const url = new URL(secret.smtpUrl)
      return `${(settings.to ?? []).join(', ')} via ${url.hostname}${url.port ? `:${url.port}` : ''}`
    }
    case 'slack': {
      const url = new URL(secret.webhookUrl)
      return `${url.host}/…`
    }
    case 'webhook': {
      // A path can carry a token of any length: only the origin is shown.
      const url = new URL(secret.url)
      return `${url.origin}${url.pathname.length > 1 || url.search ? '/…' : ''}`
    }
  }
}

export class DeliveryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DeliveryError'
  }
}

/** An error message safe to store and show: no credential of the channel in it, bounded length. */
export function redactedError(error: unknown, secret: ChannelSecret): string {
  let text = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)
  const secrets = Object.entries(secret)
    .filter(([key]) => key !== 'kind')
    .flatMap(([, value]) => {
      const parts = [String(value)]
      if (URL.canParse(String(value))) {
        const url = new URL(String(value))
        for (const part of [url.username, url.password]) if (part) parts.push(decodeURIComponent(part), part)
        if (url.search) parts.push(url.search, url.search.slice(1))
        if (url.pathname.length > 1) parts.push(url.pathname, ...url.pathname.split('/').filter((segment) => segment.length >= 8))
      }
      return parts
    })
    .filter((part) => part.length >= 4)
    // Longest first, so a whole URL goes before the pieces inside it.
    .sort((a, b) => b.length - a.length)
  for (const part of secrets) text = text.split(part).join('***')
  return text.slice(0, 500)
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'KitchenPantryCRM-Alerts/1', ...headers },
    body,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: 'error',
  })
  // Drain the body so the connection can be reused. Only the status is kept: what an arbitrary URL
  // answers is not ours to store or show (the delivery log is readable by managers).
  await response.arrayBuffer().catch(() => undefined)
  if (!response.ok) throw new DeliveryError(`HTTP ${response.status} ${response.statusText}`.trim())
}

/** Sends one message through one channel; throws on any failure so the job is retried. */
export async function sendThroughChannel(kind: ChannelKind, secret: ChannelSecret, settings: ChannelSettings, message: Message, now: Date): Promise<void> {
  if (secret.kind !== kind) throw new DeliveryError(`channel is ${kind} but its stored settings are for ${secret.kind}`)
  switch (secret.kind) {
    case 'email': {
      const transport = nodemailer.createTransport({
        url: secret.smtpUrl,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      })
      try {
        const email = renderEmail(message)
        await transport.sendMail({ from: settings.from, to: settings.to, subject: email.subject, text: email.text, html: email.html })
      } finally {
        transport.close()
      }
      return
    }
    case 'slack':
      await post(secret.webhookUrl, JSON.stringify(renderSlack(message)), {})
      return
    case 'webhook': {
      const body = JSON.stringify(renderWebhook(message, now))
      await post(secret.url, body, { 'x-kp-signature': signWebhook(secret.secret, body, now) })
      return
    }
  }
}
