/**
 * Alternatives do not fall through into each other. When a step offers a
 * choice between sub-sections that stand next to each other under it, the
 * first alternative does not run on into the second when it ends: it joins
 * the next section at the level of the choice, or ends the runbook.
 *
 * ```markdown
 * ## Which phone? {#phone}
 * - [Android](#android)
 * - [iPhone](#iphone)
 *
 * ### Android {#android}      ← goes on to "Verify", not to "iPhone"
 * ### iPhone {#iphone}
 * ## Verify {#verify}
 * ```
 *
 * Alternatives at the same level as the steps after them join only when
 * their titles are parallel ("If you use a Mac" / "If you use Windows",
 * "Resend the medical alert" / "Resend the travel alert": the same first
 * word, or most words shared). Otherwise they keep document order: "put it
 * into service" running on into "clean up" is how authors write a shared
 * tail, and a wrong jump is worse than a missed one.
 *
 * @module
 */
import type {Step} from '../../types.js'

/**
 * For each step index that is a choice target standing right before another
 * target of the same decision, the index its run should join instead
 * (`undefined`: it ends). Steps not in the map keep document order.
 */
export function alternativeJoins(steps: readonly Step[], depths: readonly number[]): Map<number, number | undefined> {
  const index = new Map(steps.map((step, at) => [step.id, at]))
  const joins = new Map<number, number | undefined>()
  steps.forEach((step, at) => {
    const targets = new Set<number>()
    for (const edge of step.edges) {
      if (edge.kind !== 'choice' || edge.runbook !== undefined || edge.to === undefined) continue
      const target = index.get(edge.to)
      // Only forward choices: a loop back is no set of alternatives.
      if (target !== undefined && target > at) targets.add(target)
    }
    if (targets.size < 2) return
    for (const target of targets) {
      if (!targets.has(target + 1)) continue
      let join = target + 1
      while (targets.has(join)) join++
      const depth = depths[target] ?? 0
      // Sub-sections: every alternative deeper than the decider, and than the step they join.
      const nested = depth > 0 && depth > (depths[at] ?? 0) && (join >= steps.length || depth > (depths[join] ?? 0))
      if (nested || parallel(steps[target]!.title, steps[target + 1]!.title)) joins.set(target, join < steps.length ? join : undefined)
    }
  })
  return joins
}

const words = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0)

/** Whether two titles are written as parallel alternatives: the same first word, or at least half their words shared. */
export function parallel(a: string, b: string): boolean {
  const left = words(a)
  const right = words(b)
  if (left.length === 0 || right.length === 0) return false
  if (left[0] === right[0]) return true
  const shared = left.filter((word) => right.includes(word)).length
  return (2 * shared) / (left.length + right.length) >= 0.5
}
