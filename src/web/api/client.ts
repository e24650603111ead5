// The one door to the API. Views never call fetch: composables call these functions, Vue Query caches
// them. Offline reads and queued writes (a later issue) slot in here without touching views.

export interface FieldError {
  path: string
  message: string
}

/** A problem+json answer (RFC 9457) as an exception the UI can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fieldErrors: FieldError[],
    /** The current record, sent with a 412 when someone else changed it. */
    readonly current: unknown,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(detail ?? title)
    this.name = 'ApiError'
  }

  get isConflict() {
    return this.status === 412
  }
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>

/** `?a=1&b=x,y` from a query object; empty values are left out so they never filter. */
export function toSearch(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','))
    } else params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  query?: Query
  body?: unknown
  /** The record version the change is based on (sent as a strong If-Match). */
  version?: number
  /** For a POST: the same key on a retry of the same submit, so it never creates twice. */
  idempotencyKey?: string
  signal?: AbortSignal
}

/**
 * A random key for Idempotency-Key. `crypto.randomUUID` exists only on secure origins (HTTPS or
 * localhost); a self-hosted server opened at http://<LAN address> still has `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

let onUnauthorized: (() => void) | undefined
/** Called when the session has ended (401 on a request that needed one). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`
  // A retried create (flaky mobile network) must not create twice.
  if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey()
  let response: Response
  try {
    response = await fetch(`/api/v1${path}${toSearch(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'Network error', 'The server could not be reached. Check the connection and try again.', [], undefined, undefined)
  }
  if (response.status === 204) return undefined as T
  const isJson = (response.headers.get('content-type') ?? '').includes('json')
  const payload: unknown = isJson ? await response.json() : undefined
  if (response.ok) return payload as T
  const problem = (payload ?? {}) as { title?: string; detail?: string; errors?: FieldError[]; current?: unknown }
  if (response.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.()
  const retryAfter = Number(response.headers.get('retry-after'))
  throw new ApiError(
    response.status,
    problem.title ?? response.statusText,
    problem.detail,
    problem.errors ?? [],
    problem.current,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  )
}

/** A human sentence for any error a mutation or query can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title
  return 'Something went wrong. Try again.'
}
