/**
 * Symptom sections: a section whose own text ends by warning that things
 * may go wrong, right before its sub-sections, offers those sub-sections as
 * fixes to choose from by symptom, not as steps in a row. They become steps
 * of their own, and the section a decision between them (rule
 * `symptom-sections`, `branches/symptom-sections.ts`).
 *
 * ```markdown
 * ## Export the project
 *
 * Run the export. It often fails; the usual problems are below.
 *
 * ### No download link        ← a choice of "Export the project"
 * ### Credentials missing     ← another
 * ```
 *
 * @module
 */
import type {RootContent} from 'mdast'
import {textOf} from '../../walk.js'

/**
 * "Things may fail", "there are high chances that it fails", "if something
 * goes wrong", "common problems are:", "errors you may run into".
 */
const announcement =
  /\b(?:things|something|this|that|it|the\s+\w+)\s+(?:may|might|can|could|will|often|sometimes|is\s+likely\s+to|are\s+likely\s+to)\s+(?:(?:also|still)\s+)?(?:fail|go\s+wrong|break)\b|\bhigh\s+chances?\b[^.!?]*\bfail|\b(?:if|when)\s+(?:something|anything|things)\s+(?:goes|go)\s+wrong\b|\b(?:common|known|possible|potential|typical|usual)\s+(?:problems|issues|errors|failures|pitfalls)\s+(?:are|include|you\s+(?:may|might|can|could))\b|\b(?:problems|issues|errors|failures)\s+(?:you\s+|that\s+you\s+)?(?:may|might|can|could)\s+(?:encounter|run\s+into|hit|see|face)\b/i

/** Whether `own`, a section's text before its sub-sections, ends by announcing the problems they fix. */
export function announcesProblems(own: readonly RootContent[]): boolean {
  const last = own[own.length - 1]
  return last !== undefined && last.type === 'paragraph' && announcement.test(textOf(last))
}
