/**
 * Small tree helpers that use an explicit stack, so deeply nested input
 * (thousands of list levels) cannot overflow the call stack.
 */
import type {Nodes, Parents} from 'mdast'

/** Call `visitor` on `tree` and every descendant, in document order. Return `false` to skip a node's children. */
export function walk(tree: Nodes, visitor: (node: Nodes, parent: Parents | undefined) => boolean | void): void {
  // Two parallel stacks rather than a [node, parent] pair per node: no allocation per visit.
  const nodes: Nodes[] = [tree]
  const parents: Array<Parents | undefined> = [undefined]
  while (nodes.length > 0) {
    const node = nodes.pop()!
    const parent = parents.pop()
    if (visitor(node, parent) === false) continue
    if ('children' in node) {
      const children = node.children as Nodes[]
      for (let index = children.length - 1; index >= 0; index--) {
        nodes.push(children[index]!)
        parents.push(node)
      }
    }
  }
}

/** Plain text of a node, like mdast-util-to-string, without recursion. */
export function textOf(node: Nodes | Nodes[]): string {
  let text = ''
  const roots = Array.isArray(node) ? node : [node]
  for (const root of roots) {
    walk(root, (child) => {
      if ('value' in child && child.type !== 'html' && child.type !== 'yaml') text += child.value
      else if (child.type === 'image' || child.type === 'imageReference') text += child.alt ?? ''
      else if (child.type === 'break') text += ' '
      else if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
        if (text && !/\s$/.test(text)) text += ' '
      }
    })
  }
  return text
}
