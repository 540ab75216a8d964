/**
 * A plain-text outline of a runbook: its steps, decisions and ends.
 */
import {isRunbookLike, misuse} from './misuse.js'
import type {Runbook, Step} from './types.js'

/** Options of `formatOutline`. */
export interface OutlineOptions {
  /** Show each step's commands under it (default: `false`). */
  commands?: boolean | null | undefined
}

/**
 * Format `runbook` as an indented outline:
 *
 *     Printer offline (troubleshooting, 6 steps)
 *       1. Check the display  [decision]
 *            Ready → 2. Check the queue
 */
export function formatOutline(runbook: Runbook, options?: OutlineOptions | null): string {
  if (!isRunbookLike(runbook)) throw misuse('formatOutline', 'a parsed runbook (with steps)', runbook)
  const showCommands = options?.commands ?? false
  const meta = [runbook.meta.category, ...(runbook.meta.inferred?.includes('category') ? ['inferred'] : []), `${runbook.steps.length} step${runbook.steps.length === 1 ? '' : 's'}`]
  const lines = [`${runbook.title} (${meta.join(', ')})`]
  const numberOf = new Map(runbook.steps.map((step, index) => [step.id, index + 1]))
  const name = (step: Step | undefined, id: string) => (step ? `${numberOf.get(step.id)}. ${step.title}` : id)
  runbook.steps.forEach((step, index) => {
    const tags = [step.kind === 'task' ? '' : step.kind, step.checklist.length > 0 ? `${step.checklist.length} checks` : '']
      .filter(Boolean)
      .join(', ')
    lines.push(`  ${index + 1}. ${step.title}${tags ? `  [${tags}]` : ''}`)
    if (showCommands) for (const command of step.commands) lines.push(`       $ ${command.code.split('\n')[0]}`)
    const onlyNext = step.edges.length === 1 && step.edges[0]!.kind === 'next' && step.edges[0]!.to === runbook.steps[index + 1]?.id
    if (onlyNext) return
    for (const edge of step.edges) {
      const target =
        edge.runbook !== undefined
          ? `runbook ${edge.runbook}${edge.to ? `#${edge.to}` : ''}`
          : edge.href !== undefined && edge.to === undefined
            ? `document ${edge.href}`
            : edge.to === undefined
              ? 'end'
              : name(runbook.steps.find((candidate) => candidate.id === edge.to), edge.to)
      lines.push(`       ${edge.label ? `${edge.label} ` : ''}→ ${target}${edge.rule ? `  [${edge.rule}]` : ''}`)
    }
  })
  return lines.join('\n') + '\n'
}
