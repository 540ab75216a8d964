/**
 * A go-to that sends every reader on ("Go to [Replica maintenance](#replica)",
 * "go to Step 13") leaves the step at its end. It is part of the step
 * instead, and makes no edge (the link stays a link; `go-to-in-step` says
 * so), when:
 *
 * - it is in a list item with more items after it: a procedure to do as
 *   part of this step;
 *
 *   ```markdown
 *   1. Take the replica out of the pool: follow the [replica maintenance](#replica) instructions.
 *   2. Decrease the node count in Terraform.
 *   ```
 *
 * - another item of its list holds a go-to too ("- Under 100 GB: go to
 *   [In place](#in-place)" / "- Over 100 GB: go to [Dump](#dump)"): cases
 *   the text does not mark as such, of which the last must not win;
 * - its paragraph says to come back ("…, then come back here").
 *
 * Anything else after a go-to (a note, a screenshot, sample output) leaves
 * it the step's way out.
 *
 * @module
 */
import type {List, ListItem, Nodes, RootContent} from 'mdast'
import {textOf, walk} from '../../walk.js'

/** The list item of `nodes` that holds `offset` most closely, with its list; `undefined` outside lists or without positions. */
function itemAt(nodes: readonly RootContent[], offset: number): {list: List; item: ListItem} | undefined {
  let found: {list: List; item: ListItem} | undefined
  for (const root of nodes) {
    walk(root, (node: Nodes) => {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined || offset < start || offset >= end) return false
      if (node.type === 'list') {
        const item = node.children.find((child) => {
          const position = child.position
          return position?.start.offset !== undefined && position.end.offset !== undefined && offset >= position.start.offset && offset < position.end.offset
        })
        if (item) found = {list: node, item}
      }
      return undefined
    })
  }
  return found
}

/** The paragraph of `nodes` that holds `offset`. */
function paragraphAt(nodes: readonly RootContent[], offset: number): Nodes | undefined {
  let found: Nodes | undefined
  for (const root of nodes) {
    walk(root, (node: Nodes) => {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined || offset < start || offset >= end) return false
      if (node.type === 'paragraph') found = node
      return undefined
    })
  }
  return found
}

const comeBack = /\b(?:come back|return here|then return|and return)\b/i

/**
 * Which of the go-tos at `offsets` (start offsets of their links or
 * sentences, in `nodes`, the step's content) are part of the step rather
 * than its way out: each such offset is in the returned set.
 */
export function goTosInStep(nodes: readonly RootContent[], offsets: ReadonlyArray<number | undefined>): Set<number> {
  const inStep = new Set<number>()
  const inLists: Array<{offset: number; list: List; index: number}> = []
  for (const offset of offsets) {
    if (offset === undefined) continue
    const paragraph = paragraphAt(nodes, offset)
    if (paragraph && comeBack.test(textOf(paragraph))) inStep.add(offset)
    const at = itemAt(nodes, offset)
    if (!at) continue
    const index = at.list.children.indexOf(at.item)
    if (index < at.list.children.length - 1) inStep.add(offset)
    inLists.push({offset, list: at.list, index})
  }
  // Go-tos in two or more items of one list: none is every reader's way out.
  for (const {offset, list, index} of inLists) {
    if (inLists.some((other) => other.list === list && other.index !== index)) inStep.add(offset)
  }
  return inStep
}
