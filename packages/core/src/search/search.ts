/**
 * Search an index the way people type during an incident.
 *
 * The query string is never given to lunr's query parser (it throws on
 * `C:\Windows`, `fe80::1`, `proxy:8080` …): it is split by the same
 * tokenizer as the documents and turned into clauses with `idx.query()`,
 * so `: ~ ^ + - *` are plain text.
 *
 * @module
 */
import type {Category, Runbook} from '../types.js'
import {type IndexedDoc, type SearchIndex, indexInternals, refNumber} from './build.js'
import {type ClauseSpec, type Match, evaluate, matchedTerms} from './evaluate.js'
import lunr from './lunr.js'
import {normalizeTerm, stemOverrides} from './pipeline.js'
import {runbookText, stepText} from './text.js'
import {tokenize} from './tokenize.js'

/** What {@link search} accepts. */
export interface SearchOptions {
  /** Most results to return. (default: `10`) */
  limit?: number | null | undefined
  /** Only runbooks in this category (or one of these). (default: all) */
  category?: Category | readonly Category[] | string | readonly string[] | null | undefined
  /** Only runbooks that have every one of these tags. (default: no filter) */
  tags?: readonly string[] | null | undefined
  /** Match the last word as a prefix while it is being typed. (default: `true`) */
  prefix?: boolean | null | undefined
  /**
   * Allow one typo in words of four letters or more (two from eight letters)
   * when exact matches find fewer than three runbooks or a word of the query
   * is in no runbook. (default: `true`)
   */
  fuzzy?: boolean | null | undefined
  /** Results per runbook: its best steps. (default: `1`) */
  perRunbook?: number | null | undefined
  /** Length of a snippet, in characters. (default: `160`) */
  snippetLength?: number | null | undefined
}

/** A place in a snippet to highlight: `[start, end)` offsets into `text`. */
export type HighlightRange = [start: number, end: number]

/** A short passage of the matched text, with the matched words marked. */
export interface Snippet {
  text: string
  highlights: HighlightRange[]
}

/** One search result: a runbook, and the step that matched best. */
export interface SearchResult {
  runbookId: string
  /** The step; absent when only the runbook's title, tags or intro matched. */
  stepId?: string | undefined
  score: number
  /** The runbook's title. */
  title: string
  stepTitle?: string | undefined
  snippet: Snippet
}

/** Defaults, in one place. */
const defaults = {
  limit: 10,
  prefix: true,
  fuzzy: true,
  perRunbook: 1,
  snippetLength: 160
} as const

/** Exact matches on fewer runbooks than this turn on typo tolerance. */
const fewMatches = 3
/** Words shorter than this get no typo tolerance. */
const fuzzyMinLength = 4
/** Words this long may have two typos. */
const fuzzyLongLength = 8
/** Characters of a query that are read; the rest is ignored. */
const maxQueryLength = 512
/** Boost of a term found with a typo, by edit distance (exact terms have 1). */
const fuzzyBoosts = [1, 0.3, 0.1]
/** How much a query word counts as matched, by the edit distance of the term that matched it. */
const fuzzyCredit = [1, 0.75, 0.5]

/**
 * Search runbooks and steps.
 *
 * Never throws because of `query`: any string is read as words (lunr's
 * syntax characters are text), an empty or stop-word-only query finds
 * nothing.
 *
 * @param index
 *   From `buildIndex`, `loadIndex` or `loadBundle`.
 * @param query
 *   What the user typed.
 * @param options
 *   Limit, filters, and matching switches.
 * @returns
 *   Results, best first: at most `perRunbook` per runbook.
 * @throws {TypeError}
 *   When `index` is not a search index.
 */
export function search(
  index: SearchIndex,
  query: string,
  options?: SearchOptions | null | undefined
): SearchResult[] {
  const inner = indexInternals(index)
  const settings = resolve(options)
  const text = typeof query === 'string' ? query.slice(0, maxQueryLength) : ''
  const plan = planQuery(text, settings.prefix)
  if (plan.exact.length === 0) return []
  const accept = filter(index.runbooks, settings)

  let matches = evaluate(inner.lunr, plan.exact)
  let grouped = group(matches, inner.docs, accept, settings.perRunbook)
  if (settings.fuzzy && plan.fuzzy.length > 0) {
    // Typos are looked for in a word no runbook has, and in every word of five letters or more when exact
    // matches are few (a four-letter word that matched is left alone: one letter changes too much of it).
    const few = countRunbooks(grouped) < fewMatches
    const tokens = (inner.lunr as unknown as {tokenSet: TrieNode}).tokenSet
    const typos = plan.words.filter((word) => word.fuzzy.length > 0 && ((few && word.raw.length > fuzzyMinLength) || !known(tokens, word)))
    const near = typos.flatMap((word) => nearClauses(inner.lunr, word))
    if (near.length > 0) {
      matches = evaluate(inner.lunr, [...plan.exact, ...near])
      grouped = group(matches, inner.docs, accept, settings.perRunbook)
    }
  }
  const ranked = coordinate(grouped, plan.words, Math.max(coordinated, settings.limit))
  return ranked.slice(0, settings.limit).map((hit) => toResult(hit, index.runbooks, settings.snippetLength))
}

