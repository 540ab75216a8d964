/**
 * The entry of the one-script build (`dist/runbook-kit.js`): registers
 * `<runbook-kit>` and `<runbook-search>`, and loads `<runbook-walkthrough>`
 * (with the session engine, the timeline export and the Markdown renderer)
 * from a chunk beside the script when a runbook is opened or a
 * `<runbook-walkthrough>` appears in the document.
 *
 * @module
 */
import {autoloadWalkthrough} from './autoloader.js'

export {RunbookKit} from './components/runbook-kit/runbook-kit.js'
export {RunbookSearch} from './components/search/search.js'
export {loadWalkthrough} from './internal/load-walkthrough.js'
export type {Strings} from './internal/strings.js'
export type {
  RunbookCompleteDetail,
  RunbookEscalateDetail,
  RunbookEventMap,
  RunbookSelectDetail,
  RunbookStepChangeDetail
} from './internal/events.js'

autoloadWalkthrough()
