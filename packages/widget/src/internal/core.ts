/**
 * Everything the widget takes from `@runbook-kit/core`, in one place (the
 * build compiles core's source into the widget; unused parts such as the
 * parser are left out).
 */
export type {Runbook, Step, Category, EscalationTarget} from '@runbook-kit/core'
export {
  createSession,
  restoreSession,
  createLocalStorageStore,
  storageKey,
  renderTimeline,
  findParamRefs,
  fetchBundle,
  type BundleReader,
  type BundleSearchResult,
  search,
  type Session,
  type SessionStore,
  type SavedSession,
  type OpenedBundle,
  type RunbookSummary,
  type SearchResult,
  type SearchOptions,
  type LoadedBundle,
  type HighlightRange
} from '@runbook-kit/core'
