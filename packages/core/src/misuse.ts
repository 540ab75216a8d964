/**
 * Messages for plain misuse of the API: a `TypeError` that names the
 * library and the function and quotes the bad value.
 */

/** `value` as a message quotes it: `undefined`, `null`, `42`, `"text"`, `{"steps":1}` (cut at 60 characters). */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return typeof value === 'function' ? 'a function' : String(value)
  }
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = Array.isArray(value) ? 'an array' : 'an object'
  }
  return text.length > 60 ? text.slice(0, 59) + '…' : text
}

/** A `runbook-kit: <what> expects <expected>, not <value>` TypeError. */
export function misuse(what: string, expected: string, value: unknown): TypeError {
  return new TypeError(`runbook-kit: ${what} expects ${expected}, not ${describeValue(value)}`)
}

/** Whether `value` looks like a parsed runbook (an object with an array of steps). */
export function isRunbookLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as {steps?: unknown}).steps)
}
