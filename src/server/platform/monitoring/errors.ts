import { DrizzleQueryError } from 'drizzle-orm/errors'
import type { Clock } from '../runtime/runtime.js'

/** What one occurrence of an error keeps: never bodies, cookies, headers or query parameters. */
export interface ErrorSample {
  at: string
  requestId: string | null
  route: string | null
  userId: string | null
  message: string
  stack: string
}

export interface ErrorGroup {
  fingerprint: string
  type: string
  message: string
  topFrame: string | null
  count: number
  firstSeen: string
  lastSeen: string
  routes: string[]
  samples: ErrorSample[]
}

export interface CapturedError {
  error: unknown
  requestId?: string
  route?: string
  userId?: string
}

const MAX_ROUTES_PER_GROUP = 20

/**
 * Named types for database trouble, so an outage, a timeout and an exhausted pool are told apart
 * from a bug: the SQLSTATE class or the driver's words decide.
 */
export function errorType(error: unknown): string {
  // Drizzle wraps the driver's error: the cause carries the SQLSTATE.
  if (error instanceof DrizzleQueryError && error.cause) return errorType(error.cause)
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown }
  const text = typeof message === 'string' ? message : ''
  if (text.includes('timeout exceeded when trying to connect')) return 'DatabasePoolExhausted'
  if (code === '57014' || text.includes('canceling statement due to statement timeout')) return 'DatabaseTimeout'
  if (typeof code === 'string' && (code.startsWith('08') || code === 'ECONNREFUSED' || code === '57P01')) return 'DatabaseUnavailable'
  if (text.includes('PGlite is closed') || text.includes('Cannot use a pool after calling end')) return 'DatabaseUnavailable'
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return 'DatabaseError'
  return typeof name === 'string' && name ? name : 'Error'
}

/** Ids, numbers, quoted text and e-mails vary between occurrences of the same error. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/\nparams:[\s\S]*$/, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, '<email>')
    .replace(/"[^"]*"|'[^']*'/g, '<text>')
    .replace(/\b\d+(\.\d+)?\b/g, '<n>')
    .slice(0, 300)
}

/** The first stack frame in our own code (not node_modules or Node internals), path made relative. */
export function topOwnFrame(stack: string | undefined): string | null {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    if (line.includes('node_modules') || line.includes('node:')) continue
    const match = /((?:src|dist)\/[^\s):]+):(\d+)/.exec(line)
    if (match) return `${match[1]}:${match[2]}`
  }
  return null
}

/** The stack's frames only, under the normalized message: the raw first line can hold values. */
function redactStack(type: string, message: string, stack: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line))
  return [`${type}: ${message}`, ...frames.slice(0, 30)].join('\n').slice(0, 4000)
}

/**
 * Groups errors like an error tracker: type + normalized message + top frame of our code. Bounded:
 * at most `maxGroups` groups (the least recently seen is evicted) and `maxSamples` samples each.
 * Changes since the last flush are kept for persistence, so instances sharing a database each add
 * only their own new occurrences.
 */
export function createErrorStore(options: { clock: Clock; maxGroups: number; maxSamples: number }) {
  const groups = new Map<string, ErrorGroup>()
  const pending = new Map<string, { group: ErrorGroup; newCount: number; newSamples: ErrorSample[] }>()

  return {
    capture(captured: CapturedError): ErrorGroup {
      const error = captured.error
      const type = errorType(error)
      const rawMessage = error instanceof Error ? error.message : String(error)
      const stack = error instanceof Error ? (error.stack ?? '') : ''
      const message = normalizeMessage(rawMessage)
      const topFrame = topOwnFrame(stack)
      const fingerprint = `${type}|${message}|${topFrame ?? ''}`
      const now = options.clock.now().toISOString()
      let group = groups.get(fingerprint)
      if (group) {
        groups.delete(fingerprint)
      } else {
        group = { fingerprint, type, message, topFrame, count: 0, firstSeen: now, lastSeen: now, routes: [], samples: [] }
        if (groups.size >= options.maxGroups) {
          const oldest = groups.keys().next().value
          if (oldest !== undefined) groups.delete(oldest)
        }
      }
      groups.set(fingerprint, group)
      group.count += 1
      group.lastSeen = now
      if (captured.route && !group.routes.includes(captured.route) && group.routes.length < MAX_ROUTES_PER_GROUP) {
        group.routes.push(captured.route)
      }
      const sample: ErrorSample = {
        at: now,
        requestId: captured.requestId ?? null,
        route: captured.route ?? null,
        userId: captured.userId ?? null,
        message: normalizeMessage(rawMessage),
        stack: redactStack(type, message, stack),
      }
      group.samples.unshift(sample)
      group.samples.length = Math.min(group.samples.length, options.maxSamples)
      let change = pending.get(fingerprint)
      if (!change) {
        // Unflushed changes are bounded like the groups: when persistence lags, the oldest go first.
        if (pending.size >= options.maxGroups) {
          const oldest = pending.keys().next().value
          if (oldest !== undefined) pending.delete(oldest)
        }
        change = { group, newCount: 0, newSamples: [] }
      }
      change.group = group
      change.newCount += 1
      change.newSamples.unshift(sample)
      change.newSamples.length = Math.min(change.newSamples.length, options.maxSamples)
      pending.set(fingerprint, change)
      return group
    },

    groups(): ErrorGroup[] {
      return [...groups.values()]
    },

    /** Hands over the changes since the last call (for persistence). */
    takePending() {
      const changes = [...pending.values()]
      pending.clear()
      return changes
    },

    /** Puts changes back when persisting them failed, so nothing is lost or counted twice. */
    restorePending(changes: { group: ErrorGroup; newCount: number; newSamples: ErrorSample[] }[]) {
      for (const change of changes) {
        const existing = pending.get(change.group.fingerprint)
        if (existing) {
          existing.newCount += change.newCount
          existing.newSamples = [...existing.newSamples, ...change.newSamples].slice(0, options.maxSamples)
        } else {
          pending.set(change.group.fingerprint, change)
        }
      }
    },
  }
}

export type ErrorStore = ReturnType<typeof createErrorStore>
