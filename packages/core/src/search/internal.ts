/**
 * The search parts that bundle code uses and the package's main entry does
 * not export: ranking without text, results from ranked hits, and the index
 * split by term range.
 *
 * @module
 */
export {rank} from './rank.js'
export type {RankOptions, RankedHit} from './rank.js'
export {toResults} from './results.js'
export {addShard, openIndexHead, shardsFor, splitIndex} from './split.js'
export type {IndexHead, IndexShard, PartialIndex, ShardsForOptions, SplitIndexOptions} from './split.js'
export {checkSerializedIndex, indexVersion, loadIndex} from './model.js'
