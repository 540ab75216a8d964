/**
 * Section roles: which top-level sections of a runbook are not steps.
 *
 * A procedure is often framed by sections a responder does not tick off:
 * before it, what the page is for (`## Purpose`, `## Overview`, `## Scope`);
 * after it, or anywhere, material to look things up in (`## References`,
 * `## Appendix A`, `## Revision history`, a `MITRE ATT&CK` mapping). Such
 * sections go to the runbook's intro and outro: still shown, never steps.
 *
 * ```markdown
 * ## Purpose          ← intro
 * ## Check the disk   ← step
 * ## Free space       ← step
 * ## References       ← outro
 * ```
 *
 * A framing title only counts when the section holds nothing to do (no
 * command, numbered list or checklist), so a "Background" section with
 * commands in it stays a step.
 *
 * @module
 */
import type {RootContent} from 'mdast'
import {walk} from '../../walk.js'
import {firstAction} from '../lint/procedure-outside-steps.js'

/** What a section is to a reader following the runbook. */
export type SectionRole = 'intro' | 'reference' | 'step'

const introTitle =
  /^(?:overview|purpose|scope|introduction|intro|about(?: this (?:runbook|document|page|playbook|guide))?|background|context|description|audience|goals?|objectives?|responsibilit(?:y|ies)|roles and responsibilities|who (?:is )?this (?:is )?for|summary|tl;?dr|definitions?|terminology|glossary|table of contents|contents|toc|(?:the )?(?:goal|purpose|aim|objective)s? of this\b.*)$/i

const referenceTitle =
  /^(?:references?|resources|(?:further|additional|more) (?:reading|information|info|resources|links|details)|further info|see also|related(?: (?:documentation|docs|links|runbooks|pages|resources|articles|information))?|(?:useful|helpful|external|other) (?:links|resources)|links|appendi(?:x|ces)\b.*|revision history|change ?log|document(?:ation)? history|version history|history|glossary|mitre\b.*|att&ck\b.*|acknowledge?ments|credits|licen[cs]e|footnotes|learn more|reference:.*|references? and .*)$/i

/** The title of a heading with numbering and closing punctuation removed: "3. References:" → "References". */
export function plainTitle(title: string): string {
  return title
    .replace(/^(?:(?:step|phase|part|stage|section|appendix)\s+(?:\d+[a-z]?|[ivx]+)\b\s*[:.)\-–—]?\s*|\d+(?:\.\d+)*[.)]?\s+)/i, (match) =>
      /^appendix/i.test(match) ? match : ''
    )
    .replace(/[\s:.]+$/, '')
    .trim()
}

/** Whether `nodes` hold something to do: a command block, a numbered list or a checklist. */
export function holdsActions(nodes: readonly RootContent[]): boolean {
  if (firstAction(nodes) !== undefined) return true
  let checklist = false
  for (const root of nodes) {
    walk(root, (node) => {
      if (node.type === 'listItem' && typeof node.checked === 'boolean') checklist = true
      return checklist ? false : undefined
    })
    if (checklist) break
  }
  return checklist
}

/** Whether a heading names itself a step: "Step 4: …", "Part 2 –", "Phase III". */
export function isNamedStep(title: string): boolean {
  return /^(?:step|phase|part|stage)\s+(?:\d|[ivx]+\b)/i.test(title.trim())
}

/** The role of a section from its title and content. */
export function sectionRole(title: string, nodes: readonly RootContent[]): SectionRole {
  // "Step 4: Links" is a step because its author says so.
  if (isNamedStep(title)) return 'step'
  const plain = plainTitle(title)
  if (referenceTitle.test(plain)) return 'reference'
  if (introTitle.test(plain) && !holdsActions(nodes)) return 'intro'
  return 'step'
}
