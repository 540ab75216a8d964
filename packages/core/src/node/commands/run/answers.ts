/**
 * The answers of `runbook run` and the grammar of script lines
 * (`2`, `next`, `run 1`, `note TEXT`, `escalate team NAME: REASON`, …).
 *
 * @module
 */

/** One answer, from a key or a script line. */
export type Action =
  | {type: 'choose'; index: number}
  | {type: 'continue'}
  | {type: 'check' | 'uncheck' | 'toggle'; index?: number | undefined}
  | {type: 'run'; index?: number | undefined}
  | {type: 'note'; text?: string | undefined}
  | {type: 'param'; text?: string | undefined}
  | {type: 'escalate'; text?: string | undefined}
  | {type: 'back' | 'finish' | 'quit' | 'help'}
  | {type: 'goto'; id?: string | undefined}
  | {type: 'abandon'; reason?: string | undefined}
  | {type: 'unknown'; text: string}

/** A script line as an answer. */
export function parseAnswer(line: string): Action {
  const text = line.trim()
  const [word = '', ...rest] = text.split(/\s+/)
  const arg = text.slice(word.length).trim()
  const number = /^\d+$/.test(arg) ? Number(arg) - 1 : undefined
  if (/^\d+$/.test(text)) return {type: 'choose', index: Number(text) - 1}
  switch (word.toLowerCase()) {
    case '':
    case 'next':
    case 'continue':
      return {type: 'continue'}
    case 'check':
    case 'uncheck':
      return {type: word.toLowerCase() as 'check' | 'uncheck', index: number}
    case 'run':
      return {type: 'run', index: number}
    case 'note':
      return {type: 'note', text: arg || undefined}
    case 'param':
      return {type: 'param', text: arg || undefined}
    case 'escalate':
      return {type: 'escalate', text: arg || undefined}
    case 'back':
    case 'finish':
    case 'quit':
    case 'help':
      return rest.length === 0 ? {type: word.toLowerCase() as 'back' | 'finish' | 'quit' | 'help'} : {type: 'unknown', text}
    case 'goto':
      return {type: 'goto', id: arg || undefined}
    case 'abandon':
      return {type: 'abandon', reason: arg || undefined}
    default:
      return {type: 'unknown', text}
  }
}
