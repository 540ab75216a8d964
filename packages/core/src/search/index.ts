/**
 * Search: a lunr index over runbooks and steps.
 *
 * @module
 */
export {buildIndex, loadIndex} from './build.js'
export type {BuildIndexOptions, SearchIndex, SerializedIndex} from './build.js'
export {search} from './search.js'
export type {HighlightRange, SearchOptions, SearchResult, Snippet} from './search.js'
export {tokenize} from './tokenize.js'
export type {SearchToken} from './tokenize.js'
export {bundleFormat, bundleVersion, createBundle, loadBundle, openBundle} from '../bundle.js'
export type {BundledRunbook, CreateBundleOptions, LoadedBundle, OpenedBundle, RunbookBundle, RunbookSummary} from '../bundle.js'
