/**
 * @runbook-kit/core: Markdown runbooks as executable step graphs.
 *
 * This entry is safe in browsers, workers and Node: no DOM, no Node built-ins.
 * File loading and the CLI are in `@runbook-kit/core/node`.
 *
 * @module
 */
export {parseRunbook, buildRunbook, parseDefaults, reachable, type ParseOptions} from './parse.js'
export {createCollection, type Collection, type CollectionEntry, type CollectionOptions} from './collection.js'
export {remarkRunbook, type RemarkRunbookOptions} from './remark-runbook.js'
export {formatDiagnostic, sortDiagnostics} from './diagnostics.js'
export {findParamTokens, destructiveReason, type ParamToken} from './commands.js'
export {toMermaid, type MermaidOptions} from './mermaid.js'
export {formatOutline, type OutlineOptions} from './outline.js'
export {hashText} from './hash.js'
export {categories} from './types.js'
export * from './search/index.js'
export * from './session/index.js'
export type * from './types.js'
