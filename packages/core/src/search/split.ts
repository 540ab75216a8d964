/**
 * An index split by term range, for bundles too large to load whole: a
 * small head (document numbering, per-runbook step counts and category
 * codes, the first term of each shard) and shards, each a contiguous range
 * of sorted terms with their posting lists. A query needs the shards its
 * terms sort into: {@link shardsFor} names them, {@link addShard} loads
 * them, and `rank` answers from what is loaded.
 *
 * Limits, by design:
 * - A query asks for at most `maxShards` shards (default 6): its words'
 *   shards first, then the shards a prefix spans (a short prefix may span
 *   several; its completions beyond the cap are not found).
 * - Typos are looked for only among the terms of loaded shards (the shards
 *   of the query's words, of the overridden stems a word is a typo from,
 *   and any loaded before): a typo near the end of a word sorts near the
 *   word and is found; one in its first letters mostly is not.
 * - A term's posting list is never cut: a term whose list is larger than
 *   the shard size gets a shard of its own.
 *
 * @module
 */
import {decodeNumbers, encodeNumbers} from './codec.js'
import {describe} from '../describe.js'
import {type IndexCore, checkLayout, checkTerms, documentTable, indexInternals, indexVersion} from './model.js'
import type {SearchIndex} from './model.js'
import type {SearchOptions} from './options.js'
import {resolve} from './options.js'
import {overriddenStemsNear, planQuery} from './query.js'
import {TermRanges} from './terms.js'

/** Everything a split index needs before any shard is loaded: JSON-able, small (no per-term data). */
export interface IndexHead {
  format: 'runbook-kit/index-head'
  /** Layout version (the serialized index's). */
  version: number
  /** Number of documents: each runbook and each of its steps, in order. */
  documents: number
  /** Number of steps of each runbook (encoded numbers, `./codec.js`). */
  steps: string
  /** The categories of the runbooks, each once, in order of first use. */
  categories: string[]
  /** Each runbook's category, as its position in `categories` (encoded numbers). */
  category: string
  /** The first term of each shard (`''` for the first): shard `n` holds the terms from `shards[n]` to before `shards[n + 1]`. */
  shards: string[]
}

/** A contiguous, sorted range of terms with their postings: JSON-able. */
export interface IndexShard {
  format: 'runbook-kit/index-shard'
  version: number
  /** Its number in the head's shard table. */
  shard: number
  /** Sorted terms, all in the shard's range. */
  terms: string[]
  /** The posting list of each term (`./codec.js`). */
  postings: string[]
}

/** An index whose shards are loaded on demand (from {@link openIndexHead}). */
export interface PartialIndex {
  /** Number of runbooks. */
  readonly runbookCount: number
  /** Number of shards. */
  readonly shardCount: number
}

/** What {@link splitIndex} accepts. */
export interface SplitIndexOptions {
  /** Target size of a shard, in characters of JSON (a term with a longer list gets a shard of its own). (default: `40_000`) */
  shardBytes?: number | null | undefined
}

/** What {@link shardsFor} accepts: the search options, and the cap. */
export interface ShardsForOptions extends SearchOptions {
  /** Most shards a query needs (its first words' shards are kept). (default: `6`) */
  maxShards?: number | null | undefined
}

const defaultShardBytes = 40_000
const defaultMaxShards = 6
const headFormat = 'runbook-kit/index-head'
const shardFormat = 'runbook-kit/index-shard'

const cores = new WeakMap<object, IndexCore>()

/** @internal The core of a partial index, or `undefined`. */
export function partialCore(index: unknown): IndexCore | undefined {
  return typeof index === 'object' && index !== null ? cores.get(index) : undefined
}

/**
 * Split a whole index into a head and shards of about `shardBytes` each.
 *
 * @param index
 *   From `buildIndex` or `loadIndex`.
 * @param options
 *   Shard size.
 * @returns
 *   The head and the shards, JSON-able; shard `n` is `shards[n]`.
 */
