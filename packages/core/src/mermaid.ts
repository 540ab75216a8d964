/**
 * A Mermaid flowchart of a runbook's graph, for authors to see their
 * branches where GitHub and GitLab render Mermaid.
 */
import {isRunbookLike, misuse} from './misuse.js'
import type {Runbook} from './types.js'

/** Options of `toMermaid`. */
export interface MermaidOptions {
  /** Flowchart direction (default: `'TD'`, top down). */
  direction?: 'TD' | 'LR' | null | undefined
}

/** Text safe inside a quoted Mermaid label. */
function label(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  const short = clean.length > 60 ? clean.slice(0, 57) + '…' : clean
  return short.replace(/["#<>&{}[\]|`]/g, (char) => `#${char.charCodeAt(0)};`)
}

/**
 * Render `runbook` as a Mermaid `flowchart`: tasks as boxes, decisions as
 * diamonds, ends as rounded boxes (and one "End" where a step may finish
 * instead of taking its way out), other runbooks as subroutine boxes, edges
 * labelled with their choices.
 */
export function toMermaid(runbook: Runbook, options?: MermaidOptions | null): string {
  if (!isRunbookLike(runbook)) throw misuse('toMermaid', 'a parsed runbook (with steps)', runbook)
  const direction = options?.direction ?? 'TD'
  const lines = [`flowchart ${direction}`]
  const nodeId = new Map(runbook.steps.map((step, index) => [step.id, `s${index}`]))
  runbook.steps.forEach((step, index) => {
    const text = label((step.number ? `${step.number}. ` : '') + step.title)
    const id = `s${index}`
    if (step.kind === 'decision') lines.push(`  ${id}{"${text}"}`)
    else if (step.kind === 'end') lines.push(`  ${id}(["${text}"])`)
    else lines.push(`  ${id}["${text}"]`)
  })
  const external = new Map<string, string>()
  let hasEnd = false
  for (const step of runbook.steps) {
    const from = nodeId.get(step.id)!
    for (const edge of step.edges) {
      let to: string | undefined
      if (edge.runbook !== undefined || (edge.href !== undefined && edge.to === undefined)) {
        const key = edge.runbook !== undefined ? edge.runbook + (edge.to ? `#${edge.to}` : '') : edge.href!
        if (!external.has(key)) {
          const id = `r${external.size}`
          external.set(key, id)
          lines.push(`  ${id}[["${label(key)}"]]`)
        }
        to = external.get(key)
      } else if (edge.to !== undefined) {
        to = nodeId.get(edge.to)
      } else {
        // "Otherwise, finish": one end node for every such edge.
        if (!hasEnd) lines.push('  end0(["End"])')
        hasEnd = true
        to = 'end0'
      }
      if (to === undefined) continue
      lines.push(edge.label ? `  ${from} -->|"${label(edge.label)}"| ${to}` : `  ${from} --> ${to}`)
    }
  }
  return lines.join('\n') + '\n'
}
