/**
 * Search: an index built with lunr, searched through its compact form.
 *
 * @module
 */
export {buildIndex} from './build.js'
export type {BuildIndexOptions} from './build.js'
export {loadIndex} from './model.js'
export type {SearchIndex, SerializedIndex} from './model.js'
export {search} from './search.js'
export type {HighlightRange, SearchOptions, SearchResult, Snippet} from './search.js'
export {tokenize} from './tokenize.js'
export type {SearchToken} from './tokenize.js'
export {bundleFormat, bundleVersion, createBundle, loadBundle, openBundle} from '../bundle.js'
export type {BundledRunbook, CreateBundleOptions, LoadedBundle, OpenedBundle, RunbookBundle, RunbookSummary} from '../bundle.js'
