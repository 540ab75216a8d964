/**
 * "If" headings (rule `if-headings`): a run of two or more sibling steps
 * whose headings start with "If" are the branches of a decision made by the
 * step before the run; each branch, when it ends, joins the step after the
 * run. Headings that ask a question ("If I lose my phone, what do I do?")
 * are FAQ entries, not conditions (see `structure/layout.ts`).
 *
 * A lone "If" step whose condition is that what came before did not work
 * (rule `fallback-heading`: "If the above steps do not work", "If that
 * fails", "If the problem persists") is a fallback: the step before offers
 * it as a choice beside going on past it, and it joins the step after it.
 * Other lone "If" steps ("If it is a network issue") keep document order:
 * nothing in the text sends the reader there.
 *
 * ```markdown
 * ## Restart the agent
 * ## If the restart does not help   ← a choice of "Restart the agent"
 * ## Close the incident             ← "Otherwise, continue" of "Restart …"
 * ```
 *
 * ```markdown
 * ## Revert the snapshot
 * ### If the host runs Proxmox
 * ### If the host runs libvirt
 * ## Verify                      ← both branches join here
 * ```
 *
 * @module
 */
import type {Unit} from '../structure/layout.js'

/** A decision read from a run of "If" headings. */
export interface IfRun {
  /** Index of the deciding step (the one before the run). */
  decider: number
  /** Indexes of the branches, in order, with the label of each. */
  branches: Array<{index: number; label: string}>
  /** Where each branch goes when it ends (`undefined`: the runbook ends). */
  join: number | undefined
  /** A lone fallback step ("If that fails"): the decider may also go on past it, to `join`. */
  optional: boolean
  /** The rule that read it. */
  rule: 'if-headings' | 'fallback-heading' | 'symptom-sections' | 'if-not-alternative'
}

/** What did not work: "the above steps", "that", "the restart", "the problem" (and "the steps above"). */
const whatBefore =
  /(?:all\s+)?(?:the\s+)?(?:above|previous|preceding|earlier)(?:\s+\w+){0,2}|(?:this|that|it|these|those)(?:\s+(?:steps?|fix|procedure|approach|command|restart))?|(?:the\s+)?(?:restart|fix|workaround|rollback|steps?|procedure)|(?:the\s+)?(?:problem|issue|error|alert|failure|incident)s?/
/** How it did not: "do not work", "fails", "persists", "is not resolved", "keeps firing". */
const didNotWork =
  /(?:do|does|did)\s*(?:not|n't)\s+(?:work|help|resolve|fix|succeed)|(?:fail|fails|failed|persists?|continues?|remains?|recurs?|keeps?\s+firing)\b|(?:is|are|was|were|has|have)\s*(?:not|n't|still)\s+(?:work(?:ing|ed)?|help(?:ing|ed)?|resolved|fixed|firing|successful)|(?:cannot|can't|won't|will\s+not)\s+(?:be\s+)?(?:work|help|resolve|fix|succeed|resolved|fixed)/
/** "If none of the above works". */
const noneWorked = /(?:none|neither)\s+of\s+(?:the\s+|these\s+|those\s+)?(?:above|previous|steps?|options?|fixes|solutions?)(?:\s+\w+)?\s+(?:works?|helps?|succeeds?|resolves?)\b/
/**
 * What a fallback's condition says: the steps before did not work.
 * "If (the) above steps do not work", "If that fails", "If this doesn't
 * help", "If the problem persists", "If none of the above works".
 */
const fallback = new RegExp(`^if\\s+(?:${noneWorked.source}|(?:${whatBefore.source})(?:\\s+(?:above|before))?\\s+(?:still\\s+|also\\s+)?(?:${didNotWork.source}))`, 'i')

/** The runs of "If" units in `units`, and lone fallback units (`optional`). */
export function ifRuns(units: readonly Unit[]): IfRun[] {
  const runs: IfRun[] = []
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!
    if (!unit.conditional || index === 0 || (units[index - 1]!.conditional && units[index - 1]!.depth === unit.depth)) continue
    let end = index
    while (end + 1 < units.length && units[end + 1]!.conditional && units[end + 1]!.depth === unit.depth) end++
    if (end === index && !fallback.test(unit.title)) continue
    const branches: IfRun['branches'] = []
    for (let member = index; member <= end; member++) branches.push({index: member, label: conditionLabel(units[member]!.title)})
    runs.push({decider: index - 1, branches, join: end + 1 < units.length ? end + 1 : undefined, optional: end === index, rule: end === index ? 'fallback-heading' : 'if-headings'})
    index = end
  }
  return runs
}

/** "If the pod is pending" → "The pod is pending". */
export function conditionLabel(title: string): string {
  const rest = title.replace(/^if\s+/i, '').replace(/[:.?]$/, '').trim()
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : title
}
