/**
 * ISO-8601 for the wire; null stays null. Mappers list every field in one flat literal: spreading a
 * shared part in first made V8 build each object the slow way (≈ 30 µs a row against 2 µs, measured).
 */
export function iso(date: Date): string
export function iso(date: Date | null): string | null
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null
}
