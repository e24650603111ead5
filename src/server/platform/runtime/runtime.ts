import { v7 as uuidv7 } from 'uuid'

/** Injected time, so tests advance it instead of sleeping. */
export interface Clock {
  now(): Date
}

export interface Ids {
  /** A time-ordered UUIDv7. */
  next(): string
}

export const systemClock: Clock = { now: () => new Date() }

export const uuidV7Ids: Ids = { next: () => uuidv7() }

/** A clock for tests and scripts that moves only when told to. */
export function createManualClock(start: Date) {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms
    },
  }
}