export function splitIndex(
  index: SearchIndex,
  options?: SplitIndexOptions | null | undefined
): {head: IndexHead; shards: IndexShard[]} {
  const inner = indexInternals(index)
  const size = options?.shardBytes
  const shardBytes = typeof size === 'number' && size >= 1 ? size : defaultShardBytes
  const {terms, postings} = inner.serialized
  const shards: IndexShard[] = []
  let current: IndexShard | undefined
  let bytes = 0
  for (let i = 0; i < terms.length; i++) {
    const cost = terms[i]!.length + postings[i]!.length + 6
    if (!current || (bytes + cost > shardBytes && current.terms.length > 0)) {
      current = {format: shardFormat, version: indexVersion, shard: shards.length, terms: [], postings: []}
      shards.push(current)
      bytes = 0
    }
    current.terms.push(terms[i]!)
    current.postings.push(postings[i]!)
    bytes += cost
  }
  if (shards.length === 0) shards.push({format: shardFormat, version: indexVersion, shard: 0, terms: [], postings: []})
  const categories: string[] = []
  const codes = new Map<string, number>()
  const categoryCodes: number[] = []
  for (let r = 0; r < inner.runbookCount; r++) {
    const category = inner.category(r)
    let code = codes.get(category)
    if (code === undefined) {
      code = categories.length
      codes.set(category, code)
      categories.push(category)
    }
    categoryCodes.push(code)
  }
  const steps: number[] = []
  for (let d = 0; d < inner.documents; d++) if (inner.docStep[d]! < 0) steps.push(0)
    else steps[steps.length - 1]!++
  const head: IndexHead = {
    format: headFormat,
    version: indexVersion,
    documents: inner.documents,
    steps: encodeNumbers(steps),
    categories,
    category: encodeNumbers(categoryCodes),
    shards: shards.map((shard, n) => (n === 0 ? '' : shard.terms[0]!))
  }
  return {head, shards}
}

/**
 * Open the head of a split index: shards are added with {@link addShard}.
 *
 * @param head
 *   An {@link IndexHead} (parsed JSON).
 * @returns
 *   A partial index with no shard loaded.
 * @throws {TypeError}
 *   `runbook-kit: index head …` naming what is malformed.
 */
export function openIndexHead(head: unknown): PartialIndex {
  const problem = checkHead(head)
  if (problem) throw new TypeError(`runbook-kit: index head ${problem}`)
  const value = head as IndexHead
  const steps = decodeNumbers(value.steps)!
  const codes = decodeNumbers(value.category)!
  const {docRunbook, docStep} = documentTable(steps)
  const categories = value.categories
  const core: IndexCore = {
    terms: new TermRanges(value.shards.slice(), value.documents),
    documents: value.documents,
    runbookCount: steps.length,
    docRunbook,
    docStep,
    category: (r) => categories[codes[r]!] ?? 'other'
  }
  const index: PartialIndex = Object.freeze({runbookCount: steps.length, shardCount: value.shards.length})
  cores.set(index, core)
  return index
}

function checkHead(head: unknown): string | undefined {
  const layout = checkLayout(head, headFormat, true)
  if (layout) return layout
  const value = head as Partial<Record<keyof IndexHead, unknown>>
  const steps = typeof value.steps === 'string' ? decodeNumbers(value.steps) : undefined
  if (!steps) return '"steps" must be encoded numbers'
  if (steps.reduce((sum, count) => sum + count + 1, 0) !== value.documents) return '"steps" does not add up to "documents"'
  if (!Array.isArray(value.categories) || !value.categories.every((c) => typeof c === 'string')) return '"categories" must be an array of strings'
  const codes = typeof value.category === 'string' ? decodeNumbers(value.category) : undefined
  if (!codes || codes.length !== steps.length || codes.some((c) => c >= (value.categories as string[]).length)) {
    return '"category" must give each runbook a category of "categories"'
  }
  const shards = value.shards
  if (!Array.isArray(shards) || shards.length === 0 || shards[0] !== '' || !shards.every((s) => typeof s === 'string')) {
    return '"shards" must be an array of first terms, starting with ""'
  }
  for (let n = 1; n < shards.length; n++) if (!((shards[n - 1] as string) < (shards[n] as string))) return '"shards" must be sorted'
  return undefined
}

