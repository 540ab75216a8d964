/**
 * "If you do not have …" alternatives (rule `if-not-alternative`): a
 * section that opens with "If you do not have X, you can still (or
 * instead) …" is the way for readers without what the section before it
 * needs. The two are alternatives: the step before them offers both, and
 * the first, when done, goes on past the second instead of running into it.
 *
 * ```markdown
 * ## Find the slow query
 * ## Read the database logs             ← "You have access to the database logs"
 * ## Search the logs in Kibana          ← "If you do not have access to the database logs"
 *
 * If you do not have access to the database logs, you can still search them in Kibana.
 * ## Report                             ← both join here
 * ```
 *
 * The condition must name something the section before is about (a word of
 * its title), and say that the reader can still (or instead) do this: "If
 * you do not have an account, create one" is a step's own prerequisite,
 * not an alternative.
 *
 * @module
 */
import {toString} from 'mdast-util-to-string'
import type {Unit} from '../structure/layout.js'
import {textOf} from '../../walk.js'
import type {IfRun} from './if-headings.js'

const opening =
  /^(?:if|when|in case)\s+(?:you|we)\s+(do\s+not|don't|cannot|can't|can\s+not|are\s+not\s+able\s+to|are\s+unable\s+to|have\s+no)\s+([^,.!?]{3,200}?),\s*(?:then\s+)?(?:you|we)\s+(?:can|could|may|should|will\s+need\s+to|need\s+to)\s+(?:still|instead|also|alternatively)\b/i
/** Words too common to tie a condition to a section's title. */
const common = new Set(['with', 'from', 'that', 'this', 'have', 'access', 'direct', 'your', 'their', 'there', 'into', 'using', 'step', 'steps', 'section'])

/** Pairs of sibling sections where the second is for readers who lack what the first needs. */
export function ifNotAlternatives(units: readonly Unit[]): IfRun[] {
  const runs: IfRun[] = []
  for (let index = 2; index < units.length; index++) {
    const unit = units[index]!
    const before = units[index - 1]!
    if (!unit.heading || !before.heading || unit.depth !== before.depth || units[index - 2]!.depth > unit.depth) continue
    const first = unit.nodes[0]
    if (!first || first.type !== 'paragraph') continue
    const match = opening.exec(textOf(first).replace(/\s+/g, ' ').trim())
    if (!match) continue
    const lacking = match[2]!
    const titleWords = new Set(words(toString(before.heading)))
    if (!words(lacking).some((word) => titleWords.has(word))) continue
    const condition = match[0].slice(0, match[0].indexOf(',')).trim()
    runs.push({
      decider: index - 2,
      branches: [
        {index: index - 1, label: affirmed(match[1]!, lacking)},
        {index, label: condition.charAt(0).toUpperCase() + condition.slice(1)}
      ],
      join: index + 1 < units.length ? index + 1 : undefined,
      optional: false,
      rule: 'if-not-alternative'
    })
  }
  return runs
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4 && !common.has(word))
}

/** "do not" + "have access to X" → "You have access to X"; "cannot" + "reach X" → "You can reach X". */
function affirmed(negation: string, rest: string): string {
  const not = negation.toLowerCase().replace(/\s+/g, ' ')
  if (not === 'have no') return `You have ${rest}`
  if (not.startsWith('can')) return `You can ${rest}`
  if (not.startsWith('are')) return `You are able to ${rest}`
  return `You ${rest}`
}
