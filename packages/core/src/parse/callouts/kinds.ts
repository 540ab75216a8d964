/**
 * Rule: the words of every admonition syntax map onto our five callout
 * kinds (GitHub's alert types).
 *
 * @example
 *   calloutKindOf('danger')    // 'caution'
 *   calloutKindOf('info')      // 'note'
 *   calloutKindOf('example')   // 'note'
 */
import type {CalloutKind} from '../../types.js'

const kinds: Readonly<Record<string, CalloutKind>> = {
  note: 'note',
  info: 'note',
  information: 'note',
  abstract: 'note',
  summary: 'note',
  tldr: 'note',
  todo: 'note',
  question: 'note',
  help: 'note',
  faq: 'note',
  example: 'note',
  quote: 'note',
  cite: 'note',
  success: 'note',
  check: 'note',
  done: 'note',
  seealso: 'note',
  tip: 'tip',
  hint: 'tip',
  important: 'important',
  attention: 'important',
  warning: 'warning',
  warn: 'warning',
  failure: 'warning',
  fail: 'warning',
  missing: 'warning',
  bug: 'warning',
  caution: 'caution',
  danger: 'caution',
  error: 'caution'
}

/** The callout kind an admonition word stands for, or `undefined` for a word that is none. */
export function calloutKindOf(word: string): CalloutKind | undefined {
  const key = word.toLowerCase()
  return Object.hasOwn(kinds, key) ? kinds[key] : undefined
}
