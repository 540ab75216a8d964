/**
 * Which runbook `runbook run` walks: one from a bundle (any version
 * `runbook build` writes, read by `openBundle`), a Markdown file or a folder.
 *
 * @module
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {openBundle, type OpenedBundle} from '../../../bundle.js'
import {formatDiagnostic} from '../../../diagnostics.js'
import type {Runbook} from '../../../types.js'
import {UsageError} from '../../args.js'
import type {CliIo} from '../../io.js'
import {loadRunbooks} from '../../load.js'

/**
 * The runbook to walk: from a bundle (`.json`, any version `runbook build`
 * writes, read by `openBundle`), or from a Markdown file or a folder.
 */
export async function readRunbook(file: string, id: string | undefined, io: CliIo): Promise<Runbook> {
  if (/\.json$/i.test(file)) {
    let text: string
    try {
      text = await readFile(path.resolve(io.cwd, file), 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
    }
    let bundle: OpenedBundle
    try {
      bundle = openBundle(text)
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message.replace(/^runbook-kit: /, '')}`)
    }
    const ids = bundle.summaries.map((summary) => summary.id)
    const runbook = bundle.runbook(pickRunbook(ids, id, file))!
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
