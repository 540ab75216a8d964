/**
 * The terms of an index: sorted, cut into ranges (one range for a whole
 * index, one per shard for a split one), each range with the encoded
 * posting list of each term, decoded when first needed.
 *
 * Lookups answer only from ranges that are loaded: exact terms and prefixes
 * by binary search, terms within a typo or two by an edit-distance walk over
 * the sorted terms that shares the work of a common prefix (as a walk down a
 * trie would) and skips every term under a prefix already too far away.
 *
 * @module
 */
import {type Postings, decodePostings} from './codec.js'

/** A loaded range of terms. */
export interface TermRange {
  /** Sorted (by UTF-16 code unit), no repeats. */
  terms: readonly string[]
  /** Encoded posting list of each term. */
  postings: readonly string[]
  /** Decoded lists, filled as queries need them. */
  decoded: (Postings | null | undefined)[]
}

/** Sorted terms in ranges, some loaded. */
export class TermRanges {
  /** First term of each range (`''` for the first). */
  readonly firsts: readonly string[]
  readonly ranges: (TermRange | undefined)[]
  readonly documents: number

  constructor(firsts: readonly string[], documents: number) {
    this.firsts = firsts
    this.ranges = firsts.map(() => undefined)
    this.documents = documents
  }

  /** The range a term sorts into. */
  rangeOf(term: string): number {
    const firsts = this.firsts
    let low = 0
    let high = firsts.length
    // The last range whose first term is <= term.
    while (high - low > 1) {
      const mid = (low + high) >> 1
      if (firsts[mid]! <= term) low = mid
      else high = mid
    }
    return low
  }

  /** The ranges that may hold terms starting with `prefix`, in order. */
  rangesOfPrefix(prefix: string): number[] {
    const out = [this.rangeOf(prefix)]
    for (let r = out[0]! + 1; r < this.firsts.length && this.firsts[r]!.startsWith(prefix); r++) out.push(r)
    return out
  }

  /** Whether the range `term` sorts into is loaded (so whether the index has it is known). */
  covers(term: string): boolean {
    return this.ranges[this.rangeOf(term)] !== undefined
  }

  /** Whether `term` is a term of a loaded range. */
  has(term: string): boolean {
    const range = this.ranges[this.rangeOf(term)]
    return range !== undefined && find(range.terms, term) >= 0
  }

  /** Whether some loaded term starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    for (const r of this.rangesOfPrefix(prefix)) {
      const range = this.ranges[r]
      if (!range) continue
      const at = lowerBound(range.terms, prefix)
      if (at < range.terms.length && range.terms[at]!.startsWith(prefix)) return true
    }
    return false
  }

  /** The loaded terms that start with `prefix` (itself included). */
  withPrefix(prefix: string): string[] {
    const out: string[] = []
    for (const r of this.rangesOfPrefix(prefix)) {
      const range = this.ranges[r]
      if (!range) continue
      for (let at = lowerBound(range.terms, prefix); at < range.terms.length && range.terms[at]!.startsWith(prefix); at++) {
        out.push(range.terms[at]!)
      }
    }
    return out
  }

  /** The posting list of a loaded term, or `undefined` (not loaded, absent or malformed). */
  postings(term: string): Postings | undefined {
    const range = this.ranges[this.rangeOf(term)]
    if (!range) return undefined
    const at = find(range.terms, term)
    if (at < 0) return undefined
    let decoded = range.decoded[at]
    if (decoded === undefined) decoded = range.decoded[at] = decodePostings(range.postings[at]!, this.documents) ?? null
    return decoded ?? undefined
  }

  /**
   * Loaded terms within `max` edits of `word` (insert, delete, substitute,
   * or swap two neighbours), with their distance.
   */
  near(word: string, max: number): Map<string, number> {
    return this.nearPrefixes(word, max, [word.length])[0]!
  }

  /**
   * Loaded terms within `max` edits of each of several prefixes of `word`
   * (given by length), in one walk: the table of `word` holds the distances
   * to its prefixes in its earlier columns.
   */
  nearPrefixes(word: string, max: number, lengths: readonly number[]): Map<string, number>[] {
    const found = lengths.map(() => new Map<string, number>())
    for (const range of this.ranges) if (range) nearIn(range.terms, word, max, lengths, found)
    return found
  }
}

