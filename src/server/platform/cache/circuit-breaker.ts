import type { Clock } from '../runtime/runtime.js'

/**
 * Closed: calls go through. A failure opens it for `cooldownMs`, during which callers skip the
 * dependency at once instead of waiting for its timeout; the first call after that is a trial that
 * closes it again on success.
 */
export function createCircuitBreaker(options: { cooldownMs: number; clock: Clock; onChange?: (isOpen: boolean) => void }) {
  let openUntil = 0
  let isOpen = false
  return {
    canTry(): boolean {
      return !isOpen || options.clock.now().getTime() >= openUntil
    },
    succeeded() {
      if (isOpen) {
        isOpen = false
        options.onChange?.(false)
      }
    },
    failed() {
      openUntil = options.clock.now().getTime() + options.cooldownMs
      if (!isOpen) {
        isOpen = true
        options.onChange?.(true)
      }
    },
    get isOpen() {
      return isOpen
    },
  }
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>
