/**
 * @runbook-kit/core: Markdown runbooks as executable step graphs.
 *
 * This entry is safe in browsers, workers and Node: no DOM, no Node built-ins.
 * File loading and the CLI are in `@runbook-kit/core/node`.
 *
 * Internals (`reachable`, `destructiveReason`, `hashText`, `indexVersion`)
 * are not exported: a runbook's `hash`, a command's `destructive` flag and
 * the `unreachable-step` diagnostic carry what they compute.
 *
 * @module
 */
export {parseRunbook, buildRunbook, parseDefaults, type ParseOptions} from './parse/index.js'
export {createCollection, type Collection, type CollectionEntry, type CollectionOptions} from './collection.js'
export {remarkRunbook, type RemarkRunbookOptions} from './remark-runbook.js'
export {formatDiagnostic, sortDiagnostics} from './diagnostics.js'
export {findParamTokens, type ParamToken} from './parse/commands/commands.js'
export {toMermaid, type MermaidOptions} from './mermaid.js'
export {formatOutline, type OutlineOptions} from './outline.js'
export {categories} from './types.js'
export * from './search/index.js'
export * from './bundle/index.js'
export * from './session/index.js'
export type * from './types.js'
