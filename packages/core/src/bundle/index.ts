/**
 * Bundles read through the network: one-file or split.
 *
 * @module
 */
export {fetchBundle} from './reader.js'
export type {BundleFetch, BundleReader, BundleSearchResult, FetchBundleOptions, ReadOptions} from './reader.js'
