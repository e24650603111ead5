// Small pure formatters shared by the views. Everything renders in the user's own locale and time zone.

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' })

/** Integer cents as currency: 123456 → "$1,234.56". */
export function formatCents(cents: number): string {
  return money.format(cents / 100)
}

/** An enum value as a label: `fine_dining` → "Fine dining". */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "May 3, 2025" from an ISO timestamp. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso))
}

/** "May 3, 2025, 2:30 PM" from an ISO timestamp. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso))
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/** "3 days ago", "in 2 hours", "now" — relative to `now`. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit)
  }
  return relative.format(0, 'second')
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The value for an `<input type="datetime-local">` (local wall time, minutes) from an ISO timestamp. */
export function toLocalDateTimeInput(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The value for an `<input type="date">` (the local calendar day) from an ISO timestamp. */
export function toLocalDateInput(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * An ISO timestamp from a `datetime-local` or `date` input value, read as local time (a bare date is
 * the start of that local day). Undefined for an empty or unreadable value.
 */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined
  const date = new Date(value.includes('T') ? value : `${value}T00:00`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** The end of a local calendar day (23:59:59.999) as an ISO timestamp; today by default. */
export function endOfLocalDay(day: Date = new Date()): string {
  const end = new Date(day)
  end.setHours(23, 59, 59, 999)
  return end.toISOString()
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

/** "May 3, 2025" from a calendar day (`YYYY-MM-DD`), the same day in every time zone. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`))
}

const count = new Intl.NumberFormat()

/** A whole number with the locale's grouping: 12345 → "12,345". */
export function formatCount(value: number): string {
  return count.format(value)
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 })

/** A ratio as a percentage: 0.375 → "38%". */
export function formatRatio(ratio: number): string {
  return percent.format(ratio)
}

const compactMoney = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 })

/** Integer cents as short currency for headline figures: 2990780000 → "$29.9M". */
export function formatCentsCompact(cents: number): string {
  return compactMoney.format(cents / 100)
}

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
const wholeNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

/** Milliseconds, with a decimal while small: 4.46 → "4.5 ms", 1250.4 → "1,250 ms". */
export function formatMs(ms: number): string {
  return `${(Math.abs(ms) < 10 ? oneDecimal : wholeNumber).format(ms)} ms`
}

const finePercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })
const finerPercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 })

/** A ratio as a percentage that keeps small shares visible: 0.052 → "5.2%", 0.0035 → "0.35%". */
export function formatPercent(ratio: number): string {
  return (Math.abs(ratio) < 0.01 ? finerPercent : finePercent).format(ratio)
}

/** A rate, with more decimals while small: 3.456 → "3.46", 125.04 → "125". */
export function formatRate(value: number): string {
  return (Math.abs(value) < 10 ? twoDecimals : oneDecimal).format(value)
}

/** Requests per second: 3.456 → "3.46 req/s". */
export function formatPerSecond(value: number): string {
  return `${formatRate(value)} req/s`
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** Bytes in binary units: 1536 → "1.5 KB", 268435456 → "256 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${(value < 10 && unit > 0 ? oneDecimal : wholeNumber).format(value)} ${BYTE_UNITS[unit]}`
}

/** A figure with at most one decimal: 3 → "3", 2.25 → "2.3". */
export function formatDecimal(value: number): string {
  return oneDecimal.format(value)
}
