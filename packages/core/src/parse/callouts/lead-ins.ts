/**
 * Rule: a paragraph that opens with a warning sign or a bold or plain
 * "Note:" / "Warning:" is a callout of that kind. The signs: ⚠️ (and
 * `:warning:`), 🚨, ❗, 🛑, ⛔ for warnings and cautions, ℹ️ and 📝 for
 * notes, 💡 for tips.
 *
 * @example
 *   ⚠️ The restore overwrites the live database.           → warning
 *   **Warning:** the restore overwrites the live database.  → warning
 *   *Note:* the VPN caches credentials for 8 hours.         → note
 *   Important: tell the on-call lead first.                  → important
 *   Note that the job runs nightly.                          → no callout (no colon)
 */
import type {Paragraph} from 'mdast'
import type {CalloutKind} from '../../types.js'
import {textOf} from '../../walk.js'
import {calloutKindOf} from './kinds.js'

/** Signs that open a callout, and gemoji short codes GitHub and GitLab render as them. */
const signs: ReadonlyArray<[RegExp, CalloutKind]> = [
  [/^\s*(?:⚠️?|:warning:|🚨|:rotating_light:|❗️?|:exclamation:|:heavy_exclamation_mark:)\s*/u, 'warning'],
  [/^\s*(?:🛑|:stop_sign:|⛔️?|:no_entry:|☠️?|:skull_and_crossbones:)\s*/u, 'caution'],
  [/^\s*(?:ℹ️?|:information_source:|📝|:memo:|:pencil:)\s*/u, 'note'],
  [/^\s*(?:💡|:bulb:)\s*/u, 'tip']
]
/** A lead word with its colon: "Warning:", "NOTE:", "Danger!" is not one (no colon). */
const leadWord = /^\s*(note|tip|hint|info|important|warning|caution|danger|attention)\s*:\s*/i

/** A callout read from a paragraph's lead-in: its kind and its text without the lead-in. */
export interface LeadIn {
  kind: CalloutKind
  text: string
}

/**
 * The callout a paragraph's lead-in makes (a sign, or a lead word with a
 * colon, plain, bold or italic), or `undefined`.
 */
export function leadIn(paragraph: Paragraph): LeadIn | undefined {
  const first = paragraph.children[0]
  if (!first) return undefined
  if (first.type === 'text') {
    for (const [sign, kind] of signs) {
      const match = sign.exec(first.value)
      if (match) {
        const rest = textOf(paragraph).slice(match[0].length)
        // "⚠️ **Caution:** …": the word after the sign says the kind.
        const word = leadWord.exec(rest)
        return {kind: (word && calloutKindOf(word[1]!)) || kind, text: rest.slice(word ? word[0].length : 0).trim()}
      }
    }
    const word = leadWord.exec(first.value)
    if (word) return {kind: calloutKindOf(word[1]!) ?? 'note', text: textOf(paragraph).slice(word[0].length).trim()}
    return undefined
  }
  if (first.type === 'strong' || first.type === 'emphasis') {
    // "**Warning: this drops the table.**" or "*Note:* …" ("**Note**:" and "**Note:**" are read by markCallouts).
    const inner = textOf(first)
    const word = leadWord.exec(inner)
    if (word) return {kind: calloutKindOf(word[1]!) ?? 'note', text: textOf(paragraph).slice(word[0].length).trim()}
  }
  return undefined
}
