/**
 * Rank runbooks and steps for a query, over an index whole or split,
 * without their text.
 *
 * A document's score is lunr's: the sum, over the query's terms found in
 * it, of the term's weight in the document (its BM25 field vector entries,
 * boosts included; precomputed in the posting) times the term's query boost,
 * over the length of the query vector. Scores add up in one array indexed
 * by document; each document touched keeps a short list of the terms it
 * matched (for re-ranking and highlights). Then:
 *
 * 1. a step's score adds its runbook document's score; a runbook whose
 *    steps did not match counts on its own;
 * 2. typos are looked for (see {@link rank}) and, if any term is near,
 *    scored in;
 * 3. the best hits are re-ranked by the share of query words they match.
 *
 * @module
 */
import {describe} from '../describe.js'
import {type IndexCore, wholeIndex} from './model.js'
import {type SearchOptions, type Settings, resolve} from './options.js'
import {type QueryWord, fuzzyBoosts, fuzzyMinLength, overriddenStemsNear, planQuery} from './query.js'
import {partialCore} from './split.js'

/** A ranked result, before its text is read: which runbook and step, and the terms to highlight. */
export interface RankedHit {
  /** The runbook's number, in index (bundle) order. */
  runbook: number
  /** The step's number in its runbook, or -1 for the runbook itself (its title, tags or intro matched). */
  step: number
  score: number
  /** The index terms that matched (stemmed), for highlights. */
  terms: string[]
}

/** What {@link rank} accepts besides the search options. */
export interface RankOptions extends SearchOptions {
  /**
   * Keep only runbooks this accepts (by number); with the category and tag
   * filters. On a split index, the way to filter by tags. (default: all)
   */
  accept?: ((runbook: number) => boolean) | null | undefined
}

/** Exact matches on fewer runbooks than this turn on typo tolerance. */
const fewMatches = 3
/** How many of the best hits are re-ranked by how many query words they match. */
const coordinated = 50
/** How much a query word counts as matched, by the edit distance of the term that matched it. */
const fuzzyCredit = [1, 0.75, 0.5]

/** The slot of a runbook the filters refuse. */
const rejectedSlot = -2

/** Per index, the arrays a query writes into (reset after each query). */
interface Scratch {
  score: Float64Array
  /** First node of each document's list of matched terms, -1 for none. */
  head: Int32Array
  /** Per runbook, its slot in the query's groups, -1 for none. */
  slot: Int32Array
  /** Nodes of the matched-term lists (grown as queries need). */
  nodeTerm: Int32Array
  nodeNext: Int32Array
}
const scratches = new WeakMap<IndexCore, Scratch>()

function scratchOf(core: IndexCore): Scratch {
  let scratch = scratches.get(core)
  if (!scratch) {
    scratch = {
      score: new Float64Array(core.documents),
      head: new Int32Array(core.documents).fill(-1),
      slot: new Int32Array(core.runbookCount).fill(-1),
      nodeTerm: new Int32Array(1024),
      nodeNext: new Int32Array(1024)
    }
    scratches.set(core, scratch)
  }
  return scratch
}

/** The core of a whole or partial index, or a TypeError. */
function coreOf(index: unknown): IndexCore {
  const core = wholeIndex(index) ?? partialCore(index)
  if (!core) {
    throw new TypeError(
      `runbook-kit: expected a SearchIndex (buildIndex, loadIndex) or a PartialIndex (openIndexHead), not ${describe(index)}`
    )
  }
  return core
}

/**
 * Rank runbooks and steps for a query: the hits of {@link search} without
 * their text, for an index whole or split (where only the loaded shards
 * answer: see `shardsFor`).
 *
 * Typos are looked for in a word no runbook has, and in every word of five
 * letters or more when exact matches find fewer than three runbooks; on a
 * split index, only among the terms of loaded shards, and a word whose
 * shard is not loaded counts as found.
 *
 * @param index
 *   A `SearchIndex`, or a `PartialIndex` with the shards of `shardsFor` added.
 * @param query
 *   What the user typed; never throws because of it.
 * @param options
 *   Search options, and `accept` to filter runbooks by number. On a split
 *   index, `tags` needs `accept` (the head has no tags).
 * @returns
 *   At most `limit` hits, best first, at most `perRunbook` per runbook.
 * @throws {TypeError}
 *   When `index` is neither, or `tags` is given for a split index.
 */
