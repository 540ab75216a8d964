/**
 * Go-to sentences that name a step by its number instead of linking to it:
 * "If the agent is missing, skip to Part 4.", "YES → go to Step 2",
 * "Proceed to 3.2". The number must name exactly one step (a numbered
 * heading or item of this runbook); anything else is left as text.
 *
 * ```markdown
 * ## Step 1: Is there confirmed unauthorized access?
 *
 * - **YES** → go to Step 2
 * - **NO** → go to Step 5
 * ```
 *
 * A sentence that starts with a condition ("If …", "When …") or an answer
 * ("Yes", "No") makes a choice labelled with it; one without makes an
 * unconditional jump.
 *
 * @module
 */
import type {Nodes, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from '../../types.js'
import {walk} from '../../walk.js'
import {conditionOf} from './go-to-sentences.js'

/** A reference to a numbered step found in text. */
export interface StepReference {
  /** The word before the number ("step", "part", "phase", "section"), lower-case; empty for a bare "3.2". */
  word: string
  /** The number as written ("4", "3.2"). */
  number: string
  /** The choice's label: the condition or answer the sentence starts with. */
  condition?: string | undefined
  position: Position | undefined
}

const reference =
  /(?:\b(?:go|skip|proceed|continue|jump|return|move on|go back|head|carry on)\s+(?:straight\s+|directly\s+|back\s+|on\s+|ahead\s+)?(?:to|with)\s+|(?:→|->|=>|⇒)\s*(?:go\s+to\s+)?)(?:the\s+)?(?:(step|part|phase|stage|section)\s+(\d+(?:\.\d+)*[a-z]?)\b|(\d+\.\d+(?:\.\d+)*)\b)/gi
const answerStart = /^[\s*_>-]*(yes|no|true|false|y|n)\b[\s*_:)]*(?:→|->|=>|⇒|:|-|–|—)?/i

/** Whether `source` may name a step by number at all (a cheap test before reading every paragraph). */
export function mayNameSteps(source: string): boolean {
  return /(?:→|->|=>|⇒)|\b(?:to|with)\s+(?:the\s+)?(?:(?:step|part|phase|stage|section)\s+)?\d/i.test(source)
}

/** Step references in the paragraphs of `nodes` (not inside `skip`), sentence by sentence. */
export function stepReferencesIn(nodes: readonly RootContent[], skip?: Nodes): StepReference[] {
  const found: StepReference[] = []
  for (const root of nodes) {
    walk(root, (node) => {
      if (node === skip) return false
      // A table holds text only, and no paragraph or heading.
      if (node.type !== 'paragraph' && node.type !== 'heading') return node.type !== 'table'
      const text = toString(node)
      if (!/\d/.test(text)) return false
      for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
        reference.lastIndex = 0
        for (let match = reference.exec(sentence); match; match = reference.exec(sentence)) {
          const entry: StepReference = {
            word: (match[1] ?? '').toLowerCase(),
            number: match[2] ?? match[3]!,
            position: node.position
          }
          const condition = labelOf(sentence.slice(0, match.index))
          if (condition) entry.condition = condition
          found.push(entry)
        }
      }
      return false
    })
  }
  return found
}

/** "If the agent is missing, skip to" → "If the agent is missing"; "**YES** →" → "Yes". */
function labelOf(before: string): string | undefined {
  const text = before.trim()
  const answer = answerStart.exec(text)
  if (answer && answer[0].trim().length > 0 && text.slice(answer[0].length).trim().length < 3) {
    const word = answer[1]!.toLowerCase()
    return word === 'y' || word === 'yes' || word === 'true' ? 'Yes' : 'No'
  }
  return conditionOf(text)?.slice(0, 200)
}
