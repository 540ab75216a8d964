/**
 * Bold step headings: some authors write their steps as bold paragraphs
 * instead of headings. When a document has two or more top-level paragraphs
 * that are only bold text and read as numbered steps, every short bold-only
 * paragraph at the top level is read as a heading, one level below the
 * heading before it.
 *
 * ```markdown
 * **Prerequisites**
 *
 * **Step 1: Add the repository config**
 *
 * **Step 2: Open a pull request**
 * ```
 *
 * A single bold line ("**Important**") or bold lines without step numbers
 * stay paragraphs.
 *
 * @module
 */
import type {Heading, Paragraph, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'

const numberedStep = /^(?:step|phase|part|stage)\s+(?:\d+[a-z]?|[ivx]+)\b|^\d+(?:\.\d+)*[.)]\s+\S/i

/** The bold text of a paragraph that is nothing but one bold run, short and without a closing full stop. */
function boldTitle(node: RootContent): PhrasingContent[] | undefined {
  if (node.type !== 'paragraph') return undefined
  const children = (node as Paragraph).children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  if (children.length !== 1 || children[0]!.type !== 'strong') return undefined
  const text = toString(children[0]!).trim()
  if (text.length === 0 || text.length > 100 || /[.!]$/.test(text) || text.includes('\n')) return undefined
  return children[0]!.children
}

/** `body` with bold step headings read as headings (a new array; the nodes given are not changed). */
export function readBoldHeadings(body: RootContent[]): RootContent[] {
  const numbered = body.filter((node) => {
    const title = boldTitle(node)
    return title !== undefined && numberedStep.test(toString({type: 'paragraph', children: title}).trim())
  })
  if (numbered.length < 2) return body
  let depth = 2
  return body.map((node) => {
    if (node.type === 'heading') {
      depth = Math.min(6, node.depth + 1)
      return node
    }
    const title = boldTitle(node)
    if (!title) return node
    const heading: Heading = {type: 'heading', depth: depth as Heading['depth'], children: title}
    if (node.position) heading.position = node.position
    return heading
  })
}