/** The terms of sorted `terms` within `max` edits of `word` (as {@link TermRanges.near}), with their distance. */
export function termsNear(terms: readonly string[], word: string, max: number): Map<string, number> {
  const found = [new Map<string, number>()]
  nearIn(terms, word, max, [word.length], found)
  return found[0]!
}

/** Index of `term` in sorted `terms`, or -1. */
export function find(terms: readonly string[], term: string): number {
  const at = lowerBound(terms, term)
  return at < terms.length && terms[at] === term ? at : -1
}

/** First index whose term is >= `term`. */
export function lowerBound(terms: readonly string[], term: string): number {
  let low = 0
  let high = terms.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (terms[mid]! < term) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * The edit-distance walk: one row of the (restricted Damerau–Levenshtein)
 * table per character of the term, rows kept while the next term shares
 * that prefix. Only the band of cells within `max` of the diagonal is
 * computed (the others are over `max` anyway), no row deeper than the word
 * is long plus `max`, and when a row's smallest value is over `max`, no term
 * with that prefix can be near: the walk jumps past all of them.
 */
function nearIn(
  terms: readonly string[],
  word: string,
  max: number,
  lengths: readonly number[],
  found: Map<string, number>[]
): void {
  const width = word.length + 1
  const over = max + 1
  const deepest = word.length + max
  const rows: Int32Array[] = [Int32Array.from({length: width + 1}, (_, j) => (j <= max ? j : over))]
  let previous = ''
  /** How many rows (after the first) hold the prefixes of `previous`. */
  let valid = 0
  let at = 0
  while (at < terms.length) {
    const term = terms[at]!
    let shared = 0
    const limit = Math.min(valid, term.length)
    while (shared < limit && previous.charCodeAt(shared) === term.charCodeAt(shared)) shared++
    previous = term
    const depthLimit = Math.min(term.length, deepest)
    let depth = shared
    let dead = false
    for (; depth < depthLimit; depth++) {
      const i = depth + 1
      const row = (rows[i] ??= new Int32Array(width + 1))
      const above = rows[i - 1]!
      const before = i > 1 ? rows[i - 2]! : undefined
      const c = term.charCodeAt(depth)
      const from = Math.max(1, i - max)
      const to = Math.min(width - 1, i + max)
      row[0] = i <= max ? i : over
      if (from > 1) row[from - 1] = over
      let low = from === 1 ? row[0]! : over
      for (let j = from; j <= to; j++) {
        const cost = word.charCodeAt(j - 1) === c ? 0 : 1
        let value = above[j]! + 1
        const left = row[j - 1]! + 1
        if (left < value) value = left
        const diagonal = above[j - 1]! + cost
        if (diagonal < value) value = diagonal
        if (before && j > 1 && word.charCodeAt(j - 1) === term.charCodeAt(depth - 1) && word.charCodeAt(j - 2) === c) {
          const swap = before[j - 2]! + 1
          if (swap < value) value = swap
        }
        row[j] = value
        if (value < low) low = value
      }
      row[to + 1] = over
      if (low > max) {
        dead = true
        break
      }
    }
    if (dead) {
      // Every term starting with term[0..depth] is too far: skip them all (sorted, they follow it).
      const length = depth + 1
      valid = length
      let next = at + 1
      for (; next < terms.length; next++) {
        const other = terms[next]!
        if (other.length < length) break
        let k = length - 1
        while (k >= 0 && other.charCodeAt(k) === term.charCodeAt(k)) k--
        if (k >= 0) break
      }
      at = next
      continue
    }
    valid = depthLimit
    for (let k = 0; k < lengths.length; k++) {
      const length = lengths[k]!
      if (term.length > deepest || Math.abs(term.length - length) > max) continue
      const distance = rows[term.length]![length]!
      if (distance <= max) {
        const map = found[k]!
        const known = map.get(term)
        if (known === undefined || distance < known) map.set(term, distance)
      }
    }
    at++
  }
}
