import type { FastifyReply, FastifyRequest } from 'fastify'

/** Strong ETag of a record: its version. */
export function setRecordEtag(reply: FastifyReply, record: { version: number }) {
  reply.header('etag', `"${record.version}"`)
}

/**
 * The version an `If-Match` header demands: undefined when absent or `*`. If-Match compares strongly,
 * so a weak tag, or any tag that is not one of ours, can never match: -1, and the update answers 412
 * (RFC 9110 §13.1.1).
 */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match']
  if (header === undefined) return undefined
  const value = header.trim()
  if (value === '*') return undefined
  // `"<version>"`, or `"<version>.<content hash>"` as a cached GET of the record sends it.
  const match = /^"(\d{1,9})(?:\.[A-Za-z0-9_-]{1,64})?"$/.exec(value)
  return match ? Number(match[1]) : -1
}
