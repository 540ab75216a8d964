/**
 * The few web platform types the bundle reader uses, declared here: core's
 * main entry compiles without the DOM library. Browsers' and Node's
 * `AbortSignal` and `URL` fit these shapes.
 *
 * @module
 */

/** An `AbortSignal` (the part the reader uses). */
export interface AbortSignal {
  readonly aborted: boolean
  readonly reason?: unknown
  addEventListener(type: 'abort', listener: () => void, options?: {once?: boolean}): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** A `URL` (the part the reader uses). */
export interface URL {
  readonly href: string
}

interface UrlConstructor {
  new (url: string, base?: string): URL
}

/** The platform's `URL` class. */
export const Url = (globalThis as unknown as {URL: UrlConstructor}).URL

/** Throw the signal's reason if it has aborted. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason
}
