import {html, type TemplateResult} from 'lit'

/** Arrows a translation may already carry at either end of its text. */
const own = /^\s*[←→⟵⟶◀▶‹›«»<>]|[←→⟵⟶◀▶‹›«»<>]\s*$/

/**
 * `text` (a string from `Strings`) with a decorative arrow before it (`←`)
 * or after it (`→`), hidden from screen readers: the string owns its text,
 * the arrow is decoration. A string that brings its own arrow gets none.
 */
export function arrowed(text: string, arrow: '←' | '→'): TemplateResult | string {
  if (own.test(text)) return text
  const mark = html`<span class="arrow" aria-hidden="true">${arrow}</span>`
  return arrow === '←' ? html`${mark} ${text}` : html`${text} ${mark}`
}
