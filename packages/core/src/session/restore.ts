/**
 * Restoring a saved session onto a runbook, which may have changed since.
 *
 * Progress of steps that still exist (by id) is kept; progress of steps that
 * are gone is kept too, in the saved state's `orphaned` section, and listed
 * in the report. Restoring never throws: unreadable input gives a fresh
 * session whose report says why and holds the input.
 *
 * @module
 */
import {isObject} from '../is-object.js'
import type {Runbook} from '../types.js'
import {initialState, sessionFromState, type Session, type SessionState} from './session.js'
import type {RestoreReport, SessionEvent, SessionInfo, SessionStatus, StepProgress} from './types.js'

/** Options of `restoreSession`. Every field is optional. */
export interface RestoreOptions {
  /** The clock, in milliseconds (default: `Date.now`). */
  now?: (() => number) | null | undefined
  /** The id source, used only when the saved state is unreadable and a new session starts (default: as `createSession`). */
  id?: (() => string) | null | undefined
  /** Values for secret parameters, which saved states never hold (kept in memory, not logged). */
  secrets?: Readonly<Record<string, string | null | undefined>> | null | undefined
}

const statuses: readonly SessionStatus[] = ['active', 'paused', 'finished', 'abandoned']

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
/** A time a `Date` can hold (±8.64e15 ms). */
const isTime = (value: unknown): value is number => isFiniteNumber(value) && Math.abs(value) <= 8.64e15
/** `value` if it is a time (as `isTime`), written as JSON would write it (`-0` is `0`); else undefined. */
const timeOf = (value: unknown): number | undefined => (isTime(value) ? value + 0 : undefined)
/** `value` if it is a string, else undefined. */
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])
/** The fields of `source` whose values are strings: those named in `keys`, or every one without `keys`. */
function stringFields(source: unknown): Record<string, string>
function stringFields<Key extends string>(source: unknown, keys: readonly Key[]): Partial<Record<Key, string>>
function stringFields(source: unknown, keys?: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {}
  if (isObject(source)) for (const key of keys ?? Object.keys(source)) if (typeof source[key] === 'string') fields[key] = source[key]
  return fields
}

/**
 * Restore `saved` (what `session.toJSON()` returned, possibly read back from
 * storage) onto `runbook`. Never throws; `session.report` tells what was
 * kept and what was not.
 */
