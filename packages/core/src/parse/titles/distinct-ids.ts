/**
 * Rule: in a collection, runbooks whose ids come from their paths and meet
 * are told apart by the folders above them. A folder page keeps its
 * folder's id when it meets files of that folder; every other runbook of
 * the meeting takes as many of its folders as it needs, nearest first. Ids
 * a frontmatter sets never change, and path ids give way to them (a
 * frontmatter id that equals the file's own path id counts as a path id).
 *
 * @example
 *   // docs/elastic/troubleshooting/README.md   troubleshooting → elastic-troubleshooting
 *   // docs/logging/troubleshooting/README.md   troubleshooting → logging-troubleshooting
 *   // docs/redis/README.md                     redis           (the folder's page keeps it)
 *   // docs/redis/redis.md                      redis           → redis-redis
 */
import type {Runbook} from '../../types.js'
import {runbookIdFromPath} from './id-from-path.js'
import {slugText} from './slug.js'

/** Whether a runbook's id is the one its path gives (no frontmatter `id` or option changed it). */
function hasPathId(runbook: Runbook): runbook is Runbook & {file: string} {
  return runbook.file !== undefined && runbook.id === runbookIdFromPath(runbook.file)
}

/** The folders above the one that names `file`, nearest first. */
function foldersAbove(file: string, folderPage: boolean): string[] {
  const parts = file.split(/[\\/]/).filter((part) => part !== '' && part !== '.' && part !== '..')
  parts.pop()
  if (folderPage) parts.pop()
  return parts.reverse()
}

/** Whether `file`'s id comes from its folder (`docs/redis/README.md`). */
function isFolderPage(file: string): boolean {
  const parts = file.split(/[\\/]/).filter((part) => part !== '' && part !== '.')
  return parts.length > 1 && runbookIdFromPath(file) !== runbookIdFromPath(parts[parts.length - 1]!)
}

/**
 * Give runbooks whose path ids meet distinct ids (mutates `runbook.id`).
 * Returns the runbooks renamed, with their former ids.
 */
export function distinctIds(runbooks: readonly Runbook[]): Array<{runbook: Runbook; was: string}> {
  const groups = new Map<string, Runbook[]>()
  for (const runbook of runbooks) {
    const group = groups.get(runbook.id)
    if (group) group.push(runbook)
    else groups.set(runbook.id, [runbook])
  }
  const taken = new Set(groups.keys())
  const renamed: Array<{runbook: Runbook; was: string}> = []
  for (const [id, group] of groups) {
    if (group.length < 2) continue
    const movable = group.filter(hasPathId)
    if (movable.length === 0) continue
    const folderPages = movable.filter((runbook) => isFolderPage(runbook.file))
    // An id a frontmatter set, or the one folder page of the meeting, keeps the id.
    const keeper = movable.length < group.length ? undefined : folderPages.length === 1 ? folderPages[0] : undefined
    for (const runbook of movable) {
      if (runbook === keeper) continue
      const folders = foldersAbove(runbook.file, isFolderPage(runbook.file))
      let candidate = id
      for (const folder of folders) {
        const prefix = slugText(folder)
        if (!prefix) continue
        candidate = `${prefix}-${candidate}`
        if (!taken.has(candidate)) break
      }
      if (candidate === id || taken.has(candidate)) continue
      taken.add(candidate)
      renamed.push({runbook, was: id})
      runbook.id = candidate
    }
  }
  return renamed
}
