/**
 * Build a lunr index over runbooks (one document per runbook and per step),
 * write it compactly and load it back.
 *
 * Layout choices, for size and speed:
 * - Documents are numbered in runbook order (the runbook, then its steps),
 *   so refs are short and the index stores no ids: the runbooks beside it
 *   give them back.
 * - Runbook documents hold the runbook title, tags and intro; step
 *   documents the step title, body and commands. Nothing is indexed twice:
 *   a step's score is combined with its runbook's at query time.
 * - No positions or other metadata are stored; snippets are computed from
 *   the step text at query time.
 * - A field vector exists only for a field a document has, so the average
 *   length of a step title is taken over steps, not over runbooks too.
 * - Serialized, the index is its postings alone (term → field → document,
 *   term frequency); field vectors, lengths and the token set are rebuilt
 *   on load by lunr's own builder, so scores are identical.
 *
 * @module
 */
import type {Runbook} from '../types.js'
import lunr from './lunr.js'
import {createPipeline, normalizeTerm} from './pipeline.js'
import {runbookText, treeText} from './text.js'
import {tokenize} from './tokenize.js'

/** Version of the serialized index layout; {@link loadIndex} refuses others. */
export const indexVersion = 1

/** The indexed fields: lunr name, what it holds, boost. */
const fieldSpecs = [
  {name: 't', boost: 10}, // runbook title (runbook documents)
  {name: 's', boost: 6}, // step title (step documents)
  {name: 'g', boost: 5}, // tags and id (runbook documents)
  {name: 'b', boost: 1}, // intro or step body, code left out
  {name: 'c', boost: 2} // commands (step documents)
] as const

type FieldName = (typeof fieldSpecs)[number]['name']

/** What {@link buildIndex} accepts. */
export interface BuildIndexOptions {
  /**
   * Called as documents are indexed (every 1,000 and at the end), for
   * progress reports on long builds. (default: none)
   */
  onProgress?: ((done: number, total: number) => void) | null | undefined
}