export function restoreSession(runbook: Runbook, saved: unknown, options?: RestoreOptions | null): Session {
  const now = options?.now ?? Date.now
  const problems: string[] = []
  const fresh = (reason: string): Session => {
    const report: RestoreReport = {
      restored: false,
      changed: false,
      currentHash: runbook.hash,
      kept: [],
      orphaned: [],
      droppedItems: [],
      pathRemoved: [],
      problems: [reason],
      unreadable: saved
    }
    return sessionFromState(runbook, initialState(runbook, {now, id: options?.id}), now, report, options?.secrets)
  }

  if (typeof saved === 'string') {
    try {
      saved = JSON.parse(saved)
    } catch {
      return fresh('The saved state is not valid JSON; a new session was started.')
    }
  }
  if (!isObject(saved) || saved.format !== 'runbook-kit/session') {
    return fresh('The saved state is not a Runbook Kit session; a new session was started.')
  }
  if (saved.version !== 1) {
    return fresh(`The saved state has version ${JSON.stringify(saved.version)}; this version of Runbook Kit reads version 1. A new session was started.`)
  }
  const savedRunbook = isObject(saved.runbook) ? saved.runbook : {}
  if (typeof savedRunbook.id === 'string' && savedRunbook.id !== runbook.id) {
    problems.push(`The state was saved for runbook "${savedRunbook.id}", not "${runbook.id}".`)
  }
  const savedHash = stringOf(savedRunbook.hash)
  const changed = savedHash !== runbook.hash
  const ids = new Set(runbook.steps.map((step) => step.id))
  const startedAt = timeOf(saved.startedAt) ?? now()

  // Events: keep every readable one, in order; stamp an out-of-order one no
  // earlier than the one before it.
  const events: SessionEvent[] = []
  let unreadableEvents = 0
  let last = startedAt
  for (const raw of Array.isArray(saved.events) ? saved.events : []) {
    if (!isReadableEvent(raw)) {
      unreadableEvents++
      continue
    }
    // `+ 0` turns -0 into 0, as JSON would.
    const event = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === 'number' ? value + 0 : value])) as SessionEvent
    if (event.at < last) {
      problems.push(`An event (${event.type}) was earlier than the one before it; its time was moved forward.`)
      event.at = last
    }
    last = event.at
    events.push(event)
  }
  if (unreadableEvents > 0) problems.push(`${unreadableEvents} unreadable event(s) in the saved log were skipped.`)
  if (events.length === 0) events.push({type: 'start', at: startedAt, step: runbook.start})

  // Step progress: kept by id; the rest is orphaned, never dropped.
  const steps: Record<string, StepProgress> = {}
  const orphaned: Record<string, StepProgress> = {}
  const report: RestoreReport = {
    restored: true,
    changed,
    savedHash,
    currentHash: runbook.hash,
    kept: [],
    orphaned: [],
    droppedItems: [],
    pathRemoved: [],
    problems
  }
  const savedSteps = isObject(saved.steps) ? saved.steps : {}
  const previousOrphans = isObject(saved.orphaned) ? saved.orphaned : {}
  const newIds = runbook.steps.filter((step) => !(step.id in savedSteps) && !(step.id in previousOrphans))
  // The saved steps, then the orphans of an earlier restore (`earlier`): back in place if their step is back, else still orphaned.
  const entries = [...Object.entries(savedSteps), ...Object.entries(previousOrphans).map(([id, raw]) => [id, raw, true] as const)]
  for (const [id, raw, earlier] of entries) {
    const progress = readProgress(raw, id)
    const step = runbook.steps.find((s) => s.id === id)
    if (!step) {
      orphaned[id] = progress
      const entry: RestoreReport['orphaned'][number] = {step: id, progress}
      const title = progress.title.trim().toLowerCase()
      const candidate = earlier ? undefined : newIds.find((s) => s.title.trim().toLowerCase() === title)
      if (candidate) entry.candidate = candidate.id
      report.orphaned.push(entry)
      continue
    }
    const items = new Set(step.checklist.map((item) => item.id))
    const gone = progress.checked.filter((item) => !items.has(item))
    const kept = earlier && steps[id]
    if (kept) {
      for (const item of progress.checked) if (items.has(item) && !kept.checked.includes(item)) kept.checked.push(item)
      const previous = orphaned[id]?.checked ?? []
      const all = [...previous, ...gone.filter((item) => !previous.includes(item))]
      if (all.length > 0) orphaned[id] = {...progress, checked: all}
      continue
    }
    if (!earlier) for (const item of gone) report.droppedItems.push({step: id, item})
    // Ticks of items the step no longer has stay in the orphaned section under the step's id.
    if (gone.length > 0) orphaned[id] = {...progress, checked: gone}
    steps[id] = {...progress, checked: progress.checked.filter((item) => items.has(item))}
    report.kept.push(id)
  }

  // The path: steps that still exist; the current step: the saved one, else
  // the last step of the path that still exists, else the start.
  const savedPath = strings(saved.path)
  const path: string[] = []
  for (const id of savedPath) {
    if (ids.has(id)) path.push(id)
    else if (!report.pathRemoved.includes(id)) report.pathRemoved.push(id)
  }
  const savedCurrent = stringOf(saved.current)
  let current = savedCurrent !== undefined && ids.has(savedCurrent) ? savedCurrent : (path[path.length - 1] ?? runbook.start)
  if (!ids.has(current)) current = runbook.steps[0]!.id
  if (savedCurrent !== current) report.currentMoved = {from: savedCurrent ?? '', to: current}
  if (path[path.length - 1] !== current) path.push(current)
  if (!steps[current]) {
    const title = runbook.steps.find((s) => s.id === current)!.title
    steps[current] = {title, visits: 1, elapsedMs: 0, checked: []}
  }

  const status: SessionStatus = statuses.includes(saved.status as SessionStatus) ? (saved.status as SessionStatus) : 'active'
  const info: SessionInfo = stringFields(saved.info, ['who', 'severity', 'incident'])
  const params = stringFields(saved.params)

  const state: SessionState = {
    id: stringOf(saved.id) ?? (options?.id ?? (() => 'restored'))(),
    status,
    info,
    startedAt,
    current,
    path,
    steps,
    params,
    secretParams: strings(saved.secretParams),
    events
  }
  const endedAt = timeOf(saved.endedAt)
  if (endedAt !== undefined && (status === 'finished' || status === 'abandoned')) state.endedAt = endedAt
  if (status === 'active') state.currentSince = report.currentMoved ? Math.max(now(), last) : (timeOf(saved.currentSince) ?? last)
  if (isObject(saved.handover)) state.handover = stringFields(saved.handover, ['runbook', 'step', 'label'])
  if (Object.keys(orphaned).length > 0) state.orphaned = orphaned
  if (report.orphaned.length > 0) {
    problems.push(
      `${report.orphaned.length} step(s) with progress are no longer in the runbook: ${report.orphaned.map((o) => `"${o.step}"`).join(', ')}; their progress is kept in the saved state's "orphaned" section.`
    )
  }
  if (report.currentMoved) {
    problems.push(
      savedCurrent === undefined
        ? `The saved state names no current step; the session continues at "${current}".`
        : `The current step "${savedCurrent}" is no longer in the runbook; the session continues at "${current}".`
    )
  }
  return sessionFromState(runbook, state, now, report, options?.secrets)
}

