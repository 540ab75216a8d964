/**
 * Which runbook `runbook run` walks: one from a bundle (any version
 * `runbook build` writes, one file or split, read by `readBundle`), a
 * Markdown file or a folder.
 *
 * @module
 */
import {formatDiagnostic} from '../../../diagnostics.js'
import type {Runbook} from '../../../types.js'
import {UsageError} from '../../args.js'
import type {CliIo} from '../../io.js'
import {loadRunbooks} from '../../load.js'
import {readBundle} from '../../read-bundle.js'

/**
 * The runbook to walk: from a bundle (`.json`, any version `runbook build`
 * writes, read by `readBundle`), or from a Markdown file or a folder.
 */
export async function readRunbook(file: string, id: string | undefined, io: CliIo): Promise<Runbook> {
  if (/\.json$/i.test(file)) {
    let runbook: Runbook
    try {
      const bundle = await readBundle(file, {cwd: io.cwd})
      const found = id === undefined || !(await bundle.has(id)) ? undefined : await bundle.runbook(id)
      if (found) runbook = found
      else {
        // Without --runbook (or with one the bundle lacks), the ids it has are read to pick or to list.
        const ids = (await bundle.summaries()).map((summary) => summary.id)
        runbook = (await bundle.runbook(pickRunbook(ids, id, file)))!
      }
    } catch (error) {
      if (error instanceof UsageError) throw error
      throw new UsageError((error as Error).message.replace(/^runbook-kit: /, ''))
    }
    if (runbook.steps.length === 0) throw new UsageError(`runbook "${runbook.id}" in ${file} has no steps`)
    return runbook
  }
  const loaded = await loadRunbooks([file], {cwd: io.cwd})
  const fatal = loaded.diagnostics.find((d) => d.ruleId === 'invalid-input')
  if (fatal) throw new UsageError(formatDiagnostic(fatal))
  const runbooks = loaded.runbooks.filter((r) => r.steps.length > 0)
  const picked = pickRunbook(
    runbooks.map((r) => r.id),
    id,
    file
  )
  return runbooks.find((r) => r.id === picked)!
}

/** The id of the runbook to walk: `id` if given and present, else the only one. */
function pickRunbook(ids: string[], id: string | undefined, file: string): string {
  if (id !== undefined) {
    if (!ids.includes(id)) throw new UsageError(`no runbook "${id}" in ${file}; it has: ${ids.join(', ')}`)
    return id
  }
  if (ids.length !== 1) {
    throw new UsageError(
      ids.length === 0 ? `${file} holds no runbooks` : `${file} holds ${ids.length} runbooks; pick one with --runbook: ${ids.join(', ')}`
    )
  }
  return ids[0]!
}
