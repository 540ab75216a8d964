/**
 * Choice lists (rule `choice-list`): a step that ends with a list whose
 * every item links to a step or another runbook is a decision, one choice
 * per item, labelled by the text before the link.
 *
 * ```markdown
 * ## Is the printer online?
 *
 * - Yes, it shows "Ready": [check the print queue](#queue)
 * - No: [check power and cable](#power)
 * ```
 *
 * A list under a heading such as "Contents", "See also", "References" or
 * "Related documentation" is a list of links, not a decision.
 *
 * @module
 */
import type {List, Nodes, RootContent} from 'mdast'
import type {Definitions} from '../content.js'
import {type FoundLink, linksIn} from '../links/links.js'
import {sectionRole} from '../structure/section-roles.js'
import {walk} from '../../walk.js'

/** A choice read from a list item. */
export interface ListChoice {
  label: string
  link: FoundLink
}

const tableOfContents = /^(?:table of )?contents$|^toc$|^index$|^(?:quick |useful |related )?links$|^see also$|^references?$/i

/**
 * The choices of a step that ends with a list whose every item links to a
 * step or another runbook; undefined when the step does not end so.
 */
export function choiceList(nodes: RootContent[], title: string, definitions: Definitions): {list: List; choices: ListChoice[]} | undefined {
  const last = nodes[nodes.length - 1]
  if (!last || last.type !== 'list' || tableOfContents.test(title.trim()) || sectionRole(title, []) === 'reference') return undefined
  const choices: ListChoice[] = []
  for (const item of last.children) {
    if (typeof item.checked === 'boolean') return undefined
    if (item.children.some((child) => child.type === 'list')) return undefined
    const link = linksIn(item.children, definitions).find((found) => found.target.type !== 'external')
    if (!link) return undefined
    choices.push({label: choiceLabel(item.children, link), link})
  }
  return choices.length > 0 ? {list: last, choices} : undefined
}

/** The label of a choice item: its text before the link, else the link's text. */
function choiceLabel(children: readonly Nodes[], link: FoundLink): string {
  let before = ''
  let done = false
  for (const child of children) {
    walk(child, (node) => {
      if (done) return false
      if (node === link.node) {
        done = true
        return false
      }
      if ('value' in node && node.type !== 'html') before += node.value
      return undefined
    })
    if (done) break
  }
  const label = cleanLabel(before)
  return label || cleanLabel(link.text) || link.url
}

/** Trim arrows, dashes, colons and "go to" phrases from the ends of a label. */
export function cleanLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?:[\s:;,→⇒>–—-]|->|=>)+$/u, '')
    .replace(/\s*\b(?:then\s+)?(?:go|skip|proceed|continue|jump|return|move on|go back)\s+(?:to|with)\s*$/i, '')
    .replace(/(?:[\s:;,→⇒>–—-]|->|=>)+$/u, '')
    .replace(/^[\s:;,→⇒>–—-]+/u, '')
    .trim()
}
