/**
 * Where a step ends: its last instruction. A go-to that sends every reader
 * on ("Go to [Replica maintenance](#replica)") leaves the step only from
 * there; one with more instructions after it in the same step is a
 * procedure to do as part of this one, not a jump:
 *
 * ```markdown
 * 1. Take the replica out of the pool: follow the [replica maintenance](#replica) instructions.
 * 2. Decrease the node count in Terraform.
 * ```
 *
 * The last instruction is the step's last paragraph, code block, table or
 * heading, inside the last item of a list that ends it; quotes, HTML and
 * rules after it (a note, a comment) do not count.
 *
 * @module
 */
import type {Nodes, RootContent} from 'mdast'

const instruction = new Set(['paragraph', 'code', 'table', 'heading', 'list', 'listItem', 'definition'])

/** The last instruction block of `nodes`, descending into lists; `undefined` when there is none. */
function lastInstruction(nodes: readonly RootContent[]): Nodes | undefined {
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index]!
    if (!instruction.has(node.type) || node.type === 'definition') continue
    if (node.type === 'list' || node.type === 'listItem') return lastInstruction(node.children) ?? node
    return node
  }
  return undefined
}

/** Whether `node` (a link, say) lies in the last instruction of the step made of `nodes`; `true` without positions. */
export function endsStep(nodes: readonly RootContent[], node: Nodes): boolean {
  const last = lastInstruction(nodes)
  const start = last?.position?.start.offset
  const at = node.position?.start.offset
  if (start === undefined || at === undefined) return true
  return at >= start
}
