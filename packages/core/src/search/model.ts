/**
 * The index as the query side holds it, and its serialized form: sorted
 * terms and, per term, one posting list string (see `./codec.js`). No lunr
 * here: the browser loads and searches with this module and its
 * neighbours; only `./build.js` runs lunr.
 *
 * @module
 */
import {describe} from '../describe.js'
import {isObject} from '../is-object.js'
import type {Runbook} from '../types.js'
import {decodePostings} from './codec.js'
import {TermRanges} from './terms.js'

/**
 * Version of the serialized index layout; {@link loadIndex} refuses others.
 * 1: lunr's postings (term → field → document, tf), rebuilt into a lunr index on load.
 * 2: sorted terms, one encoded posting list per term with precomputed weights.
 */
export const indexVersion = 2

/** An index as written to JSON (inside a bundle). */
export interface SerializedIndex {
  /** Layout version ({@link indexVersion}). */
  version: number
  /** Number of documents: each runbook and each of its steps, in order. */
  documents: number
  /** Terms, sorted by UTF-16 code unit. */
  terms: string[]
  /** For each term, its posting list (`./codec.js`: document gap, weight and title bit per document). */
  postings: string[]
}

/** A searchable index over runbooks, from {@link buildIndex} or {@link loadIndex}. */
export interface SearchIndex {
  /** The runbooks, in document order. */
  readonly runbooks: readonly Runbook[]
  /** Number of indexed documents (runbooks plus steps). */
  readonly documentCount: number
  /** The compact serialized form (what a bundle stores). */
  toJSON(): SerializedIndex
}

/** What ranking needs of an index, whole or split. */
export interface IndexCore {
  terms: TermRanges
  /** Number of documents. */
  documents: number
  /** Number of runbooks. */
  runbookCount: number
  /** The runbook of each document. */
  docRunbook: Uint32Array
  /** The step of each document, -1 for the runbook's own document. */
  docStep: Int32Array
  /** The category of a runbook (`other` when it has none). */
  category(runbook: number): string
  /** The tags of a runbook, lower case; `undefined` when the index does not know them (split). */
  tags?: ((runbook: number) => readonly string[]) | undefined
}

/** @internal A whole index: its core and its runbooks. */
export interface IndexInternals extends IndexCore {
  runbooks: readonly Runbook[]
  serialized: SerializedIndex
}

const internals = new WeakMap<object, IndexInternals>()

/** @internal The internals of an index, or `undefined`. */
export function wholeIndex(index: unknown): IndexInternals | undefined {
  return typeof index === 'object' && index !== null ? internals.get(index) : undefined
}

/** @internal The internals of an index, or a TypeError for anything else. */
export function indexInternals(index: unknown): IndexInternals {
  const found = wholeIndex(index)
  if (!found) {
    throw new TypeError(`runbook-kit: expected a SearchIndex from buildIndex or loadIndex, not ${describe(index)}`)
  }
  return found
}

/** The documents of runbooks: each runbook, then each of its steps. */
export function documentTable(stepCounts: readonly number[]): {docRunbook: Uint32Array; docStep: Int32Array} {
  let total = 0
  for (const count of stepCounts) total += count + 1
  const docRunbook = new Uint32Array(total)
  const docStep = new Int32Array(total)
  let d = 0
  stepCounts.forEach((count, r) => {
    for (let s = -1; s < count; s++, d++) {
      docRunbook[d] = r
      docStep[d] = s
    }
  })
  return {docRunbook, docStep}
}

/** The number of steps of each runbook. */
export function stepCounts(runbooks: readonly Runbook[]): number[] {
  return runbooks.map((runbook) => (Array.isArray(runbook?.steps) ? runbook.steps.length : 0))
}

