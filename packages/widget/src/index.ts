/**
 * @runbook-kit/widget: Lit web components that put searchable, guided
 * runbooks into any page. Importing this module registers
 * `<runbook-kit>`, `<runbook-search>` and `<runbook-walkthrough>`.
 *
 * @module
 */
export {RunbookKit} from './components/runbook-kit/runbook-kit.js'
export {RunbookSearch} from './components/search/search.js'
export {RunbookWalkthrough} from './components/walkthrough/walkthrough.js'
export {defaultStrings} from './internal/default-strings.js'
export type {Strings} from './internal/strings.js'
export type {
  RunbookCompleteDetail,
  RunbookEscalateDetail,
  RunbookEventMap,
  RunbookSelectDetail,
  RunbookStepChangeDetail
} from './internal/events.js'