function coreOf(index: unknown): IndexCore {
  const core = partialCore(index)
  if (!core) throw new TypeError(`runbook-kit: expected a PartialIndex from openIndexHead, not ${describe(index)}`)
  return core
}

/**
 * The shards a query needs that are not loaded yet, at most `maxShards`
 * in all (loaded ones included): the shards its words sort into, in query
 * order, then those a prefix being typed spans.
 *
 * @param index
 *   From {@link openIndexHead}.
 * @param query
 *   What the user typed; never throws because of it.
 * @param options
 *   Search options (`prefix` matters) and the cap.
 * @returns
 *   Shard numbers, ascending.
 */
export function shardsFor(index: PartialIndex, query: string, options?: ShardsForOptions | null | undefined): number[] {
  const core = coreOf(index)
  const cap = typeof options?.maxShards === 'number' && options.maxShards >= 1 ? Math.floor(options.maxShards) : defaultMaxShards
  const plan = planQuery(query, resolve(options).prefix)
  const ranges = core.terms
  const wanted = new Set<number>()
  const want = (n: number) => {
    if (wanted.size < cap) wanted.add(n)
  }
  for (const clause of plan.exact) if (!clause.wildcard) want(ranges.rangeOf(clause.term))
  // Where a word's typos sort: near the word, and at the overridden stems it is a typo or two from (`pinter` → `print`).
  for (const word of plan.words) {
    for (const clause of word.fuzzy) {
      want(ranges.rangeOf(clause.term))
      for (const [stem] of overriddenStemsNear(clause.term, clause.editDistance ?? 1)) want(ranges.rangeOf(stem))
    }
  }
  for (const clause of plan.exact) if (clause.wildcard) for (const n of ranges.rangesOfPrefix(clause.term)) want(n)
  return [...wanted].filter((n) => ranges.ranges[n] === undefined).sort((a, b) => a - b)
}

/**
 * Load shard `n` into a partial index.
 *
 * @param index
 *   From {@link openIndexHead}.
 * @param n
 *   The shard's number.
 * @param shard
 *   The {@link IndexShard} (parsed JSON).
 * @throws {TypeError}
 *   `runbook-kit: index shard n …` naming what is malformed or does not fit the head.
 */
export function addShard(index: PartialIndex, n: number, shard: unknown): void {
  const core = coreOf(index)
  const ranges = core.terms
  if (!Number.isInteger(n) || n < 0 || n >= ranges.firsts.length) {
    throw new TypeError(`runbook-kit: shard number must be from 0 to ${ranges.firsts.length - 1}, not ${describe(n)}`)
  }
  const problem = checkShard(shard, n, ranges.firsts, core.documents)
  if (problem) throw new TypeError(`runbook-kit: index shard ${n} ${problem}`)
  const value = shard as IndexShard
  ranges.ranges[n] = {terms: value.terms, postings: value.postings, decoded: new Array(value.terms.length)}
}

function checkShard(shard: unknown, n: number, firsts: readonly string[], documents: number): string | undefined {
  const layout = checkLayout(shard, shardFormat, false)
  if (layout) return layout
  const value = shard as Partial<Record<keyof IndexShard, unknown>>
  if (value.shard !== n) return `is shard ${describe(value.shard)}, not ${n}`
  const problem = checkTerms(value.terms, value.postings, documents)
  if (problem) return problem
  const terms = value.terms as string[]
  const first = terms[0]
  const last = terms[terms.length - 1]
  if (first !== undefined && (first < firsts[n]! || (n + 1 < firsts.length && !(last! < firsts[n + 1]!)))) {
    return 'holds terms outside its range'
  }
  return undefined
}
