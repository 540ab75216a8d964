/**
 * A go-to that sends every reader on ("Go to [Replica maintenance](#replica)",
 * "go to Step 13") leaves the step at its end. Written inside a list item
 * with more items after it, it is a procedure to do as part of this step,
 * not the step's way out:
 *
 * ```markdown
 * 1. Take the replica out of the pool: follow the [replica maintenance](#replica) instructions.
 * 2. Decrease the node count in Terraform.
 * ```
 *
 * Such a go-to makes no edge (the link stays a link) and is reported as
 * `go-to-in-list`. Anything else after a go-to (a note, a screenshot,
 * sample output) leaves it the step's way out.
 *
 * @module
 */
import type {Nodes, RootContent} from 'mdast'
import {walk} from '../../walk.js'

/**
 * Whether `offset` lies inside a list item of `nodes` that has another item
 * after it in its list (at any depth); `false` without positions.
 */
export function followedByItems(nodes: readonly RootContent[], offset: number | undefined): boolean {
  if (offset === undefined) return false
  let found = false
  for (const root of nodes) {
    walk(root, (node: Nodes) => {
      if (found) return false
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined || offset < start || offset >= end) return false
      if (node.type === 'list') {
        const items = node.children
        for (let index = 0; index < items.length - 1; index++) {
          const item = items[index]!.position
          if (item?.start.offset !== undefined && item.end.offset !== undefined && offset >= item.start.offset && offset < item.end.offset) {
            found = true
            return false
          }
        }
      }
      return undefined
    })
    if (found) break
  }
  return found
}
