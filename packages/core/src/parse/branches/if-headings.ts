/**
 * "If" headings (rule `if-headings`): a run of two or more sibling steps
 * whose headings start with "If" are the branches of a decision made by the
 * step before the run; each branch, when it ends, joins the step after the
 * run. Headings that ask a question ("If I lose my phone, what do I do?")
 * are FAQ entries, not conditions (see `structure/layout.ts`).
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
}

/** The runs of "If" units in `units`. */
export function ifRuns(units: readonly Unit[]): IfRun[] {
  const runs: IfRun[] = []
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!
    if (!unit.conditional || index === 0 || (units[index - 1]!.conditional && units[index - 1]!.depth === unit.depth)) continue
    let end = index
    while (end + 1 < units.length && units[end + 1]!.conditional && units[end + 1]!.depth === unit.depth) end++
    if (end === index) continue
    const branches: IfRun['branches'] = []
    for (let member = index; member <= end; member++) branches.push({index: member, label: conditionLabel(units[member]!.title)})
    runs.push({decider: index - 1, branches, join: end + 1 < units.length ? end + 1 : undefined})
    index = end
  }
  return runs
}

/** "If the pod is pending" → "The pod is pending". */
export function conditionLabel(title: string): string {
  const rest = title.replace(/^if\s+/i, '').replace(/[:.?]$/, '').trim()
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : title
}