/** @internal Wrap serialized postings as a whole index over `runbooks` (checked by the caller). */
export function publish(serialized: SerializedIndex, runbooks: readonly Runbook[]): SearchIndex {
  const terms = new TermRanges([''], serialized.documents)
  terms.ranges[0] = {terms: serialized.terms, postings: serialized.postings, decoded: new Array(serialized.terms.length)}
  const {docRunbook, docStep} = documentTable(stepCounts(runbooks))
  const tagCache = new Map<number, string[]>()
  const inner: IndexInternals = {
    terms,
    documents: serialized.documents,
    runbookCount: runbooks.length,
    docRunbook,
    docStep,
    category: (r) => {
      const category: unknown = runbooks[r]?.meta?.category
      return typeof category === 'string' ? category : 'other'
    },
    tags: (r) => {
      let tags = tagCache.get(r)
      if (!tags) {
        const meta = runbooks[r]?.meta
        tags = (Array.isArray(meta?.tags) ? meta.tags : []).map((t) => String(t).toLowerCase())
        tagCache.set(r, tags)
      }
      return tags
    },
    runbooks,
    serialized
  }
  const index: SearchIndex = {runbooks, documentCount: serialized.documents, toJSON: () => serialized}
  internals.set(index, inner)
  return index
}

/**
 * Load an index written by `SearchIndex.toJSON()`, for the same runbooks it
 * was built from (a bundle holds both). Posting lists are decoded when a
 * query first needs them.
 *
 * @param json
 *   The serialized index.
 * @param runbooks
 *   The runbooks it indexes, in the same order.
 * @returns
 *   The index, answering searches exactly as the one that was written.
 * @throws {TypeError}
 *   `runbook-kit: …` naming what does not fit (an index of another version
 *   included: rebuild the bundle).
 */
export function loadIndex(json: SerializedIndex, runbooks: readonly Runbook[]): SearchIndex {
  const problem = checkSerializedIndex(json)
  if (problem) throw new TypeError(`runbook-kit: index ${problem}`)
  if (!Array.isArray(runbooks)) {
    throw new TypeError(`runbook-kit: loadIndex expects an array of runbooks, not ${describe(runbooks)}`)
  }
  let documents = 0
  for (const count of stepCounts(runbooks)) documents += count + 1
  if (documents !== json.documents) {
    throw new TypeError(
      `runbook-kit: index has ${json.documents} documents but the runbooks give ${documents}; ` +
        'it was built from other runbooks'
    )
  }
  return publish(json, runbooks)
}

/** What is wrong with a serialized index, or `undefined`. */
export function checkSerializedIndex(json: unknown): string | undefined {
  const value = json as Partial<Record<keyof SerializedIndex, unknown>>
  return checkLayout(json, undefined, true) ?? checkTerms(value.terms, value.postings, value.documents as number)
}

/**
 * What is wrong with the start of a serialized index or a part of one (an
 * object, of `format` when given, of this {@link indexVersion}, with a count
 * of `documents` when `documents` is set), or `undefined`.
 */
export function checkLayout(json: unknown, format: string | undefined, documents: boolean): string | undefined {
  if (!isObject(json)) return `must be an object, not ${describe(json)}`
  if (format !== undefined && json.format !== format) return `"format" must be "${format}", not ${describe(json.format)}`
  if (json.version !== indexVersion) {
    return `version ${describe(json.version)} is not supported (expected ${indexVersion}): rebuild the bundle with this version of @runbook-kit/core`
  }
  if (documents && !(Number.isInteger(json.documents) && (json.documents as number) >= 0)) {
    return `"documents" must be a count, not ${describe(json.documents)}`
  }
  return undefined
}

/** What is wrong with sorted terms and their posting lists, or `undefined`. */
export function checkTerms(terms: unknown, postings: unknown, documents: number): string | undefined {
  if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) return '"terms" must be an array of strings'
  for (let i = 1; i < terms.length; i++) {
    if (!((terms[i - 1] as string) < (terms[i] as string))) return `"terms" must be sorted, without repeats (at ${describe(terms[i])})`
  }
  if (!Array.isArray(postings) || postings.length !== terms.length) {
    return '"postings" must be an array with one list per term'
  }
  for (let i = 0; i < postings.length; i++) {
    const list: unknown = postings[i]
    if (typeof list !== 'string' || list === '' || !decodePostings(list, documents)) {
      return `postings of term ${describe(terms[i])} are malformed`
    }
  }
  return undefined
}
