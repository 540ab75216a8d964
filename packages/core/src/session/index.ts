/**
 * Sessions: follow a runbook step by step, save and resume, and write the
 * incident timeline. Browser-safe (no DOM, no Node built-ins).
 *
 * @module
 */
export {createSession, type SessionOptions, type ResolvedCommand, type SessionListener} from './session.js'
export type {Session} from './session.js'
export {restoreSession, type RestoreOptions} from './restore.js'
export {substituteParams, isSecretParam, type SubstituteOptions, type Substitution} from './params.js'
export {findParamRefs, type ParamRef} from './param-refs.js'
export {
  createMemoryStore,
  createLocalStorageStore,
  storageKey,
  storageKeyVersion,
  type SessionStore,
  type StorageLike,
  type StoreOptions,
  type LocalStorageStoreOptions
} from './storage.js'
export {
  renderTimeline,
  timelineToJSON,
  formatDuration,
  type Timeline,
  type TimelineStep,
  type TimelineEntry,
  type TimelineVia,
  type TimelineOptions
} from './timeline.js'
export type {
  Choice,
  CommandRun,
  Escalation,
  EscalationTarget,
  Progress,
  RestoreReport,
  SavedSession,
  SessionEvent,
  SessionEventType,
  SessionInfo,
  SessionStatus,
  StepProgress
} from './types.js'
