/**
 * lunr's query evaluation (`lunr.Index#query`) over the same index, without
 * its per-document objects.
 *
 * `lunr.Index#query` keys its tables by `FieldRef` objects (each lookup
 * converts the object to a string through a slow path of V8), builds a
 * `lunr.Set` of every matching document for every term and field even when
 * no clause is required, and a `MatchData` with cloned metadata for every
 * (document, field). On 20,000 steps that is most of a query's time. This
 * evaluator walks the same inverted index, token set and field vectors in
 * the same order, with the same BM25 vectors, and scores as
 * `lunr.Vector#similarity` does (the same sums in the same order), so
 * scores and order are identical (a test checks it against `idx.query()`);
 * it supports what `search` uses: optional clauses, trailing wildcards and
 * edit distance, over all fields.
 *
 * @module
 */
import lunr from './lunr.js'

/** A clause as `search` plans it. */
export interface ClauseSpec {
  term: string
  boost: number
  wildcard?: boolean | undefined
  editDistance?: number | undefined
}

/** A matching document: its ref, score and the (term, field) pairs that matched. */
export interface Match {
  ref: string
  score: number
  fields: FieldMatch[]
}

/** The terms that matched one field of one document. */
export interface FieldMatch {
  field: string
  ref: string
  terms: string[]
}

/** The parts of a `lunr.Index` the typings leave out. */
interface IndexParts {
  invertedIndex: Record<string, Record<string, Record<string, unknown>> & {_index: number}>
  /** `lunr.Vector`s: `[term index, score, …]`, by ascending term index. */
  fieldVectors: Record<string, {elements: number[]}>
  tokenSet: lunr.TokenSet
  fields: string[]
}

/** The token set a clause expands to, as `lunr.TokenSet.fromClause` builds it. */
interface TokenSetStatics {
  fromString(term: string): lunr.TokenSet
  fromFuzzyString(term: string, editDistance: number): lunr.TokenSet
}

/**
 * A field's query vector, as lunr's `Vector#upsert` with a sum builds it
 * (term index → summed boost), and its cosine similarity with a document's
 * field vector as `Vector#similarity` computes it: the dot product summed
 * by ascending term index, over the magnitude summed the same way.
 */
class QueryVector {
  readonly #boosts = new Map<number, number>()
  /** `[term index, boost, …]` by ascending term index, and the magnitude: set by the first `similarity`. */
  #elements: number[] | undefined
  #magnitude = 0

  add(termIndex: number, boost: number): void {
    const boosts = this.#boosts
    boosts.set(termIndex, (boosts.get(termIndex) ?? 0) + boost)
    this.#elements = undefined
  }

  /** `other`: a field vector's `[term index, score, …]`, by ascending term index. */
  similarity(other: readonly number[]): number {
    let elements = this.#elements
    if (!elements) {
      elements = this.#elements = [...this.#boosts].sort((a, b) => a[0] - b[0]).flat()
      let squares = 0
      for (let i = 1; i < elements.length; i += 2) squares += elements[i]! * elements[i]!
      this.#magnitude = Math.sqrt(squares)
    }
    let dot = 0
    for (let i = 0, j = 0; i < elements.length && j < other.length; ) {
      if (elements[i]! < other[j]!) i += 2
      else if (elements[i]! > other[j]!) j += 2
      else {
        dot += elements[i + 1]! * other[j + 1]!
        i += 2
        j += 2
      }
    }
    return dot / this.#magnitude || 0
  }
}

/**
 * @internal (not in the published types: they would need lunr's)
 * Evaluate optional clauses against a lunr index, as `idx.query()` would.
 *
 * @param idx
 *   The lunr index.
 * @param clauses
 *   Clauses; every one optional and over all fields.
 * @returns
 *   Matches, best first (ties in order of first match, as lunr).
 */
export function evaluate(idx: lunr.Index, clauses: readonly ClauseSpec[]): Match[] {
  const index = idx as unknown as IndexParts
  const tokenSets = lunr.TokenSet as unknown as TokenSetStatics
  const fields = index.fields
  const queryVectors = new Map<string, QueryVector>()
  for (const field of fields) queryVectors.set(field, new QueryVector())
  const seen = new Set<string>()
  const byField = new Map<string, Map<string, FieldMatch>>()
  for (const field of fields) byField.set(field, new Map())
  const order: FieldMatch[] = []

  for (const clause of clauses) {
    const pattern = clause.editDistance
      ? tokenSets.fromFuzzyString(clause.term, clause.editDistance)
      : tokenSets.fromString(clause.wildcard && !clause.term.endsWith('*') ? `${clause.term}*` : clause.term)
    const expanded = index.tokenSet.intersect(pattern).toArray()
    for (const term of expanded) {
      const posting = index.invertedIndex[term]
      if (!posting) continue
      const termIndex = posting._index
      for (const field of fields) {
        queryVectors.get(field)!.add(termIndex, clause.boost)
        const key = `${term}/${field}`
        if (seen.has(key)) continue
        seen.add(key)
        const fieldPosting = posting[field]
        const docs = byField.get(field)!
        for (const ref in fieldPosting) {
          const entry = docs.get(ref)
          if (entry) entry.terms.push(term)
          else {
            const created: FieldMatch = {field, ref, terms: [term]}
            docs.set(ref, created)
            order.push(created)
          }
        }
      }
    }
  }

  const matches = new Map<string, Match>()
  const results: Match[] = []
  for (const entry of order) {
    const vector = index.fieldVectors[`${entry.field}/${entry.ref}`]
    const score = vector ? queryVectors.get(entry.field)!.similarity(vector.elements) : 0
    const match = matches.get(entry.ref)
    if (match) {
      match.score += score
      match.fields.push(entry)
    } else {
      const created: Match = {ref: entry.ref, score, fields: [entry]}
      matches.set(entry.ref, created)
      results.push(created)
    }
  }
  return results.sort((a, b) => b.score - a.score)
}

/** The terms of matches, each with the fields it matched in. */
export function matchedTerms(matches: readonly Match[]): Map<string, Set<string>> {
  const terms = new Map<string, Set<string>>()
  for (const match of matches) {
    for (const {field, terms: list} of match.fields) {
      for (const term of list) {
        let fields = terms.get(term)
        if (!fields) terms.set(term, (fields = new Set()))
        fields.add(field)
      }
    }
  }
  return terms
}