/** How many of the best hits are re-ranked by how many query words they match. */
const coordinated = 50

/** The lunr fields of titles and tags. */
const titleFields = ['t', 's', 'g']

/**
 * Re-rank the best hits by the share of query words they match (squared; a
 * word matched through a typo counts ¾, through two ½) and the share found
 * in a title or tag (up to twice the score), so a step
 * titled "… hosts file" beats one that has "file" many times: BM25 alone
 * sums per-term scores and lets one frequent word win.
 */
function coordinate(hits: Hit[], words: QueryWord[], count: number): Hit[] {
  if (words.length === 0) return hits
  const best = hits.slice(0, count)
  for (const hit of best) {
    const terms = new Set<string>()
    const titleTerms = new Set<string>()
    for (const [term, fields] of matchedTerms(hit.matches)) {
      terms.add(term)
      if (titleFields.some((field) => fields.has(field))) titleTerms.add(term)
    }
    let matched = 0
    let inTitle = 0
    for (const word of words) {
      matched += wordMatches(word, terms)
      inTitle += wordMatches(word, titleTerms)
    }
    const share = matched / words.length
    hit.score *= share * share * (1 + inTitle / words.length)
  }
  return best.sort((a, b) => b.score - a.score || a.runbook - b.runbook || a.step - b.step)
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

/**
 * Edit distance between `a` and `b` (insert, delete, substitute, swap two
 * neighbours: what lunr's fuzzy matching allows), or `max + 1` when it is
 * more than `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before: number[] = []
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let low = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current[j] = value
      low = Math.min(low, value)
    }
    if (low > max) return max + 1
    before = previous
    previous = current
  }
  return Math.min(previous[b.length]!, max + 1)
}

/** A node of lunr's token set (a trie of the index's terms); the typings leave these out. */
interface TrieNode {
  final: boolean
  edges: Record<string, TrieNode>
}

/** The trie node `text` leads to, if any. */
function walk(node: TrieNode, text: string): TrieNode | undefined {
  let at: TrieNode | undefined = node
  for (let i = 0; at && i < text.length; i++) at = at.edges[text[i]!]
  return at
}

/** Whether the index has a term of `word`, or (while it is typed) a term it starts. */
function known(tokens: TrieNode, word: QueryWord): boolean {
  for (const term of word.terms) if (walk(tokens, term)?.final) return true
  return word.prefix !== undefined && walk(tokens, word.prefix) !== undefined
}

/**
 * The index terms within a typo or two of `word` (lunr's fuzzy expansion of
 * its clauses, plus the stems of `stemOverrides`, which the typed word does
 * not share: `pinter` is one typo from `printer`, indexed as `print`), as
 * clauses boosted by edit distance; also kept on the word for re-ranking.
 */
function nearClauses(idx: lunr.Index, word: QueryWord): ClauseSpec[] {
  const tokens = (idx as unknown as {tokenSet: lunr.TokenSet}).tokenSet
  const fromFuzzy = (lunr.TokenSet as unknown as {fromFuzzyString(term: string, distance: number): lunr.TokenSet}).fromFuzzyString
  const near = new Map<string, number>()
  const add = (term: string, distance: number) => {
    // Terms the word finds exactly or completes (while typed) are not typos.
    if (word.terms.has(term) || (word.prefix !== undefined && term.startsWith(word.prefix))) return
    if (distance < (near.get(term) ?? Infinity)) near.set(term, distance)
  }
  for (const clause of word.fuzzy) {
    const max = clause.editDistance ?? 1
    for (const term of tokens.intersect(fromFuzzy(clause.term, max)).toArray()) add(term, editDistance(term, clause.term, max))
    for (const [full, stem] of Object.entries(stemOverrides)) {
      const distance = editDistance(full, clause.term, max)
      if (distance <= max && walk(tokens as unknown as TrieNode, stem)?.final) add(stem, distance)
    }
  }
  word.near = near
  return [...near].map(([term, distance]) => ({term, boost: fuzzyBoosts[distance] ?? fuzzyBoosts[fuzzyBoosts.length - 1]!}))
}

interface Settings {
  limit: number
  prefix: boolean
  fuzzy: boolean
  perRunbook: number
  snippetLength: number
  categories: Set<string> | undefined
  tags: string[] | undefined
}

function resolve(options: SearchOptions | null | undefined): Settings {
  const o = options ?? {}
  const count = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback
  const category = o.category
  const categories =
    typeof category === 'string'
      ? new Set([category])
      : Array.isArray(category)
        ? new Set<string>(category as readonly string[])
        : undefined
  return {
    limit: count(o.limit, defaults.limit),
    prefix: typeof o.prefix === 'boolean' ? o.prefix : defaults.prefix,
    fuzzy: typeof o.fuzzy === 'boolean' ? o.fuzzy : defaults.fuzzy,
    perRunbook: count(o.perRunbook, defaults.perRunbook),
    snippetLength: Math.max(40, count(o.snippetLength, defaults.snippetLength)),
    categories,
    tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : undefined
  }
}

/** Which runbooks pass the category and tag filters (by position). */
function filter(runbooks: readonly Runbook[], settings: Settings): (runbook: number) => boolean {
  const {categories, tags} = settings
  if (!categories && (!tags || tags.length === 0)) return () => true
  const wanted = tags?.map((t) => t.toLowerCase()) ?? []
  return (r) => {
    const meta = runbooks[r]?.meta
    if (categories && !categories.has(meta?.category ?? 'other')) return false
    const have = new Set((Array.isArray(meta?.tags) ? meta.tags : []).map((t) => String(t).toLowerCase()))
    return wanted.every((t) => have.has(t))
  }
}

interface QueryPlan {
  exact: ClauseSpec[]
  fuzzy: ClauseSpec[]
  /** The words of the query, each with the index terms that count as matching it. */
  words: QueryWord[]
}

interface QueryWord {
  raw: string
  terms: Set<string>
  prefix?: string | undefined
  /** Its typo-tolerant clauses (empty: a word too short, or not letters only). */
  fuzzy: ClauseSpec[]
  /** The index terms found for it with a typo, by edit distance (set when typos were looked for). */
  near?: Map<string, number> | undefined
}

/** Turn what the user typed into lunr clauses. */
export function planQuery(text: string, prefix: boolean): QueryPlan {
  const tokens = tokenize(text)
  const exact = new Map<string, ClauseSpec>()
  const fuzzy = new Map<string, ClauseSpec>()
  const words: QueryWord[] = []
  const add = (map: Map<string, ClauseSpec>, spec: ClauseSpec) => {
    const key = `${spec.wildcard ? '*' : spec.editDistance ? '~' : '='}${spec.term}`
    const existing = map.get(key)
    if (!existing || existing.boost < spec.boost) map.set(key, spec)
  }
  const end = text.length
  const typing = prefix && /[\p{L}\p{N}]$/u.test(text)
  let word: QueryWord | undefined
  for (const token of tokens) {
    if (!token.part) {
      word = {raw: token.term, terms: new Set(), fuzzy: []}
      words.push(word)
    }
    const term = normalizeTerm(token.term)
    if (term !== undefined) {
      add(exact, {term, boost: token.part ? 0.7 : 1})
      word?.terms.add(term)
    }
    const compound = !token.part && /[^\p{L}\p{N}]/u.test(token.term)
    const last = typing && token.end === end && token.term.length >= 2
    // `192.168` finds `192.168.1.1`; the word being typed finds its completions.
    if ((compound || last) && token.term.length >= 2) {
      add(exact, {term: token.term, boost: 0.5, wildcard: true})
      if (word && !token.part) word.prefix = token.term
    }
    if (!token.part && term !== undefined && /^\p{L}+$/u.test(token.term) && token.term.length >= fuzzyMinLength) {
      // One typo; two in long words, whose stems can differ from the typed word at the end too.
      const editDistance = token.term.length >= fuzzyLongLength ? 2 : 1
      const clauses: ClauseSpec[] = [{term: token.term, boost: fuzzyBoosts[1]!, editDistance}]
      if (term !== token.term) clauses.push({term, boost: fuzzyBoosts[1]!, editDistance})
      for (const clause of clauses) add(fuzzy, clause)
      word?.fuzzy.push(...clauses)
    }
  }
  return {
    exact: [...exact.values()],
    fuzzy: [...fuzzy.values()],
    words: words.filter((w) => w.terms.size > 0 || w.prefix !== undefined)
  }
}

/**
 * @internal (not in the published types: they would need lunr's)
 * The same clauses through lunr's own `idx.query()`: what {@link evaluate}
 * must match (used by tests).
 */
export function runWithLunr(idx: lunr.Index, clauses: ClauseSpec[]): lunr.Index.Result[] {
  return idx.query((q) => {
    for (const spec of clauses) {
      const clause: Partial<lunr.Query.Clause> = {
        term: spec.term,
        boost: spec.boost,
        usePipeline: false,
        wildcard: spec.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
      }
      // lunr checks `'editDistance' in clause`: only set it when fuzzy.
      if (spec.editDistance) clause.editDistance = spec.editDistance
      q.clause(clause as lunr.Query.Clause)
    }
  })
}

interface Hit {
  runbook: number
  step: number
  score: number
  /** The matches behind the hit (for the terms to highlight). */
  matches: Match[]
}

/** Combine runbook and step matches: a step's score adds its runbook's. */
function group(
  matches: Match[],
  docs: IndexedDoc[],
  accept: (runbook: number) => boolean,
  perRunbook: number
): Hit[] {
  const byRunbook = new Map<number, {own?: Hit; steps: Hit[]}>()
  for (const match of matches) {
    const doc = docs[refNumber(match.ref)]
    if (!doc || !accept(doc.runbook)) continue
    let entry = byRunbook.get(doc.runbook)
    if (!entry) byRunbook.set(doc.runbook, (entry = {steps: []}))
    const hit: Hit = {runbook: doc.runbook, step: doc.step, score: match.score, matches: [match]}
    if (doc.step < 0) entry.own = hit
    // Matches come best first: the first `perRunbook` steps are the best.
    else if (entry.steps.length < perRunbook) entry.steps.push(hit)
  }
  const hits: Hit[] = []
  for (const {own, steps} of byRunbook.values()) {
    if (steps.length === 0) {
      if (own) hits.push(own)
      continue
    }
    for (const step of steps) {
      hits.push({
        runbook: step.runbook,
        step: step.step,
        score: step.score + (own?.score ?? 0),
        matches: own ? [...step.matches, ...own.matches] : step.matches
      })
    }
  }
  return hits.sort((a, b) => b.score - a.score || a.runbook - b.runbook || a.step - b.step)
}

function countRunbooks(hits: Hit[]): number {
  return new Set(hits.map((h) => h.runbook)).size
}

function toResult(hit: Hit, runbooks: readonly Runbook[], length: number): SearchResult {
  const runbook = runbooks[hit.runbook]!
  const step = hit.step >= 0 ? runbook.steps[hit.step] : undefined
  // A step that is only a title (an item of a numbered list) shows its title.
  const text = (step ? stepText(step) || step.title : runbookText(runbook)) || runbook.title
  const result: SearchResult = {
    runbookId: runbook.id,
    score: Math.round(hit.score * 1000) / 1000,
    title: runbook.title,
    snippet: snippet(text, new Set(matchedTerms(hit.matches).keys()), length)
  }
  if (step) {
    result.stepId = step.id
    result.stepTitle = step.title
  }
  return result
}

/**
 * A passage of `text` around the densest run of matched terms, with their
 * ranges.
 *
 * @param text
 *   Plain text of a step or runbook intro, on one line.
 * @param terms
 *   Index terms that matched (stemmed).
 * @param length
 *   Snippet length in characters.
 */
export function snippet(text: string, terms: ReadonlySet<string>, length: number): Snippet {
  const ranges: HighlightRange[] = []
  // Stemming only changes the end of a word: a token whose first two
  // letters start no matched term cannot match (and is not stemmed).
  const heads = new Set([...terms].map((term) => term.slice(0, 2)))
  for (const token of tokenize(text)) {
    if (!heads.has(token.term.slice(0, 2))) continue
    const term = normalizeTerm(token.term)
    if (term === undefined || !terms.has(term)) continue
    const last = ranges[ranges.length - 1]
    if (last && token.start < last[1]) last[1] = Math.max(last[1], token.end)
    else ranges.push([token.start, token.end])
  }
  if (text.length <= length) return {text, highlights: ranges}

  // The window that holds the most highlights.
  let best = 0
  let bestCount = 0
  for (let i = 0; i < ranges.length; i++) {
    let count = 0
    for (let j = i; j < ranges.length && ranges[j]![1] <= ranges[i]![0] + length - 30; j++) count++
    if (count > bestCount) [best, bestCount] = [i, count]
  }
  let start = ranges.length > 0 ? Math.max(0, ranges[best]![0] - 30) : 0
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space >= 0 && space < (ranges[best]?.[0] ?? start) ? space + 1 : start
  }
  let stop = Math.min(text.length, start + length)
  if (stop < text.length) {
    const space = text.lastIndexOf(' ', stop)
    if (space > start + length / 2) stop = space
  }
  const lead = start > 0 ? '…' : ''
  const out = lead + text.slice(start, stop) + (stop < text.length ? '…' : '')
  const highlights: HighlightRange[] = []
  for (const [a, b] of ranges) {
    if (a >= start && b <= stop) highlights.push([a - start + lead.length, b - start + lead.length])
  }
  return {text: out, highlights}
}
