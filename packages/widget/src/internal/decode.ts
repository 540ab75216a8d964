/**
 * Percent-decoding that never throws: for step and runbook ids read from a
 * URL hash (deep links, links inside a runbook).
 */

/** `value` with percent-escapes decoded, or as it is when it is not valid percent-encoding. */
export function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
