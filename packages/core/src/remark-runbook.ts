/**
 * `remarkRunbook`: the step graph inside any unified pipeline.
 */
import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import {buildRunbook} from './parse/index.js'
import type {Runbook} from './types.js'

/** Options of `remarkRunbook`. */
export interface RemarkRunbookOptions {
  /** Keep source positions in step content (default: `false`). */
  positions?: boolean | null | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** The step graph `remarkRunbook` built from the file. */
    runbook: Runbook
  }
}

/**
 * A remark plugin that builds the runbook graph of each file and puts it on
 * `file.data.runbook`; diagnostics become vfile messages (with `ruleId` and
 * `source: 'runbook-kit'`). Use it after `remark-parse`, `remark-gfm` and
 * `remark-frontmatter` (YAML).
 */
export const remarkRunbook: Plugin<[(RemarkRunbookOptions | null | undefined)?], Root> = function (options) {
  const positions = options?.positions ?? false
  return function (tree, file) {
    const {runbook, diagnostics} = buildRunbook(tree, String(file.value ?? ''), {file: file.path, positions})
    file.data.runbook = runbook
    for (const diagnostic of diagnostics) {
      const message = file.message(diagnostic.message, {
        place: {line: diagnostic.line, column: diagnostic.column},
        ruleId: diagnostic.ruleId,
        source: diagnostic.source
      })
      message.fatal = diagnostic.severity === 'error' ? true : diagnostic.severity === 'warning' ? false : undefined
      if (diagnostic.note !== undefined) message.note = diagnostic.note
    }
  }
}
