/**
 * Which URLs runbook content may link to or load: links only `http:`,
 * `https:`, `mailto:` and relative URLs; images only `http:`, `https:` and
 * relative URLs. Everything else (`javascript:`, `data:`, `vbscript:`, …)
 * is dropped.
 */

// Browsers ignore ASCII whitespace and control characters inside a scheme
// (`java\tscript:`), so they are removed before looking for one.
// eslint-disable-next-line no-control-regex
const ignored = /[\u0000-\u0020\u007f]/g
const scheme = /^([a-z][a-z\d+.-]*):/i

/** `url` when its scheme matches `schemes`, or it has none and does not start with a backslash; else `undefined`. */
function allow(url: string, schemes: RegExp): string | undefined {
  const match = scheme.exec(url.replace(ignored, ''))
  return (match ? schemes.test(match[1]!) : !/^\s*\\/.test(url)) ? url : undefined
}

/** `url` when it is safe as a link target, else `undefined`. */
export function safeLinkUrl(url: string | null | undefined): string | undefined {
  return typeof url === 'string' ? allow(url, /^(?:https?|mailto)$/i) : undefined
}

/** `url` when it is safe as an image source, else `undefined`. */
export function safeImageUrl(url: string | null | undefined): string | undefined {
  return typeof url === 'string' && url.trim() !== '' ? allow(url, /^https?$/i) : undefined
}

/** Whether `url`, resolved against the page, is on the page's own origin (relative URLs are, unless a `<base>` points elsewhere). */
export function isSameOrigin(url: string): boolean {
  try {
    return new URL(url, document.baseURI).origin === location.origin
  } catch {
    return false
  }
}