export function rank(index: unknown, query: string, options?: RankOptions | null | undefined): RankedHit[] {
  const core = coreOf(index)
  const settings = resolve(options)
  const accept = acceptor(core, settings, typeof options?.accept === 'function' ? options.accept : undefined)
  const plan = planQuery(query, settings.prefix)
  if (plan.exact.length === 0) return []

  const run = new Run(core)
  try {
    for (const clause of plan.exact) {
      if (clause.wildcard) for (const term of core.terms.withPrefix(clause.term)) run.add(term, clause.boost)
      else if (core.terms.has(clause.term)) run.add(clause.term, clause.boost)
    }
    let groups = run.group(accept, settings.perRunbook)
    if (settings.fuzzy) {
      const few = groups.length < fewMatches
      const typos = plan.words.filter(
        (word) => word.fuzzy.length > 0 && ((few && word.raw.length > fuzzyMinLength) || !known(core, word))
      )
      let added = false
      for (const word of typos) {
        for (const [term, distance] of nearTerms(core, word)) {
          run.add(term, fuzzyBoosts[distance] ?? fuzzyBoosts[fuzzyBoosts.length - 1]!)
          added = true
        }
      }
      if (added) groups = run.group(accept, settings.perRunbook)
    }
    return run.coordinate(groups, plan.words, settings.limit)
  } finally {
    run.reset()
  }
}

/** Whether the index has a term of `word`, or (while it is typed) a term it starts; unknown shards count as having it. */
function known(core: IndexCore, word: QueryWord): boolean {
  for (const term of word.terms) if (core.terms.has(term) || !core.terms.covers(term)) return true
  return word.prefix !== undefined && (core.terms.hasPrefix(word.prefix) || !core.terms.covers(word.prefix))
}

/**
 * The index terms within a typo or two of `word`, plus the stems of
 * `stemOverrides`, which the typed word does not share (`pinter` is one
 * typo from `printer`, indexed as `print`); also kept on the word for
 * re-ranking. Terms the word finds exactly or completes are not typos.
 */
function nearTerms(core: IndexCore, word: QueryWord): Map<string, number> {
  const near = new Map<string, number>()
  const add = (term: string, distance: number) => {
    if (word.terms.has(term) || (word.prefix !== undefined && term.startsWith(word.prefix))) return
    if (distance < (near.get(term) ?? Infinity)) near.set(term, distance)
  }
  // A stem that starts the typed word is read from the same walk (`certfic` from `certficate`).
  const [first, second] = word.fuzzy
  const together = first && second && first.term.startsWith(second.term) && first.editDistance === second.editDistance
  const walks = together
    ? core.terms.nearPrefixes(first.term, first.editDistance ?? 1, [first.term.length, second.term.length])
    : word.fuzzy.map((clause) => core.terms.near(clause.term, clause.editDistance ?? 1))
  for (const found of walks) for (const [term, distance] of found) add(term, distance)
  for (const clause of word.fuzzy) {
    for (const [stem, distance] of overriddenStemsNear(clause.term, clause.editDistance ?? 1)) {
      if (core.terms.has(stem)) add(stem, distance)
    }
  }
  word.near = near
  return near
}

/** Category and tag filters, and `accept`, as one test. */
function acceptor(
  core: IndexCore,
  settings: Settings,
  accept: ((runbook: number) => boolean) | undefined
): ((runbook: number) => boolean) | undefined {
  const {categories, tags} = settings
  if (tags && !core.tags) {
    throw new TypeError('runbook-kit: a split index has no tags: filter by tags with options.accept')
  }
  if (!categories && !tags && !accept) return undefined
  return (r) =>
    (!categories || categories.has(core.category(r))) &&
    (!tags || tags.every((t) => core.tags!(r).includes(t))) &&
    (!accept || accept(r) === true)
}

