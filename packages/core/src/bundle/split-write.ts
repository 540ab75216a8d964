/**
 * Split a bundle into an entry and content-hashed parts (see
 * `./split-format.ts` for the layout).
 *
 * @module
 */
import {type BundledRunbook, type RunbookBundle, type RunbookSummary, toSummary} from '../bundle.js'
import type {SearchIndex} from '../search/build.js'
import {splitIndex} from '../search/internal.js'
import {
  type PartKind,
  type SplitEntry,
  bundleFormat,
  contentHash,
  directoryOf,
  partFormat,
  partName,
  splitBundleVersion
} from './split-format.js'

/** What {@link splitBundle} accepts. */
export interface SplitBundleOptions {
  /** Folder of the parts, relative to the entry: one path segment. (default: `'runbooks.bundle'`) */
  folder?: string | null | undefined
  /** Bytes of runbook JSON a pack aims at (a search fetches one pack per result). (default: `16384`) */
  packBytes?: number | null | undefined
  /** Most packs: larger collections get larger packs, to keep the file count down. (default: `6000`) */
  maxPacks?: number | null | undefined
  /** Bytes of summaries a summaries part aims at. (default: `262144`) */
  summaryBytes?: number | null | undefined
  /** Runbook ids an id directory part aims at. (default: `512`) */
  directorySize?: number | null | undefined
  /** Characters of JSON an index shard aims at (a query fetches at most 6). (default: `20000`) */
  shardBytes?: number | null | undefined
}

/** Defaults, in one place. */
export const splitDefaults = {
  folder: 'runbooks.bundle',
  packBytes: 16_384,
  maxPacks: 6000,
  summaryBytes: 262_144,
  directorySize: 512,
  shardBytes: 20_000
} as const

/** A file of a split bundle: its name inside the parts folder and its text. */
export interface PartFile {
  name: string
  text: string
}

/** What {@link splitBundle} returns. */
export interface SplitBundle {
  /** The entry; `JSON.stringify` it to write the file. */
  entry: SplitEntry
  /** The part files, to write into the folder `entry.parts` beside the entry. */
  parts: PartFile[]
}

/**
 * Split a one-file bundle (version 2, from `createBundle`) into an entry and
 * parts.
 *
 * @param bundle
 *   The bundle.
 * @param index
 *   Its search index (as `buildBundle` returns it): split into a head (in
 *   the entry) and shards by term range.
 * @param options
 *   Folder name and part sizes.
 * @returns
 *   The entry and the part files.
 */
export function splitBundle(
  bundle: RunbookBundle,
  index: SearchIndex,
  options?: SplitBundleOptions | null | undefined
): SplitBundle {
  const settings = {
    folder: options?.folder ?? splitDefaults.folder,
    packBytes: positive(options?.packBytes, splitDefaults.packBytes),
    maxPacks: positive(options?.maxPacks, splitDefaults.maxPacks),
    summaryBytes: positive(options?.summaryBytes, splitDefaults.summaryBytes),
    directorySize: positive(options?.directorySize, splitDefaults.directorySize),
    shardBytes: positive(options?.shardBytes, splitDefaults.shardBytes)
  }
  if (bundle.version !== 2) throw new TypeError(`runbook-kit: splitBundle expects a version 2 bundle, not version ${bundle.version}`)
  const runbooks = bundle.runbooks as BundledRunbook[]
  const count = runbooks.length
  const parts: PartFile[] = []
  const write = (kind: PartKind, n: number, content: object): string => {
    const text = JSON.stringify({format: partFormat, kind, n, ...content})
    const hash = contentHash(text)
    parts.push({name: partName(kind, n, hash), text})
    return hash
  }

  const runbookBytes = runbooks.reduce((sum, runbook) => sum + JSON.stringify(runbook).length, 0)
  const packSize = Math.max(1, Math.round(settings.packBytes / Math.max(1, runbookBytes / Math.max(1, count))), Math.ceil(count / settings.maxPacks))
  let packs = ''
  for (let k = 0; k * packSize < count; k++) {
    packs += write('pack', k, {runbooks: runbooks.slice(k * packSize, (k + 1) * packSize)})
  }

  const summaries: RunbookSummary[] = runbooks.map(toSummary)
  const summaryBytes = summaries.reduce((sum, summary) => sum + JSON.stringify(summary).length, 0)
  const summarySize = Math.max(1, Math.round(settings.summaryBytes / Math.max(1, summaryBytes / Math.max(1, count))))
  let summaryHashes = ''
  for (let k = 0; k * summarySize < count; k++) {
    summaryHashes += write('summaries', k, {summaries: summaries.slice(k * summarySize, (k + 1) * summarySize)})
  }

  const directoryParts = Math.max(1, Math.ceil(count / settings.directorySize))
  const buckets = Array.from({length: directoryParts}, () => ({ids: [] as string[], numbers: [] as number[]}))
  const seen = new Set<string>()
  runbooks.forEach((runbook, n) => {
    // The first of repeated ids, as `openBundle` finds it.
    if (seen.has(runbook.id)) return
    seen.add(runbook.id)
    const bucket = buckets[directoryOf(runbook.id, directoryParts)]!
    bucket.ids.push(runbook.id)
    bucket.numbers.push(n)
  })
  const directory = buckets.map((bucket, n) => write('directory', n, bucket)).join('')

  const {head, shards} = splitIndex(index, {shardBytes: settings.shardBytes})
  if (head.documents !== bundle.index.documents) throw new TypeError('runbook-kit: splitBundle: the index was built from other runbooks')
  const indexHashes = shards.map((shard, n) => write('index', n, {shard})).join('')

  const categories = new Map<string, number>()
  for (const runbook of runbooks) categories.set(runbook.meta.category, (categories.get(runbook.meta.category) ?? 0) + 1)
  const entry: SplitEntry = {
    format: bundleFormat,
    version: splitBundleVersion,
    layout: 'split',
    parts: settings.folder,
    count,
    categories: [...categories],
    packs: {size: packSize, hashes: packs},
    directory: {hashes: directory},
    uniqueIds: seen.size === count,
    summaries: {size: summarySize, hashes: summaryHashes},
    index: {head, hashes: indexHashes}
  }
  return {entry, parts}
}

function positive(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback
}
