/**
 * What the user typed, read as words and the clauses each word makes.
 *
 * The text is split by the same tokenizer as the documents (so `: ~ ^ + -
 * *` are text, and nothing in a query string can throw).
 *
 * @module
 */
import {normalizeTerm, stemOverrides} from './pipeline.js'
import {termsNear} from './terms.js'
import {tokenize} from './tokenize.js'

/** A clause: a term, exact or as a prefix, or to be matched with typos. */
export interface ClauseSpec {
  term: string
  boost: number
  wildcard?: boolean | undefined
  editDistance?: number | undefined
}

/** A word of the query. */
export interface QueryWord {
  /** As typed, lower case. */
  raw: string
  /** The index terms that match it exactly (its stem, its parts' stems). */
  terms: Set<string>
  /** The prefix it completes, while typed or when it is a compound (`192.168`). */
  prefix?: string | undefined
  /** Its typo-tolerant clauses (empty: a word too short, or not letters only). */
  fuzzy: ClauseSpec[]
  /** The index terms found for it with a typo, by edit distance (set when typos were looked for). */
  near?: Map<string, number> | undefined
}

/** A query, planned. */
export interface QueryPlan {
  exact: ClauseSpec[]
  /** The words of the query, each with the index terms that count as matching it. */
  words: QueryWord[]
}

/** Words shorter than this get no typo tolerance. */
export const fuzzyMinLength = 4
/** Words this long may have two typos. */
const fuzzyLongLength = 8
/** Boost of a term found with a typo, by edit distance (exact terms have 1). */
export const fuzzyBoosts = [1, 0.3, 0.1]
/** Characters of a query that are read; the rest is ignored. */
export const maxQueryLength = 512

/**
 * Turn what the user typed into clauses: each token's stemmed term (parts
 * at boost 0.7), a prefix clause for compound tokens and for the last word
 * while it is typed, and the typo clauses of each word (used only when
 * typos are looked for).
 */
export function planQuery(query: unknown, prefix: boolean): QueryPlan {
  const text = typeof query === 'string' ? query.slice(0, maxQueryLength) : ''
  const tokens = tokenize(text)
  const exact = new Map<string, ClauseSpec>()
  const words: QueryWord[] = []
  const add = (spec: ClauseSpec) => {
    const key = `${spec.wildcard ? '*' : '='}${spec.term}`
    const existing = exact.get(key)
    if (!existing || existing.boost < spec.boost) exact.set(key, spec)
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
      add({term, boost: token.part ? 0.7 : 1})
      word?.terms.add(term)
    }
    const compound = !token.part && /[^\p{L}\p{N}]/u.test(token.term)
    const last = typing && token.end === end && token.term.length >= 2
    // `192.168` finds `192.168.1.1`; the word being typed finds its completions.
    if ((compound || last) && token.term.length >= 2) {
      add({term: token.term, boost: 0.5, wildcard: true})
      if (word && !token.part) word.prefix = token.term
    }
    if (word && !token.part && term !== undefined && /^\p{L}+$/u.test(token.term) && token.term.length >= fuzzyMinLength) {
      // One typo; two in long words, whose stems can differ from the typed word at the end too.
      const editDistance = token.term.length >= fuzzyLongLength ? 2 : 1
      word.fuzzy.push({term: token.term, boost: fuzzyBoosts[1]!, editDistance})
      if (term !== token.term) word.fuzzy.push({term, boost: fuzzyBoosts[1]!, editDistance})
    }
  }
  return {
    exact: [...exact.values()],
    words: words.filter((w) => w.terms.size > 0 || w.prefix !== undefined)
  }
}

/** The words of `stemOverrides`, sorted. */
const overridden = Object.keys(stemOverrides).sort()

/**
 * The stems of `stemOverrides` whose word is within `max` edits of `term`
 * (`print` for `pinter`, a typo of `printer`), with that distance: a typo
 * of such a word is not near its stem.
 */
export function overriddenStemsNear(term: string, max: number): Array<[stem: string, distance: number]> {
  return [...termsNear(overridden, term, max)].map(([word, distance]) => [stemOverrides[word]!, distance])
}