/** A runbook's hits while grouping: its own document and its best steps. */
interface Group {
  runbook: number
  /** Its own document, or -1. */
  own: number
  /** Its best step documents, best first. */
  steps: number[]
}

/** A hit being ranked. */
interface Hit {
  runbook: number
  step: number
  /** Documents whose matched terms count: the step's, and its runbook's. */
  docs: number[]
  score: number
}

/** The scores of one query. */
class Run {
  readonly #core: IndexCore
  readonly #scratch: Scratch
  /** Documents with a score, in the order first touched. */
  readonly #touched: number[] = []
  /** Each query term once, with its summed boost. */
  readonly #terms: string[] = []
  readonly #termIds = new Map<string, number>()
  readonly #boosts: number[] = []
  /** Nodes of the matched-term lists: `term id * 2 + title bit`, and the next node (the index's scratch arrays). */
  #nodeTerm: Int32Array
  #nodeNext: Int32Array
  #nodes = 0

  constructor(core: IndexCore) {
    this.#core = core
    this.#scratch = scratchOf(core)
    this.#nodeTerm = this.#scratch.nodeTerm
    this.#nodeNext = this.#scratch.nodeNext
  }

  /** Score in a term with a boost (again: the boosts add up, as lunr's query vector does). */
  add(term: string, boost: number): void {
    let id = this.#termIds.get(term)
    if (id === undefined) {
      id = this.#terms.length
      this.#termIds.set(term, id)
      this.#terms.push(term)
      this.#boosts.push(0)
    }
    this.#boosts[id]! += boost
    const postings = this.#core.terms.postings(term)
    if (!postings) return
    const {docs, weights, titles} = postings
    const {score, head} = this.#scratch
    const touched = this.#touched
    const count = docs.length
    if (this.#nodes + count > this.#nodeTerm.length) this.#grow(this.#nodes + count)
    const nodeTerm = this.#nodeTerm
    const nodeNext = this.#nodeNext
    let node = this.#nodes
    for (let i = 0; i < count; i++) {
      const d = docs[i]!
      const first = head[d]!
      if (first < 0) touched.push(d)
      score[d]! += boost * weights[i]!
      nodeTerm[node] = id * 2 + titles[i]!
      nodeNext[node] = first
      head[d] = node++
    }
    this.#nodes = node
  }

  #grow(needed: number): void {
    let size = this.#nodeTerm.length * 2
    while (size < needed) size *= 2
    const terms = new Int32Array(size)
    terms.set(this.#nodeTerm)
    const next = new Int32Array(size)
    next.set(this.#nodeNext)
    this.#nodeTerm = this.#scratch.nodeTerm = terms
    this.#nodeNext = this.#scratch.nodeNext = next
  }

  /** Group the touched documents by runbook: its own document and its `perRunbook` best steps. */
  group(accept: ((runbook: number) => boolean) | undefined, perRunbook: number): Group[] {
    const {docRunbook, docStep} = this.#core
    const {score, slot} = this.#scratch
    const groups: Group[] = []
    const rejected: number[] = []
    for (const d of this.#touched) {
      const r = docRunbook[d]!
      let at = slot[r]!
      if (at === rejectedSlot) continue
      if (at < 0) {
        if (accept && !accept(r)) {
          slot[r] = rejectedSlot
          rejected.push(r)
          continue
        }
        at = slot[r] = groups.length
        groups.push({runbook: r, own: -1, steps: []})
      }
      const group = groups[at]!
      if (docStep[d]! < 0) {
        group.own = d
        continue
      }
      // Best first; ties by document order.
      const steps = group.steps
      const s = score[d]!
      let i = steps.length
      while (i > 0 && (score[steps[i - 1]!]! < s || (score[steps[i - 1]!]! === s && steps[i - 1]! > d))) i--
      if (i < perRunbook) {
        steps.splice(i, 0, d)
        if (steps.length > perRunbook) steps.pop()
      }
    }
    for (const group of groups) slot[group.runbook] = -1
    for (const r of rejected) slot[r] = -1
    return groups
  }

  /**
   * The hits of the groups, the best re-ranked by the share of query words
   * they match (squared; a word matched through a typo counts ¾, through
   * two ½) and the share found in a title or tag (up to twice the score):
   * BM25 alone sums per-term scores and lets one frequent word beat a step
   * titled with all the words.
   */
  coordinate(groups: Group[], words: QueryWord[], limit: number): RankedHit[] {
    const {docStep} = this.#core
    const score = this.#scratch.score
    let squares = 0
    for (const boost of this.#boosts) squares += boost * boost
    const norm = Math.sqrt(squares) || 1
    const hits: Hit[] = []
    for (const {runbook, own, steps} of groups) {
      const ownScore = own >= 0 ? score[own]! : 0
      if (steps.length === 0) {
        if (own >= 0) hits.push({runbook, step: -1, docs: [own], score: ownScore / norm})
        continue
      }
      for (const d of steps) {
        hits.push({runbook, step: docStep[d]!, docs: own >= 0 ? [d, own] : [d], score: (score[d]! + ownScore) / norm})
      }
    }
    const byScore = (a: Hit, b: Hit) => b.score - a.score || a.runbook - b.runbook || a.step - b.step
    const best = top(hits, Math.max(coordinated, limit), byScore)
    const results: RankedHit[] = []
    for (const hit of best) {
      const {all, titles} = this.#matched(hit.docs)
      if (words.length > 0) {
        let matched = 0
        let inTitle = 0
        for (const word of words) {
          matched += wordMatches(word, all)
          inTitle += wordMatches(word, titles)
        }
        const share = matched / words.length
        hit.score *= share * share * (1 + inTitle / words.length)
      }
      results.push({runbook: hit.runbook, step: hit.step, score: hit.score, terms: [...all]})
    }
    results.sort((a, b) => b.score - a.score || a.runbook - b.runbook || a.step - b.step)
    return results.slice(0, limit)
  }

  /** The terms the documents matched, and those of them in a title or tag. */
  #matched(docs: number[]): {all: Set<string>; titles: Set<string>} {
    const all = new Set<string>()
    const titles = new Set<string>()
    const head = this.#scratch.head
    for (const d of docs) {
      for (let node = head[d]!; node >= 0; node = this.#nodeNext[node]!) {
        const code = this.#nodeTerm[node]!
        const term = this.#terms[code >> 1]!
        all.add(term)
        if (code & 1) titles.add(term)
      }
    }
    return {all, titles}
  }

  /** Clear what the query wrote into the index's scratch arrays. */
  reset(): void {
    const {score, head} = this.#scratch
    for (const d of this.#touched) {
      score[d] = 0
      head[d] = -1
    }
  }
}

/** The `count` first of `items` in the order of `compare`, sorted. */
function top<T>(items: T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (items.length <= count * 4) return items.sort(compare).slice(0, count)
  // Keep a sorted window of the best `count`, replacing its worst when something beats it.
  const best = items.slice(0, count).sort(compare)
  for (let i = count; i < items.length; i++) {
    const item = items[i]!
    if (compare(item, best[count - 1]!) >= 0) continue
    let at = count - 1
    while (at > 0 && compare(item, best[at - 1]!) < 0) at--
    best.splice(at, 0, item)
    best.pop()
  }
  return best
}

/** How much `word` is matched by `terms`: 1 exactly (or as a prefix), less through a typo, 0 not at all. */
function wordMatches(word: QueryWord, terms: ReadonlySet<string>): number {
  let best = 0
  for (const term of terms) {
    if (word.terms.has(term) || (word.prefix !== undefined && term.startsWith(word.prefix))) return 1
    const distance = word.near?.get(term)
    if (distance !== undefined) best = Math.max(best, fuzzyCredit[distance] ?? 0)
  }
  return best
}
