/**
 * How error messages about data (bundles, indexes, their parts) show a bad
 * value: short, and never the whole of a large object.
 */

/** `null`, `42`, `"text"` (cut at 40 characters), `an array`, `an object`. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}