/** An index as written to JSON (inside a bundle). */
export interface SerializedIndex {
  /** Layout version ({@link indexVersion}). */
  version: number
  /** Number of documents: each runbook and each of its steps, in order. */
  documents: number
  /** Field names, in the order postings refer to them. */
  fields: string[]
  /** Terms, in the order lunr numbered them. */
  terms: string[]
  /**
   * For each term: `[field, count, doc, tf, doc, tf, …]` repeated per field
   * that has it; `doc` is the gap from the previous document of that list.
   */
  postings: number[][]
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

/** A document: the runbook, and the step index or -1 for the runbook itself. */
export interface IndexedDoc {
  runbook: number
  step: number
}

/** @internal What `search` needs besides the public face (not in the published types: they would need lunr's). */
export interface IndexInternals {
  lunr: lunr.Index
  docs: IndexedDoc[]
  serialized: () => SerializedIndex
}

const internals = new WeakMap<SearchIndex, IndexInternals>()

/** @internal The internals of an index, or a TypeError for anything else. */
export function indexInternals(index: unknown): IndexInternals {
  const found = typeof index === 'object' && index !== null ? internals.get(index as SearchIndex) : undefined
  if (!found) {
    throw new TypeError(
      `runbook-kit: expected a SearchIndex from buildIndex or loadIndex, not ${describe(index)}`
    )
  }
  return found
}

/** Short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}

/**
 * The lunr ref of document `n`. Not a bare number: V8 stores integer keys
 * as array elements, and lunr's postings keyed by `"4000"` would each
 * allocate thousands of empty slots.
 */
export const docRef = (n: number): string => `d${n}`

/** The document number of a lunr ref. */
export const refNumber = (ref: string): number => Number(ref.slice(1))

function documentTable(runbooks: readonly Runbook[]): IndexedDoc[] {
  const docs: IndexedDoc[] = []
  runbooks.forEach((runbook, r) => {
    docs.push({runbook: r, step: -1})
    const steps = Array.isArray(runbook.steps) ? runbook.steps : []
    for (let s = 0; s < steps.length; s++) docs.push({runbook: r, step: s})
  })
  return docs
}

function fieldTexts(runbook: Runbook, step: number): Record<FieldName, string> {
  if (step < 0) {
    const tags = Array.isArray(runbook.meta?.tags) ? runbook.meta.tags.join(' ') : ''
    return {t: str(runbook.title), s: '', g: `${tags} ${str(runbook.id)}`, b: runbookText(runbook), c: ''}
  }
  const s = runbook.steps[step]!
  const commands = Array.isArray(s.commands) ? s.commands.map((c) => str(c.code)).join('\n') : ''
  return {t: '', s: str(s.title), g: '', b: treeText(s.content, {code: false}), c: commands}
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** BM25 parameters, as lunr's defaults. */
const k1 = 1.2
const b = 0.75

/**
 * Index runbooks for {@link search}: one document per runbook (title, tags,
 * intro) and one per step (title, text, commands).
 *
 * Documents are tokenized and counted here (with {@link tokenize} and the
 * pipeline of `./pipeline.js`) and the lunr index is assembled from the
 * counts as `lunr.Builder` would (same BM25 formula and rounding). lunr's
 * builder itself keys its tables by token and field-ref objects, which costs
 * about 10 µs a token in V8.
 *
 * @param runbooks
 *   Parsed runbooks (`parseRunbook`, `loadRunbooks`).
 * @param options
 *   Progress callback.
 * @returns
 *   The index; `toJSON()` gives its compact form.
 */
export function buildIndex(
  runbooks: readonly Runbook[],
  options?: BuildIndexOptions | null | undefined
): SearchIndex {
  const onProgress = typeof options?.onProgress === 'function' ? options.onProgress : undefined
  if (!Array.isArray(runbooks)) {
    throw new TypeError(`runbook-kit: buildIndex expects an array of runbooks, not ${describe(runbooks)}`)
  }
  runbooks.forEach((runbook, i) => {
    if (!runbook || typeof runbook !== 'object' || !Array.isArray(runbook.steps)) {
      throw new TypeError(`runbook-kit: buildIndex: runbooks[${i}] is not a runbook (${describe(runbook)})`)
    }
  })
  const docs = documentTable(runbooks)
  const termIds = new Map<string, number>()
  /** Per term, per field: `[doc, tf, doc, tf, …]` with absolute document numbers. */
  const lists: number[][][] = []
  const counts = new Map<string, number>()
  docs.forEach((doc, n) => {
    const texts = fieldTexts(runbooks[doc.runbook]!, doc.step)
    fieldSpecs.forEach((field, f) => {
      counts.clear()
      for (const token of tokenize(texts[field.name])) {
        const term = normalizeTerm(token.term)
        if (term !== undefined) counts.set(term, (counts.get(term) ?? 0) + 1)
      }
      for (const [term, tf] of counts) {
        let id = termIds.get(term)
        if (id === undefined) {
          id = termIds.size
          termIds.set(term, id)
          lists.push([])
        }
        ;(lists[id]![f] ??= []).push(n, tf)
      }
    })
    if (onProgress && (n + 1) % 1000 === 0) onProgress(n + 1, docs.length)
  })
  onProgress?.(docs.length, docs.length)
  const postings = lists.map((perField) => {
    const out: number[] = []
    perField.forEach((list, f) => {
      if (!list) return
      out.push(f, list.length / 2)
      let previous = 0
      for (let i = 0; i < list.length; i += 2) {
        out.push(list[i]! - previous, list[i + 1]!)
        previous = list[i]!
      }
    })
    return out
  })
  const serialized: SerializedIndex = {
    version: indexVersion,
    documents: docs.length,
    fields: fieldSpecs.map((f) => f.name),
    terms: [...termIds.keys()],
    postings
  }
  return hydrate(serialized, runbooks, docs, () => serialized)
}

function publish(runbooks: readonly Runbook[], inner: IndexInternals): SearchIndex {
  const index: SearchIndex = {
    runbooks,
    documentCount: inner.docs.length,
    toJSON: () => inner.serialized()
  }
  internals.set(index, inner)
  return index
}

/** A posting field nobody writes to: shared by all terms that lack that field. */
const emptyPosting: Record<string, object> = Object.freeze(Object.create(null) as Record<string, object>)
const noMetadata: object = Object.freeze(Object.create(null) as object)

/**
 * Load an index written by `SearchIndex.toJSON()`, for the same runbooks it
 * was built from (a bundle holds both).
 *
 * @param json
 *   The serialized index.
 * @param runbooks
 *   The runbooks it indexes, in the same order.
 * @returns
 *   The index, answering searches exactly as the one that was written.
 * @throws {TypeError}
 *   `runbook-kit: …` naming what does not fit.
 */
export function loadIndex(json: SerializedIndex, runbooks: readonly Runbook[]): SearchIndex {
  // Keep nothing of `json` alive: the index written again is indexed again
  // from its runbooks (the same input gives the same postings).
  return readIndex(json, runbooks, () => buildIndex(runbooks).toJSON())
}

/**
 * Load an index that writes `json` again as it is: for a holder that keeps
 * `json` alive anyway (an opened bundle), and so that code which only
 * searches (the widget's build) carries no indexer.
 */
export function loadIndexKeeping(json: SerializedIndex, runbooks: readonly Runbook[]): SearchIndex {
  return readIndex(json, runbooks, () => json)
}

function readIndex(json: SerializedIndex, runbooks: readonly Runbook[], serialize: () => SerializedIndex): SearchIndex {
  const problem = checkSerializedIndex(json)
  if (problem) throw new TypeError(`runbook-kit: index ${problem}`)
  if (!Array.isArray(runbooks)) {
    throw new TypeError(`runbook-kit: loadIndex expects an array of runbooks, not ${describe(runbooks)}`)
  }
  const docs = documentTable(runbooks)
  if (docs.length !== json.documents) {
    throw new TypeError(
      `runbook-kit: index has ${json.documents} documents but the runbooks give ${docs.length}; ` +
        'it was built from other runbooks'
    )
  }
  return hydrate(json, runbooks, docs, serialize)
}

/**
 * Assemble a lunr index from counted postings: the inverted index, BM25
 * field vectors (lunr's formula, rounded as lunr rounds) and the token set,
 * given to `new lunr.Index` with the registered search pipeline. Fields a
 * document lacks get no vector and do not pull down the average field
 * length.
 */
function hydrate(
  json: SerializedIndex,
  runbooks: readonly Runbook[],
  docs: IndexedDoc[],
  serialize: () => SerializedIndex
): SearchIndex {
  const documents = json.documents
  const fieldCount = fieldSpecs.length
  const {terms, postings} = json
  const refNames: string[] = new Array<string>(documents)
  for (let d = 0; d < documents; d++) refNames[d] = docRef(d)
  // Per field, per document: number of distinct terms and length (sum of tf).
  const counts = fieldSpecs.map(() => new Uint32Array(documents + 1))
  const lengths = fieldSpecs.map(() => new Uint32Array(documents))
  const idf = new Float64Array(terms.length)
  const invertedIndex: Record<string, Record<string, unknown>> = Object.create(null)

  // Pass 1: the inverted index, idf, counts and lengths.
  for (let i = 0; i < terms.length; i++) {
    const posting: Record<string, unknown> = {_index: i}
    for (const field of fieldSpecs) posting[field.name] = emptyPosting
    const list = postings[i]!
    let withTerm = 0
    let at = 0
    while (at < list.length) {
      const f = list[at]!
      const count = list[at + 1]!
      at += 2
      withTerm += count
      const refs: Record<string, object> = Object.create(null)
      const fieldCounts = counts[f]!
      const fieldLengths = lengths[f]!
      let d = 0
      for (let k = 0; k < count; k++, at += 2) {
        d += list[at]!
        refs[refNames[d]!] = noMetadata
        fieldCounts[d]!++
        fieldLengths[d]! += list[at + 1]!
      }
      posting[fieldSpecs[f]!.name] = refs
    }
    // lunr.idf, from the number of (document, field) postings.
    const x = (documents - withTerm + 0.5) / (withTerm + 0.5)
    idf[i] = Math.log(1 + Math.abs(x))
    invertedIndex[terms[i]!] = posting
  }

  // Pass 2: each document's terms and frequencies, in term order, in flat typed arrays.
  const starts = counts.map((fieldCounts) => {
    const offsets = new Uint32Array(documents + 1)
    for (let d = 0; d < documents; d++) offsets[d + 1] = offsets[d]! + fieldCounts[d]!
    return offsets
  })
  const termOf = starts.map((offsets) => new Uint32Array(offsets[documents]!))
  const tfOf = starts.map((offsets) => new Uint32Array(offsets[documents]!))
  const cursors = starts.map((offsets) => offsets.slice(0, documents))
  for (let i = 0; i < terms.length; i++) {
    const list = postings[i]!
    let at = 0
    while (at < list.length) {
      const f = list[at]!
      const count = list[at + 1]!
      at += 2
      const cursor = cursors[f]!
      const termIndexes = termOf[f]!
      const frequencies = tfOf[f]!
      let d = 0
      for (let k = 0; k < count; k++, at += 2) {
        d += list[at]!
        const slot = cursor[d]!++
        termIndexes[slot] = i
        frequencies[slot] = list[at + 1]!
      }
    }
  }

  const fieldVectors: Record<string, lunr.Vector> = Object.create(null)
  for (let f = 0; f < fieldCount; f++) {
    const {name, boost} = fieldSpecs[f]!
    const fieldLengths = lengths[f]!
    let total = 0
    let withField = 0
    for (let d = 0; d < documents; d++) {
      if (fieldLengths[d]! > 0) {
        total += fieldLengths[d]!
        withField++
      }
    }
    const average = withField > 0 ? total / withField : 1
    const offsets = starts[f]!
    const termIndexes = termOf[f]!
    const frequencies = tfOf[f]!
    for (let d = 0; d < documents; d++) {
      const from = offsets[d]!
      const to = offsets[d + 1]!
      if (from === to) continue
      const length = fieldLengths[d]!
      const elements = new Array<number>((to - from) * 2)
      for (let slot = from, j = 0; slot < to; slot++, j += 2) {
        const termIndex = termIndexes[slot]!
        const tf = frequencies[slot]!
        // The expression and rounding of lunr.Builder#createFieldVectors.
        let score = (idf[termIndex]! * ((k1 + 1) * tf)) / (k1 * (1 - b + b * (length / average)) + tf)
        score *= boost
        elements[j] = termIndex
        elements[j + 1] = Math.round(score * 1000) / 1000
      }
      fieldVectors[`${name}/${refNames[d]}`] = new lunr.Vector(elements)
    }
  }

  // @types/lunr misnames `fieldVectors`.
  const idx = new lunr.Index({
    invertedIndex,
    fieldVectors,
    tokenSet: termSet(terms),
    fields: fieldSpecs.map((f) => f.name),
    pipeline: createPipeline()
  } as unknown as lunr.Index.Attributes)
  return publish(runbooks, {lunr: idx, docs, serialized: serialize})
}

/** A node of a `lunr.TokenSet` (the typings leave its fields out). */
interface TokenSetNode {
  final: boolean
  edges: Record<string, TokenSetNode>
  id: number
}

/**
 * The token set of `terms`, the same as `lunr.TokenSet.fromArray(terms.slice().sort())`
 * gives: a trie of `lunr.TokenSet` nodes, each node's edges added in sorted
 * order (so `intersect` and `toArray` walk them in the same order), and
 * equal subtrees shared (lunr's `Builder#minimize`, done here after the
 * trie is built). The browser build needs no `lunr.TokenSet.Builder` then.
 */
function termSet(terms: readonly string[]): lunr.TokenSet {
  const create = () => new lunr.TokenSet() as unknown as TokenSetNode
  const root = create()
  for (const term of terms.slice().sort()) {
    let node = root
    // By UTF-16 code unit, as lunr's builder.
    for (let i = 0; i < term.length; i++) node = node.edges[term[i]!] ??= create()
    node.final = true
  }
  const shared = new Map<string, TokenSetNode>()
  const share = (node: TokenSetNode): TokenSetNode => {
    let key = node.final ? '1' : '0'
    for (const char of Object.keys(node.edges)) key += char + (node.edges[char] = share(node.edges[char]!)).id
    const found = shared.get(key)
    if (found) return found
    shared.set(key, node)
    return node
  }
  return share(root) as unknown as lunr.TokenSet
}

/** What is wrong with a serialized index, or `undefined`. */
export function checkSerializedIndex(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return `must be an object, not ${describe(json)}`
  const value = json as Partial<Record<keyof SerializedIndex, unknown>>
  if (value.version !== indexVersion) {
    return `version ${describe(value.version)} is not supported (expected ${indexVersion})`
  }
  if (!Number.isInteger(value.documents) || (value.documents as number) < 0) {
    return `"documents" must be a count, not ${describe(value.documents)}`
  }
  const expected = fieldSpecs.map((f) => f.name).join(',')
  if (!Array.isArray(value.fields) || value.fields.join(',') !== expected) {
    return `"fields" must be [${expected}]`
  }
  if (!Array.isArray(value.terms) || !value.terms.every((t) => typeof t === 'string')) {
    return '"terms" must be an array of strings'
  }
  if (!Array.isArray(value.postings) || value.postings.length !== value.terms.length) {
    return '"postings" must be an array with one list per term'
  }
  const documents = value.documents as number
  for (let i = 0; i < value.postings.length; i++) {
    const list: unknown = value.postings[i]
    if (!Array.isArray(list) || !validPostings(list, documents)) {
      return `postings of term ${describe(value.terms[i])} are malformed`
    }
  }
  return undefined
}

function validPostings(list: unknown[], documents: number): boolean {
  let at = 0
  while (at < list.length) {
    const field = list[at]
    const count = list[at + 1]
    if (!Number.isInteger(field) || (field as number) < 0 || (field as number) >= fieldSpecs.length) return false
    if (!Number.isInteger(count) || (count as number) < 1) return false
    at += 2
    let ref = 0
    for (let k = 0; k < (count as number); k++, at += 2) {
      const gap = list[at]
      const tf = list[at + 1]
      if (!Number.isInteger(gap) || (gap as number) < 0 || !Number.isInteger(tf) || (tf as number) < 1) return false
      ref += gap as number
      if (ref >= documents) return false
    }
  }
  return at === list.length
}