/** Whether `raw` is an event of a known type with the fields its type needs (the timeline and `back` rely on them). */
function isReadableEvent(raw: unknown): raw is SessionEvent {
  if (!isObject(raw) || !isTime(raw.at) || typeof raw.step !== 'string') return false
  const str = (key: string) => typeof raw[key] === 'string'
  const optionalStr = (key: string) => raw[key] === undefined || typeof raw[key] === 'string'
  switch (raw.type as SessionEvent['type']) {
    case 'complete':
      return optionalStr('choice') && optionalStr('to') && (raw.handover === undefined || isObject(raw.handover))
    case 'check':
    case 'uncheck':
      return str('item')
    case 'back':
    case 'goto':
      return str('to')
    case 'param':
      return str('name') && typeof raw.secret === 'boolean' && optionalStr('value')
    case 'note':
      return str('text')
    case 'escalate':
      return str('reason') && isObject(raw.target) && typeof raw.target.name === 'string' && ['person', 'team', 'runbook'].includes(raw.target.type as string)
    case 'command':
      return str('command') && (raw.exitCode === null || isFiniteNumber(raw.exitCode))
    case 'abandon':
      return optionalStr('reason')
    case 'start':
    case 'pause':
    case 'resume':
    case 'finish':
      return true
    default:
      // A type this version does not know.
      return false
  }
}

function readProgress(raw: unknown, id: string): StepProgress {
  const value = isObject(raw) ? raw : {}
  const progress: StepProgress = {
    title: stringOf(value.title) ?? id,
    visits: isFiniteNumber(value.visits) ? value.visits + 0 : 0,
    elapsedMs: isFiniteNumber(value.elapsedMs) ? value.elapsedMs + 0 : 0,
    checked: strings(value.checked)
  }
  if (isTime(value.completedAt)) progress.completedAt = value.completedAt + 0
  if (typeof value.choice === 'string') progress.choice = value.choice
  return progress
}
