/**
 * Write a bundle to disk (Node only): one file, or an entry and a folder of
 * content-hashed parts beside it, removing parts no build needs any more.
 *
 * @module
 */
import {mkdir, readFile, readdir, rename, rmdir, stat, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {RunbookBundle} from '../bundle.js'
import {type SplitEntry, hashAt, partCount, partKinds, partName, partNamePattern} from '../bundle/split-format.js'
import {type SplitBundleOptions, splitBundle} from '../bundle/split-write.js'
import type {SearchIndex} from '../search/build.js'

/** What {@link writeBundle} accepts. */
export interface WriteBundleOptions extends Omit<SplitBundleOptions, 'folder'> {
  /**
   * Name of the parts folder beside the entry; the build owns it (stale
   * parts in it are removed). (default: the entry's file name without
   * `.json`, see {@link partsFolderName})
   */
  folder?: string | null | undefined
  /**
   * `true` to split, `false` for one file, `undefined` to split when the
   * one-file bundle would be larger than `splitAbove`. (default: `undefined`)
   */
  split?: boolean | null | undefined
  /** Bytes of one-file bundle above which it is split. (default: `writeDefaults.splitAbove`) */
  splitAbove?: number | null | undefined
}

/** Defaults, in one place. */
export const writeDefaults = {
  /** Measured with `bench/bundle.mjs` (docs/bundles.md): above this a first search fetches less from a split bundle. */
  splitAbove: 512 * 1024
} as const

/** What {@link writeBundle} did. */
export interface WriteBundleResult {
  split: boolean
  /** Bytes of the file written at the output path (the entry, when split). */
  bytes: number
  /** The parts folder (absolute) when split. */
  folder?: string | undefined
  /** Part files in the folder the new entry names, and how many of them were written (the rest were there already). */
  parts: number
  written: number
  /** Stale part files removed from the folder. */
  removed: number
}

/**
 * Write `bundle` to `output`: one file, or (when split) the entry at `output`
 * and its parts in the folder beside it named after it
 * (`runbooks.bundle.json` → `runbooks.bundle/`). The entry is written last,
 * so a reader never sees an entry whose parts are missing. Part files that
 * neither the new entry nor the one it replaces names are removed from that
 * folder (only files named as parts are touched); the previous build's parts
 * stay, for pages that opened it before this one.
 *
 * @param output
 *   Absolute path of the bundle file.
 * @param bundle
 *   The one-file bundle (`buildBundle`'s `bundle`).
 * @param index
 *   Its search index.
 * @param options
 *   Whether to split, and part sizes.
 */
export async function writeBundle(
  output: string,
  bundle: RunbookBundle,
  index: SearchIndex,
  options?: WriteBundleOptions | null | undefined
): Promise<WriteBundleResult> {
  const splitAbove = options?.splitAbove ?? writeDefaults.splitAbove
  const split = options?.split ?? isLarger(bundle, splitAbove)
  const folderName = options?.folder ?? partsFolderName(output)
  const folder = path.join(path.dirname(output), folderName)
  const keep = new Set(await previousParts(output, folderName))
  await mkdir(path.dirname(output), {recursive: true})
  let result: WriteBundleResult
  if (split) {
    const {entry, parts} = splitBundle(bundle, index, {...options, folder: folderName})
    await mkdir(folder, {recursive: true})
    const existing = new Set(await listFolder(folder))
    let written = 0
    for (const part of parts) {
      keep.add(part.name)
      // A name is its content, but a file already there may have been cut short or changed: it is kept only when it is this part.
      if (existing.has(part.name) && (await readFile(path.join(folder, part.name), 'utf8').catch(() => undefined)) === part.text) continue
      await writeAtomically(path.join(folder, part.name), part.text)
      written++
    }
    const entryText = JSON.stringify(entry)
    await writeAtomically(output, entryText)
    result = {split, bytes: Buffer.byteLength(entryText), folder, parts: parts.length, written, removed: 0}
  } else {
    // One string: a bundle of 100,000 runbooks (hundreds of MB) should be split.
    const text = JSON.stringify(bundle)
    await writeAtomically(output, text)
    result = {split, bytes: Buffer.byteLength(text), parts: 0, written: 0, removed: 0}
  }
  result.removed = await removeStale(folder, keep)
  return result
}

/** Whether the bundle's JSON is longer than `bytes` characters (without making it: it may be too long for one string). */
function isLarger(bundle: RunbookBundle, bytes: number): boolean {
  // The bundle with no runbooks and the index as `0`, then the index and each runbook (and its comma).
  let length = JSON.stringify({...bundle, runbooks: [], index: 0}).length - 1 + JSON.stringify(bundle.index).length
  bundle.runbooks.forEach((runbook: object, i: number) => {
    if (length <= bytes) length += JSON.stringify(runbook).length + (i > 0 ? 1 : 0)
  })
  return length > bytes
}

/** The parts folder of an entry: its file name without `.json` (`runbooks.bundle.json` → `runbooks.bundle`), else with `.parts`. */
export function partsFolderName(output: string): string {
  const base = path.basename(output)
  return /\.json$/i.test(base) && base.length > 5 ? base.slice(0, -5) : `${base}.parts`
}

/** The part names the entry now at `output` uses, if it is a split entry of this folder. */
async function previousParts(output: string, folderName: string): Promise<string[]> {
  let entry: Partial<SplitEntry>
  try {
    entry = JSON.parse(await readFile(output, 'utf8')) as Partial<SplitEntry>
  } catch {
    return []
  }
  if (entry?.layout !== 'split' || entry.parts !== folderName) return []
  const names: string[] = []
  const tables = {pack: entry.packs, directory: entry.directory, summaries: entry.summaries, index: entry.index}
  for (const kind of Object.keys(partKinds) as Array<keyof typeof partKinds>) {
    const table = tables[kind]
    if (!table || typeof table.hashes !== 'string') continue
    for (let n = 0; n < partCount(table); n++) names.push(partName(kind, n, hashAt(table, n)))
  }
  return names
}

async function listFolder(folder: string): Promise<string[]> {
  try {
    return await readdir(folder)
  } catch {
    return []
  }
}

/** Remove part files not in `keep` from `folder`, and the folder if that empties it. */
async function removeStale(folder: string, keep: ReadonlySet<string>): Promise<number> {
  let removed = 0
  const names = await listFolder(folder)
  for (const name of names) {
    if (!partNamePattern.test(name) || keep.has(name)) continue
    const file = path.join(folder, name)
    if (!(await stat(file)).isFile()) continue
    await unlink(file)
    removed++
  }
  if (names.length > 0 && removed === names.length) await rmdir(folder).catch(() => undefined)
  return removed
}

/** Write then rename, so a reader never sees half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, file)
}
