/**
 * Search an index the way people type during an incident: {@link rank},
 * then {@link toResults}.
 *
 * @module
 */
import {type SearchIndex, indexInternals} from './model.js'
import type {SearchOptions} from './options.js'
import {rank} from './rank.js'
import {type SearchResult, toResults} from './results.js'

export type {SearchOptions} from './options.js'
export type {HighlightRange, SearchResult, Snippet} from './results.js'
export {snippet} from './results.js'
export {planQuery} from './query.js'

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
export function search(index: SearchIndex, query: string, options?: SearchOptions | null | undefined): SearchResult[] {
  const {runbooks} = indexInternals(index)
  return toResults(rank(index, query, options), (n) => runbooks[n]!, options)
}
