import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import type { Logger } from 'pino'
import type { Clock } from '../runtime/runtime.js'
import { createCircuitBreaker } from './circuit-breaker.js'

export interface CacheConfig {
  readonly isEnabled: boolean
  /** Prefix of the cache's Redis keys and channel. */
  readonly keyPrefix: string
  readonly l1MaxEntries: number
  readonly l1MaxBytes: number
  readonly ttlSeconds: number
  /** Share of the TTL added at random (0.1 = up to +10 %), so entries do not expire together. */
  readonly ttlJitter: number
  readonly redisTimeoutMs: number
  /** How long a resolved session is trusted in process before PostgreSQL is asked again. */
  readonly sessionTtlSeconds: number
  readonly breakerCooldownMs: number
}

const SCHEMA_VERSION = 'v1'

/**
 * Two-level read-through cache. Entries are keyed by namespace, the caller's parameters and the
 * current generation of every tag they depend on; a write bumps its tags' generations (in Redis,
 * shared by all instances, and published so their in-process copies follow), so the next read
 * composes a new key and can never see the old value. No key is ever scanned or deleted by pattern.
 */
export function createCache(deps: {
  config: CacheConfig
  redis: Redis | undefined
  subscriber: Redis | undefined
  clock: Clock
  log: Logger
  /** Counts one outcome of a namespace (the monitor's `recordCache`). */
  record: (namespace: string, result: 'hit' | 'miss' | 'eviction' | 'error') => void
}) {
  const { config, redis, subscriber, clock, log, record } = deps
  const GENERATION_PREFIX = `${config.keyPrefix}gen:`
  const ENTRY_PREFIX = `${config.keyPrefix}c:`
  const CHANNEL = `${config.keyPrefix}cache:generations`
  const localGenerations = new Map<string, number>()
  const flights = new Map<string, Promise<string | undefined>>()
  const l1 = new LRUCache<string, string>({
    max: config.l1MaxEntries,
    maxSize: config.l1MaxBytes,
    sizeCalculation: (value, key) => value.length + key.length,
    ttlAutopurge: false,
    disposeAfter: (_value, _key, reason) => {
      if (reason === 'evict') record('l1', 'eviction')
    },
  })
  const breaker = createCircuitBreaker({
    cooldownMs: config.breakerCooldownMs,
    clock,
    onChange: (isOpen) =>
      isOpen ? log.warn('redis cache unavailable: serving from the in-process cache only') : log.info('redis cache back'),
  })

  /** A Redis call that gives up quickly and trips the breaker, never failing the request. */
  async function redisCall<T>(call: (client: Redis) => Promise<T>): Promise<T | undefined> {
    if (!redis || !breaker.canTry()) return undefined
    let timer: NodeJS.Timeout | undefined
    try {
      const result = await Promise.race([
        call(redis),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`redis did not answer within ${config.redisTimeoutMs} ms`)), config.redisTimeoutMs)
        }),
      ])
      breaker.succeeded()
      return result
    } catch (error) {
      breaker.failed()
      record('l2', 'error')
      log.debug({ err: error }, 'redis cache call failed')
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }

  function noteGeneration(tag: string, generation: number) {
    if (generation > (localGenerations.get(tag) ?? 0)) localGenerations.set(tag, generation)
  }

  if (subscriber) {
    // Connection trouble is the breaker's business; without a listener ioredis reports it as unhandled.
    subscriber.on('error', (error: unknown) => log.debug({ err: error }, 'cache invalidation channel error'))
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { tag, generation } = JSON.parse(message) as { tag: string; generation: number }
        noteGeneration(tag, generation)
      } catch (error) {
        log.warn({ err: error }, 'bad cache invalidation message')
      }
    })
    // Without an offline queue a command sent before the connection is up fails: subscribe once it is
    // ready (ioredis subscribes again by itself after a reconnect).
    const subscribe = () => {
      subscriber.subscribe(CHANNEL).catch((error: unknown) => log.warn({ err: error }, 'cache invalidation channel unavailable'))
    }
    if (subscriber.status === 'ready') subscribe()
    else subscriber.once('ready', subscribe)
  }

  /** Current generations: from Redis when it answers (so another instance's write is seen at once). */
  async function generations(tags: readonly string[]): Promise<number[]> {
    const shared = tags.length > 0 ? await redisCall((client) => client.mget(...tags.map((tag) => GENERATION_PREFIX + tag))) : undefined
    return tags.map((tag, index) => {
      const value = shared?.[index]
      if (value !== undefined && value !== null) noteGeneration(tag, Number(value))
      return localGenerations.get(tag) ?? 0
    })
  }

  function ttlMs() {
    return Math.round(config.ttlSeconds * 1000 * (1 + Math.random() * config.ttlJitter))
  }

  async function keyFor(namespace: string, keyParts: unknown, tags: readonly string[]) {
    const current = await generations(tags)
    const digest = createHash('sha1').update(JSON.stringify([keyParts, tags, current])).digest('base64url')
    return `${ENTRY_PREFIX}${SCHEMA_VERSION}:${namespace}:${digest}`
  }

  async function read(namespace: string, key: string): Promise<{ value: string; source: 'l1' | 'l2' } | undefined> {
    const local = l1.get(key)
    if (local !== undefined) {
      record(namespace, 'hit')
      return { value: local, source: 'l1' }
    }
    const shared = await redisCall((client) => client.get(key))
    if (typeof shared === 'string') {
      l1.set(key, shared, { ttl: ttlMs() })
      record(namespace, 'hit')
      return { value: shared, source: 'l2' }
    }
    record(namespace, 'miss')
    return undefined
  }

  async function write(key: string, value: string) {
    const ttl = ttlMs()
    l1.set(key, value, { ttl })
    await redisCall((client) => client.set(key, value, 'PX', ttl))
  }

  return {
    get isEnabled() {
      return config.isEnabled
    },

    get isRedisDegraded() {
      return Boolean(redis) && breaker.isOpen
    },

    keyFor,
    read,
    write,

    /** A tag's generation as this instance knows it (kept current by pub/sub), without asking Redis. */
    localGeneration(tag: string): number {
      return localGenerations.get(tag) ?? 0
    },

    /**
     * Single flight: the first caller for a key leads (loads and calls `settle`); the others wait for
     * its value, or for `undefined` if it failed, and then load for themselves.
     */
    join(key: string): { isLeader: true; settle: (value: string | undefined) => void } | { isLeader: false; wait: Promise<string | undefined> } {
      const existing = flights.get(key)
      if (existing) return { isLeader: false, wait: existing }
      let settle!: (value: string | undefined) => void
      const flight = new Promise<string | undefined>((resolve) => {
        settle = resolve
      })
      flights.set(key, flight)
      return {
        isLeader: true,
        settle: (value) => {
          flights.delete(key)
          settle(value)
        },
      }
    },

    /** After a write, before its response: the next read of any instance composes new keys. */
    async bump(tags: readonly string[]) {
      for (const tag of new Set(tags)) {
        const shared = await redisCall((client) => client.incr(GENERATION_PREFIX + tag))
        // Strictly above anything this instance has used: Redis can be behind it (a bump made while
        // Redis was unreachable), and reusing a generation would bring back entries from before the write.
        const next = Math.max(shared ?? 0, (localGenerations.get(tag) ?? 0) + 1)
        noteGeneration(tag, next)
        if (shared !== undefined) await redisCall((client) => client.publish(CHANNEL, JSON.stringify({ tag, generation: next })))
      }
    },

    close() {
      subscriber?.disconnect()
    },
  }
}

export type Cache = ReturnType<typeof createCache>
