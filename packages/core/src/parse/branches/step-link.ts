/**
 * Step links (rule `step-link`): a numbered sub-step whose whole text is a
 * link to another runbook ("Step 1: [Check the cluster health](health.md)")
 * tells the reader to do that runbook here. It is a choice beside going
 * on: the other runbook, then the rest of this step.
 *
 * ```markdown
 * ## Check the storage
 *
 * Step 1: [Check the cluster health](cluster-health.md)
 *
 * Step 2: Run `ceph osd status`.
 * ```
 *
 * A link with more text around it ("Step 1: read [the notes](notes.md)
 * first") or to a page that is not a runbook stays a link.
 *
 * @module
 */
import type {Nodes, RootContent} from 'mdast'
import type {Definitions} from '../content.js'
import {linksIn, type FoundLink} from '../links/links.js'
import {textOf, walk} from '../../walk.js'

/** A sub-step that is a link to another runbook, labelled as written ("Step 1: Check the cluster health"). */
export interface StepLink {
  link: FoundLink
  label: string
}

const stepLabel = /^\s*step\s+(\d+[a-z]?)\s*[:.)\-–—]\s*$/i

/** Whether `source` may hold a step link at all (a cheap test before reading every paragraph). */
export function mayLinkSteps(source: string): boolean {
  return /\bstep\s+\d+[a-z]?\s*[:.)\-–—]\s*(?:[*_]+\s*)?\[/i.test(source)
}

/** Step links in the paragraphs of `nodes` (not inside `skip`). */
export function stepLinksIn(nodes: readonly RootContent[], definitions: Definitions, skip?: Nodes): StepLink[] {
  const found: StepLink[] = []
  for (const root of nodes) {
    walk(root, (node) => {
      if (node === skip) return false
      // Headings and tables hold text only, and no paragraph.
      if (node.type !== 'paragraph') return node.type !== 'heading' && node.type !== 'table'
      const children = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
      const at = children.findIndex((child) => child.type === 'link' || child.type === 'linkReference')
      if (at === -1) return false
      const before = children.slice(0, at).map((child) => textOf(child)).join('')
      const after = children.slice(at + 1).map((child) => textOf(child)).join('')
      const number = stepLabel.exec(before)
      if (!number || !/^[\s:.]*$/.test(after)) return false
      const link = linksIn([children[at]!], definitions)[0]
      if (link && link.target.type === 'runbook') found.push({link, label: `Step ${number[1]}: ${link.text}`})
      return false
    })
  }
  return found
}
