/**
 * Prose steps: a page with no headings and no numbered list, written as
 * paragraphs that each introduce a code block, is a procedure whose steps
 * are those paragraphs. Each paragraph directly followed by a code block
 * starts a step, titled by its first sentence; what comes before the first
 * is the intro. It takes three such paragraphs: one or two code blocks in
 * prose are an example, not a procedure.
 *
 * ```markdown
 * Scale the deployment down:
 *
 *     kubectl scale deploy/web --replicas=0
 *
 * Then resize the volume claim:
 *
 *     kubectl edit pvc data-web-0
 *
 * Scale it up again:
 *
 *     kubectl scale deploy/web --replicas=2
 * ```
 *
 * @module
 */
import type {RootContent} from 'mdast'

/** Indexes in `nodes` of the paragraphs that start prose steps, or undefined when the page is not written so. */
export function proseStepStarts(nodes: readonly RootContent[]): number[] | undefined {
  const starts: number[] = []
  nodes.forEach((node, index) => {
    if (node.type === 'paragraph' && nodes[index + 1]?.type === 'code') starts.push(index)
  })
  return starts.length >= 3 ? starts : undefined
}
