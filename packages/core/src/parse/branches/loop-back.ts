/**
 * Loop-backs (rule `loop-back`): a sentence that sends the reader back to
 * an earlier step to do it again is a choice beside going on: the link is
 * the sentence's action and the sentence says to repeat
 * ("[Update the plan](#plan) and repeat until the incident is closed."), or
 * the link is what to repeat ("Repeat [the checks](#checks) for each node.",
 * "repeat the steps in [Gather data](#gather)").
 *
 * ```markdown
 * ## Verify the fix {#verify}
 *
 * [Apply the next fix](#fix) and repeat until the alert clears.
 * ```
 *
 * Only a link to an earlier step of the same runbook loops back (the caller
 * checks); "as in [step 2](#s2), run it again" names no action and stays a
 * link. "Go back to [X]" is a go-to sentence.
 *
 * @module
 */
import type {Nodes, Paragraph, PhrasingContent, RootContent} from 'mdast'
import type {Definitions} from '../content.js'
import {classifyHref, type FoundLink, urlOf} from '../links/links.js'
import {textOf, walk} from '../../walk.js'

/** A link the reader is sent back to, with the sentence as the choice's label. */
export interface LoopBack {
  link: FoundLink
  label: string
}

/** Words that may make a loop; paragraphs without any are not read. */
const loopWord = /\b(?:repeat|iterate|again|start over|redo|re-?run)\b/i
/** After a link that opens its sentence: "… and repeat until closure", "… again". */
const repeatAfter = /^[^.!?]*?\b(?:(?:and|then)\s+(?:repeat|iterate|start over|try again)|again)\b/i
/** Right before the link: "Repeat", "repeat the steps described in". */
const repeatBefore =
  /(?:^|[.!?:;]\s+|,\s*(?:then\s+)?|\b(?:then|and|should|must|can|to)\s+)(?:re-?run|redo|repeat)\s+(?:all\s+)?(?:the\s+)?(?:(?:steps?|procedure|process|instructions|checks?)\s+)?(?:(?:described|listed|given|outlined|from)\s+)?(?:(?:in|from|of|under|at)\s+)?(?:the\s+)?$/i
/** Characters of the sentence read on either side of a link. */
const window = 200

/** Whether `source` may hold a loop-back at all (a cheap test before reading every paragraph). */
export function mayLoopBack(source: string): boolean {
  return loopWord.test(source)
}

/** Loop-back sentences in the paragraphs of `nodes` (not inside `skip`). */
export function loopBacksIn(nodes: readonly RootContent[], definitions: Definitions, skip?: Nodes): LoopBack[] {
  const found: LoopBack[] = []
  for (const root of nodes) {
    walk(root, (node) => {
      if (node === skip) return false
      if (node.type === 'paragraph') {
        if (loopWord.test(textOf(node))) loopBacksInParagraph(node, definitions, found)
        return false
      }
      // Headings and tables hold text only, and no paragraph.
      return node.type !== 'heading' && node.type !== 'table'
    })
  }
  return found
}

function loopBacksInParagraph(paragraph: Paragraph, definitions: Definitions, found: LoopBack[]): void {
  // The paragraph's text, with where each anchor link stands in it.
  let text = ''
  const links: Array<{start: number; end: number; link: FoundLink}> = []
  const visit = (children: PhrasingContent[]) => {
    for (const child of children) {
      if (child.type === 'link' || child.type === 'linkReference') {
        const url = urlOf(child, definitions)
        const target = url === undefined ? undefined : classifyHref(url)
        const linkText = textOf(child)
        if (url !== undefined && target?.type === 'anchor') {
          links.push({start: text.length, end: text.length + linkText.length, link: {url, text: linkText.trim(), target, position: child.position, node: child}})
        }
        text += linkText
      } else if ('value' in child) {
        text += child.value
      } else if ('children' in child) {
        visit(child.children as PhrasingContent[])
      } else if (child.type === 'break') {
        text += ' '
      }
    }
  }
  visit(paragraph.children)
  for (const {start, end, link} of links) {
    const before = sentenceBefore(text.slice(Math.max(0, start - window), start))
    const after = text.slice(end, end + window)
    const opens = before !== undefined && before.trim() === ''
    if ((opens && repeatAfter.test(after)) || (before !== undefined && repeatBefore.test(before.replace(/\s+/g, ' ')))) {
      found.push({link, label: labelOf(before ?? '', link.text, after)})
    }
  }
}

/** The part of `text` after its last sentence end; `undefined` when the window holds no start of the sentence. */
function sentenceBefore(text: string): string | undefined {
  const ends = [...text.matchAll(/[.!?]\s/g)]
  const last = ends[ends.length - 1]
  if (last) return text.slice(last.index! + last[0].length)
  return text.length < window ? text : undefined
}

/** The sentence as the choice's label, at most about 120 characters. */
function labelOf(before: string, linkText: string, after: string): string {
  const rest = /^[^.!?]*/.exec(after)![0]
  const sentence = (before + linkText + rest).replace(/\s+/g, ' ').trim()
  const label = sentence.length > 120 ? sentence.slice(0, sentence.lastIndexOf(' ', 117)) + '…' : sentence
  return label.charAt(0).toUpperCase() + label.slice(1)
}
