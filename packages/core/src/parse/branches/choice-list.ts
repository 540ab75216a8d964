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
 * Items that are bare links ("- [Cache overview](cache.md)", nothing
 * before the link and no "if …" after it) are a catalogue, not answers,
 * unless the step asks the reader to choose (a
 * question or "choose", "pick", "depending on", "which of" in its title or
 * in the paragraph right before the list).
 *
 * A list under a heading such as "Contents", "See also", "References" or
 * "Related documentation" is a list of links, not a decision; so is one
 * whose items all lead to the same place (descriptions that each say where
 * to read more), or one where an item's link is only where to read more
 * ("configure a cache limit; for more details, check [the settings](x.md)").
 *
 * @module
 */
import type {List, Nodes, RootContent} from 'mdast'
import type {Definitions} from '../content.js'
import {type FoundLink, linksIn} from '../links/links.js'
import {sectionRole} from '../structure/section-roles.js'
import {textOf, walk} from '../../walk.js'

/** A step's choice list, and whether its items read as instructions as much as answers (then offered beside going on). */
export interface ChoiceList {
  list: List
  choices: ListChoice[]
  doubtful: boolean
}

/** A choice read from a list item. */
export interface ListChoice {
  label: string
  link: FoundLink
  /** Whether the item names its choice ("Yes: [go on](#b)", "[Restart](#r) if the logs show …"), rather than being the link itself. */
  labelled: boolean
}

const tableOfContents = /^(?:table of )?contents$|^toc$|^index$|^(?:quick |useful |related )?links$|^see also$|^references?$/i
/** Words of a lead-in or title that ask the reader to choose. */
const chooseWords = /\?|\b(?:choose|pick|depending on|which (?:one|of)|one of the following)\b/i

/** Whether the step's title, or the paragraph right before its list, asks the reader to choose. */
function asksToChoose(title: string, before: RootContent | undefined): boolean {
  if (chooseWords.test(title)) return true
  return before?.type === 'paragraph' && chooseWords.test(textOf(before))
}

/** Words a choice item may have after its link ("[Step 5](#s5) (restart first)"); more make the list doubtful. */
const maxWordsAfter = 8
/** Text right before a link that makes it where to read more, not what to do: "for more details, check", "for more information see". */
const readMore = /\bfor\s+(?:more\s+|further\s+)?(?:details?|information|info)\s*[,;:]?\s+(?:please\s+)?(?:see|check(?:\s+out)?|refer\s+to|read|visit|consult|look\s+at)\s+(?:the\s+)?$/i
/** A label that only numbers or orders the item ("Step 1:", "2.", "Part 3", "First:", "Then:"): no answer. */
const numberOnly = /^(?:(?:(?:step|part|phase|stage)\s*)?\d+(?:\.\d+)*[.):]?|first|second|third|then|next|after that|finally|lastly)$/i

/**
 * The choices of a step that ends with a list whose every item links to a
 * step or another runbook; undefined when the step does not end so.
 */
export function choiceList(nodes: RootContent[], title: string, definitions: Definitions): ChoiceList | undefined {
  const last = nodes[nodes.length - 1]
  if (!last || last.type !== 'list' || tableOfContents.test(title.trim()) || sectionRole(title, []) === 'reference') return undefined
  const choices: ListChoice[] = []
  let doubtful = false
  for (const item of last.children) {
    if (typeof item.checked === 'boolean') return undefined
    if (item.children.some((child) => child.type === 'list')) return undefined
    const link = linksIn(item.children, definitions).find((found) => found.target.type !== 'external')
    if (!link) return undefined
    const {before, after} = textAround(item.children, link)
    if (readMore.test(before)) return undefined
    // "[Restart the consumer](#restart) if the logs show …": the condition comes after the link.
    const conditionAfter = /^\s*[,(]?\s*(?:if|when|unless|in case)\b/i.test(after)
    // "1. [Install Velero](install.md) on the source cluster with the feature flag. The flag is …" reads as an
    // instruction as much as a choice: such a list is offered beside going on.
    if (!conditionAfter && after.split(/\s+/).filter(Boolean).length > maxWordsAfter) doubtful = true
    const label = cleanLabel(before)
    choices.push({label: label || cleanLabel(link.text) || link.url, link, labelled: (label !== '' && !numberOnly.test(label)) || conditionAfter})
  }
  // Several items that all lead to one place are descriptions, not alternatives.
  if (choices.length > 1 && new Set(choices.map((choice) => choice.link.url)).size === 1) return undefined
  // Bare links ("- [Cache overview](cache.md)") are a catalogue unless the step asks the reader to choose.
  if (!choices.every((choice) => choice.labelled) && !asksToChoose(title, nodes[nodes.length - 2])) return undefined
  return choices.length > 0 ? {list: last, choices, doubtful} : undefined
}

/** The text of a choice item before its link (the choice's label, when there is one) and after it. */
function textAround(children: readonly Nodes[], link: FoundLink): {before: string; after: string} {
  const text = {before: '', after: ''}
  let side: 'before' | 'after' = 'before'
  for (const child of children) {
    walk(child, (node) => {
      if (node === link.node) {
        side = 'after'
        return false
      }
      if ('value' in node && node.type !== 'html') text[side] += node.value
      return undefined
    })
  }
  return text
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
