/**
 * The parser: Markdown in, a step graph and its diagnostics out.
 *
 * One folder per area, one file per rule: `structure/` (where the steps
 * are), `branches/` (decisions and jumps read from prose), `commands/`,
 * `params/`, `callouts/`, `titles/`, `links/`, `metadata/`, `lint/` (the
 * diagnostics that are rules of their own) and `guards/` (the limits that
 * keep the Markdown parser linear). `parse-runbook.ts` is the pipeline.
 *
 * @module
 */
export {parseRunbook, buildRunbook, parseDefaults, reachable, type ParseOptions} from './parse-runbook.js'
