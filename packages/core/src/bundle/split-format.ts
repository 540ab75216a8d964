/**
 * The split bundle's layout: an entry file, and part files in a folder
 * beside it, each named by its content's hash.
 *
 * ```text
 * runbooks.bundle.json                 the entry: counts, categories, the index head, the tables below
 * runbooks.bundle/p12.3f9a0c41d2.json  pack 12: summaries and bodies of runbooks 12·size … 13·size − 1
 * runbooks.bundle/d3.8e01b2c4f7.json   id directory 3: id → runbook number, for ids that hash to 3
 * runbooks.bundle/s0.c0ffee1234.json   summaries 0: the browse list, `size` runbooks a part
 * runbooks.bundle/i5.0b1c2d3e4f.json   index shard 5: the terms from the entry's index.head.shards[5] on
 * ```
 *
 * Runbook numbers are the bundle order (the order of the one-file bundle and
 * of the index's documents). A runbook's pack is its number divided by the
 * pack size, and an id's directory part is a hash of the id, so the entry
 * holds no per-runbook table: only one short hash per part file.
 *
 * @module
 */
import {hashText} from '../hash.js'
import {bundleFormat, splitBundleVersion} from '../bundle.js'
import type {IndexHead} from '../search/internal.js'
import {describe} from '../describe.js'

export {bundleFormat, splitBundleVersion}

/** The `format` of every part file. */
export const partFormat = 'runbook-kit/bundle-part'

/** Hex digits of the content hash in a part's name. */
export const hashLength = 10

/** The kinds of part, by the letter their file names start with. */
export const partKinds = {pack: 'p', directory: 'd', summaries: 's', index: 'i'} as const
export type PartKind = keyof typeof partKinds

/** A table of part files of one kind: part `n`'s hash is `hashes.slice(n * hashLength, (n + 1) * hashLength)`. */
export interface PartTable {
  hashes: string
}

/** The entry of a split bundle, as written to JSON. */
export interface SplitEntry {
  format: typeof bundleFormat
  version: typeof splitBundleVersion
  layout: 'split'
  /** The folder of the parts, relative to the entry (one path segment). */
  parts: string
  /** Number of runbooks. */
  count: number
  /** Each category present, in bundle order, with its number of runbooks. */
  categories: Array<[category: string, count: number]>
  /** Packs of `size` runbooks each (the last may hold fewer): pack `k` holds runbooks `k·size …`. */
  packs: PartTable & {size: number}
  /** Id directory parts: the id `id` is in part `directoryOf(id, parts)`. */
  directory: PartTable
  /** Whether every id is used once: then a reader may take a runbook's number from a pack it has read, without the directory. */
  uniqueIds: boolean
  /** Summaries parts of `size` runbooks each, in bundle order. */
  summaries: PartTable & {size: number}
  /** The search index: its head (everything a query needs before its shards) and its shards by term range. */
  index: PartTable & {head: IndexHead}
}

/** The name of a part file inside the parts folder. */
export function partName(kind: PartKind, n: number, hash: string): string {
  return `${partKinds[kind]}${n}.${hash}.json`
}

/** The names written by `runbook build`: what a build may remove from its parts folder. */
export const partNamePattern = new RegExp(`^[${Object.values(partKinds).join('')}]\\d+\\.[0-9a-f]{${hashLength}}\\.json$`)

/** The hash of a part file's text, as its name carries it. */
export function contentHash(text: string): string {
  return hashText(text).slice(-hashLength)
}

/** The hash of part `n` in a table. */
export function hashAt(table: PartTable, n: number): string {
  return table.hashes.slice(n * hashLength, (n + 1) * hashLength)
}

/** Number of parts in a table. */
export function partCount(table: PartTable): number {
  return table.hashes.length / hashLength
}

/** The id directory part that holds `id`, of `parts` parts. */
export function directoryOf(id: string, parts: number): number {
  return parts <= 1 ? 0 : parseInt(hashText(id, 7).slice(-8), 16) % parts
}

/** What is wrong with a parsed split entry (as `.field message`), or `undefined`. */
export function checkEntry(value: Record<string, unknown>): string | undefined {
  if (typeof value.parts !== 'string' || !/^[\w.-]+$/.test(value.parts) || /^\.+$/.test(value.parts)) {
    return `.parts must be a folder name, not ${describe(value.parts)}`
  }
  if (!isCount(value.count)) return `.count must be a count, not ${describe(value.count)}`
  const categories = value.categories
  if (!Array.isArray(categories) || !categories.every((c) => Array.isArray(c) && typeof c[0] === 'string' && isCount(c[1]))) {
    return '.categories must be a list of [category, count]'
  }
  for (const key of ['packs', 'directory', 'summaries', 'index'] as const) {
    const table = value[key]
    if (!isTable(table)) return `.${key} must be an object with a string of ${hashLength}-digit hashes`
    if ((key === 'packs' || key === 'summaries') && !(isCount(table.size) && table.size > 0)) {
      return `.${key}.size must be a positive count, not ${describe(table.size)}`
    }
  }
  const count = value.count as number
  const needed = (table: unknown) => Math.ceil(count / (table as {size: number}).size)
  if (partCount(value.packs as PartTable) !== needed(value.packs)) return `.packs must name ${needed(value.packs)} parts`
  if (partCount(value.summaries as PartTable) !== needed(value.summaries)) return `.summaries must name ${needed(value.summaries)} parts`
  if (count > 0 && partCount(value.directory as PartTable) === 0) return '.directory must name at least one part'
  return undefined
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0

function isTable(value: unknown): value is PartTable & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const hashes = (value as {hashes?: unknown}).hashes
  return typeof hashes === 'string' && hashes.length % hashLength === 0 && /^[0-9a-f]*$/.test(hashes)
}
