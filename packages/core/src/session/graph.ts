/**
 * The step graph as a session sees it: the choices out of a step and the
 * longest way from a step to an end.
 *
 * @module
 */
import type {Runbook, Step} from '../types.js'
import type {Choice} from './types.js'

/** The choices out of `step`: one per edge, in order. */
export function choicesOf(runbook: Runbook, step: Step): Choice[] {
  const ids = new Set(runbook.steps.map((s) => s.id))
  return step.edges.map((edge, index) => {
    const internal = edge.runbook === undefined && edge.to !== undefined && ids.has(edge.to)
    const target = internal ? runbook.steps.find((s) => s.id === edge.to) : undefined
    const label = edge.label ?? (edge.kind === 'next' ? 'Continue' : (target?.title ?? edge.href ?? edge.to ?? 'Continue'))
    const choice: Choice = {index, label, kind: edge.kind, internal}
    if (edge.to !== undefined) choice.to = edge.to
    if (edge.runbook !== undefined) choice.runbook = edge.runbook
    else if (edge.href !== undefined && edge.to === undefined) choice.href = edge.href
    return choice
  })
}

/**
 * The number of steps on the longest way from `from` to an end, counting
 * `from` itself. Cycles are cut where a depth-first walk meets a step it is
 * still inside (a "go back to" edge), so the answer is finite and the walk
 * linear in the size of the graph.
 */
export function longestRemaining(runbook: Runbook, from: string): number {
  const byId = new Map(runbook.steps.map((step) => [step.id, step]))
  if (!byId.has(from)) return 1
  const memo = new Map<string, number>()
  const onStack = new Set<string>()
  // Iterative depth-first walk: runbooks are small, but corpus files can have
  // long chains, and recursion depth should not depend on input.
  const stack: Array<{id: string; next: number; best: number}> = [{id: from, next: 0, best: 0}]
  onStack.add(from)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    const targets = byId.get(frame.id)!.edges
    if (frame.next < targets.length) {
      const edge = targets[frame.next++]!
      if (edge.runbook !== undefined || edge.to === undefined || !byId.has(edge.to) || onStack.has(edge.to)) continue
      const known = memo.get(edge.to)
      if (known !== undefined) {
        frame.best = Math.max(frame.best, known)
        continue
      }
      onStack.add(edge.to)
      stack.push({id: edge.to, next: 0, best: 0})
      continue
    }
    stack.pop()
    onStack.delete(frame.id)
    const length = frame.best + 1
    memo.set(frame.id, length)
    const parent = stack[stack.length - 1]
    if (parent) parent.best = Math.max(parent.best, length)
  }
  return memo.get(from) ?? 1
}
