/**
 * Symptom sections (rule `symptom-sections`): the sub-sections a section
 * offers after announcing that things may go wrong
 * (`structure/symptom-sections.ts`) are fixes to choose from. The section
 * offers one choice per fix, labelled with its title, beside going on past
 * them; each fix, when done, joins the step after the last of them.
 *
 * ```markdown
 * ## Export the project
 *
 * Run the export. It often fails; the usual problems are below.
 *
 * ### No download link      ← a choice of "Export the project"
 * ### Credentials missing   ← another; both join "Clean up"
 *
 * ## Clean up               ← also "Otherwise, continue" of "Export …"
 * ```
 *
 * @module
 */
import type {Unit} from '../structure/layout.js'
import type {IfRun} from './if-headings.js'

/** The runs of symptom units in `units`, each offered by the unit before it. */
export function symptomRuns(units: readonly Unit[]): IfRun[] {
  const runs: IfRun[] = []
  for (let index = 1; index < units.length; index++) {
    if (!units[index]!.symptom) continue
    let end = index
    while (end + 1 < units.length && units[end + 1]!.symptom && units[end + 1]!.depth === units[index]!.depth) end++
    const branches: IfRun['branches'] = []
    for (let member = index; member <= end; member++) branches.push({index: member, label: units[member]!.title})
    runs.push({decider: index - 1, branches, join: end + 1 < units.length ? end + 1 : undefined, optional: true, rule: 'symptom-sections'})
    index = end
  }
  return runs
}
