/**
 * The incident timeline: what a session did and when, as Markdown to paste
 * into an incident ticket or a postmortem, or as JSON for tools.
 *
 * The timeline is built from the event log alone, so it is deterministic
 * for a given session (times come from the session's clock, in ISO 8601
 * UTC). An unfinished session's timeline runs to its last event. Secret
 * values are never in it: the log never held them.
 *
 * @module
 */
import {misuse} from '../misuse.js'
import type {Session} from './session.js'
import type {EscalationTarget, SessionEvent, SessionStatus} from './types.js'

/** How a step was reached. */
export type TimelineVia = 'start' | 'next' | 'choice' | 'goto' | 'back'

/** Something that happened during a step's visit. */
export type TimelineEntry =
  | {type: 'check' | 'uncheck'; at: string; item: string; text: string}
  | {type: 'note'; at: string; text: string}
  | {type: 'command'; at: string; command: string; exitCode: number | null; signal?: string | undefined; durationMs?: number | undefined}
  | {type: 'escalate'; at: string; reason: string; target: EscalationTarget}
  | {type: 'param'; at: string; name: string; value?: string | undefined; secret: boolean}
  | {type: 'pause' | 'resume'; at: string}

/** One visit of one step, in the order the steps were taken. */
export interface TimelineStep {
  step: string
  title: string
  /** The step's number as written in the runbook, if any. */
  number?: string | undefined
  via: TimelineVia
  /** When the step became current. */
  at: string
  /** When it stopped being current (absent for an open visit). */
  left?: string | undefined
  /** Time on the step during this visit, paused time excluded. */
  durationMs: number
  /** How the visit ended. */
  outcome: 'completed' | 'left' | 'back' | 'open' | 'finished' | 'abandoned'
  /** The choice taken, for a decision. */
  choice?: string | undefined
  /** Checklist items ticked when the visit ended (ids and texts). */
  checked: Array<{item: string; text: string}>
  entries: TimelineEntry[]
}

/** The whole timeline, as `timelineToJSON` returns it. */
export interface Timeline {
  format: 'runbook-kit/timeline'
  version: 1
  runbook: {id: string; title: string; hash: string; file?: string | undefined}
  session: string
  status: SessionStatus
  who?: string | undefined
  severity?: string | undefined
  incident?: string | undefined
  start: string
  /** When the session finished or was abandoned (absent while open). */
  end?: string | undefined
  /** Start to end (or last event), paused time excluded. */
  durationMs: number
  /** Progress in percent. */
  progress: number
  /** Where the session handed over to another runbook. */
  handover?: {runbook?: string | undefined; step?: string | undefined; href?: string | undefined; label?: string | undefined} | undefined
  steps: TimelineStep[]
  escalations: Array<{at: string; step: string; reason: string; target: EscalationTarget}>
}

/** Options of `renderTimeline`. Every field is optional. */
export interface TimelineOptions {
  /** `markdown` (default) or `json` (the `Timeline` as indented JSON text). */
  format?: 'markdown' | 'json' | null | undefined
  /** Level of the top heading (default: `2`, for pasting under a ticket's own title). */
  headingLevel?: number | null | undefined
  /** The top heading's text (default: `Incident timeline: <runbook title>`). */
  title?: string | null | undefined
}

/** ISO 8601 UTC without milliseconds when there are none; a clock outside `Date`'s range gives `invalid time`. */
const iso = (ms: number): string => {
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? 'invalid time' : date.toISOString().replace(/\.000Z$/, 'Z')
}

/** A duration as `1h 2m 3s` (`0s` for nothing; milliseconds only under a second). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s'
  if (ms < 1000) return `${Math.round(ms)}ms`
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return [h ? `${h}h` : '', h || m ? `${m}m` : '', `${s}s`].filter(Boolean).join(' ')
}

/** Refuse what is not a session (from `createSession` or `restoreSession`). */
function checkSession(what: string, session: unknown): void {
  const value = session as Partial<Session> | null
  if (typeof value !== 'object' || value === null || typeof value.runbook !== 'object' || !Array.isArray(value.events) || typeof value.step !== 'function') {
    throw misuse(what, 'a session from createSession or restoreSession', session)
  }
}

/** The timeline of `session` as plain JSON data. */
export function timelineToJSON(session: Session): Timeline {
  checkSession('timelineToJSON', session)
  const runbook = session.runbook
  const events = session.events
  const lastAt = events[events.length - 1]?.at ?? session.startedAt
  const endAt = session.endedAt ?? lastAt
  const itemText = (step: string, item: string) =>
    session.step(step)?.checklist.find((i) => i.id === item)?.text ?? item

  interface Open {
    visit: TimelineStep
    enteredAt: number
    pausedMs: number
    pausedAt?: number | undefined
  }
  const visits: Open[] = []
  const latest = new Map<string, Open>()
  const checkedNow = new Map<string, string[]>()
  let open: Open | undefined

  const enter = (step: string, at: number, via: TimelineVia) => {
    const s = session.step(step)
    const visit: TimelineStep = {step, title: s?.title ?? step, via, at: iso(at), durationMs: 0, outcome: 'open', checked: [], entries: []}
    if (s?.number !== undefined) visit.number = s.number
    open = {visit, enteredAt: at, pausedMs: 0}
    visits.push(open)
    latest.set(step, open)
  }
  /** Time on the open visit until `at` (paused time excluded) and the items ticked then. */
  const settle = (current: Open, at: number) => {
    const {visit} = current
    const paused = current.pausedMs + (current.pausedAt === undefined ? 0 : at - current.pausedAt)
    visit.durationMs = Math.max(0, at - current.enteredAt - paused)
    visit.checked = (checkedNow.get(visit.step) ?? []).map((item) => ({item, text: itemText(visit.step, item)}))
  }
  const close = (at: number, outcome: TimelineStep['outcome']) => {
    if (!open) return
    open.visit.left = iso(at)
    open.visit.outcome = outcome
    settle(open, at)
    open = undefined
  }
  const visitOf = (step: string) => (open?.visit.step === step ? open : (latest.get(step) ?? open))
  const escalations: Timeline['escalations'] = []
  // Paused time of the whole session.
  let paused = 0
  let pausedAt: number | undefined

  events.forEach((event: SessionEvent) => {
    const at = iso(event.at)
    const add = (entry: TimelineEntry) => visitOf(event.step)?.visit.entries.push(entry)
    switch (event.type) {
      case 'start':
        if (!open) enter(event.step, event.at, 'start')
        break
      case 'complete': {
        const leaves = event.to !== undefined
        const visit = visitOf(event.step)
        if (visit && event.choice !== undefined) visit.visit.choice = event.choice
        if (leaves) {
          close(event.at, 'completed')
          enter(event.to!, event.at, event.choice === undefined ? 'next' : 'choice')
        } else if (open) {
          open.visit.outcome = 'completed'
        }
        break
      }
      case 'back':
      case 'goto':
        close(event.at, event.type === 'back' ? 'back' : 'left')
        enter(event.to, event.at, event.type)
        break
      case 'check':
      case 'uncheck': {
        const list = checkedNow.get(event.step) ?? []
        checkedNow.set(event.step, event.type === 'check' ? [...list, event.item] : list.filter((i) => i !== event.item))
        add({type: event.type, at, item: event.item, text: itemText(event.step, event.item)})
        break
      }
      case 'note':
        add({type: 'note', at, text: event.text})
        break
      case 'command': {
        const entry: TimelineEntry = {type: 'command', at, command: event.command, exitCode: event.exitCode}
        if (event.signal !== undefined) entry.signal = event.signal
        if (event.durationMs !== undefined) entry.durationMs = event.durationMs
        add(entry)
        break
      }
      case 'escalate':
        add({type: 'escalate', at, reason: event.reason, target: {...event.target}})
        escalations.push({at, step: event.step, reason: event.reason, target: {...event.target}})
        break
      case 'param': {
        const entry: TimelineEntry = {type: 'param', at, name: event.name, secret: event.secret}
        if (!event.secret && event.value !== undefined) entry.value = event.value
        add(entry)
        break
      }
      case 'pause':
        pausedAt ??= event.at
        if (open && open.pausedAt === undefined) open.pausedAt = event.at
        open?.visit.entries.push({type: 'pause', at})
        break
      case 'resume':
        if (pausedAt !== undefined) {
          paused += event.at - pausedAt
          pausedAt = undefined
        }
        if (open && open.pausedAt !== undefined) {
          open.pausedMs += event.at - open.pausedAt
          open.pausedAt = undefined
        }
        open?.visit.entries.push({type: 'resume', at})
        break
      case 'finish':
        close(event.at, open?.visit.outcome === 'completed' ? 'completed' : 'finished')
        break
      case 'abandon':
        close(event.at, 'abandoned')
        break
    }
  })
  if (open) settle(open, endAt)
  if (pausedAt !== undefined) paused += endAt - pausedAt

  const info = session.info
  const timeline: Timeline = {
    format: 'runbook-kit/timeline',
    version: 1,
    runbook: {id: runbook.id, title: runbook.title, hash: runbook.hash},
    session: session.id,
    status: session.status,
    start: iso(session.startedAt),
    durationMs: Math.max(0, endAt - session.startedAt - paused),
    progress: session.progress().percent,
    steps: visits.map((v) => v.visit),
    escalations
  }
  if (runbook.file !== undefined) timeline.runbook.file = runbook.file
  if (info.who) timeline.who = info.who
  if (info.severity) timeline.severity = info.severity
  if (info.incident) timeline.incident = info.incident
  if (session.endedAt !== undefined) timeline.end = iso(session.endedAt)
  if (session.handover) timeline.handover = session.handover
  return timeline
}

/** Escape text for Markdown prose (it may come from a person typing a note). */
function text(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ')
    .trim()
}

/** Inline code that survives backticks in the code. */
function code(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${value}${pad}${fence}`
}

const clock = (isoTime: string) => isoTime.slice(11)

function exit(entry: Extract<TimelineEntry, {type: 'command'}>): string {
  const how = entry.exitCode === null ? `killed${entry.signal ? ` by ${entry.signal}` : ''}` : `exit ${entry.exitCode}`
  return entry.durationMs === undefined ? how : `${how}, ${formatDuration(entry.durationMs)}`
}

function entryLine(entry: TimelineEntry): string[] {
  const at = clock(entry.at)
  switch (entry.type) {
    case 'check':
    case 'uncheck':
      return [`${at} ${entry.type}ed: ${text(entry.text)}`]
    case 'note':
      return [`${at} note: ${text(entry.text)}`]
    case 'escalate':
      return [`${at} escalated to ${entry.target.type} ${text(entry.target.name)}: ${text(entry.reason)}`]
    case 'param':
      return [`${at} set ${code(entry.name)}${entry.secret ? ' (secret)' : entry.value === undefined ? ' (unset)' : ` = ${code(entry.value)}`}`]
    case 'pause':
    case 'resume':
      return [`${at} ${entry.type}d`]
    case 'command': {
      if (!entry.command.includes('\n')) return [`${at} ran ${code(entry.command)}: ${exit(entry)}`]
      const fence = '`'.repeat(Math.max(3, ...[...entry.command.matchAll(/`+/g)].map((m) => m[0].length + 1)))
      return [`${at} ran (${exit(entry)}):`, '', `  ${fence}sh`, ...entry.command.split('\n').map((line) => `  ${line}`), `  ${fence}`]
    }
  }
}

/**
 * The timeline of `session` as Markdown (default) or, with
 * `{format: 'json'}`, as indented JSON text.
 */
export function renderTimeline(session: Session, options?: TimelineOptions | null): string {
  checkSession('renderTimeline', session)
  const timeline = timelineToJSON(session)
  if (options?.format === 'json') return JSON.stringify(timeline, null, 2) + '\n'
  const level = Math.min(5, Math.max(1, Math.floor(options?.headingLevel ?? 2)))
  const h = (n: number) => '#'.repeat(level + n)
  const lines: string[] = [`${h(0)} ${text(options?.title ?? `Incident timeline: ${timeline.runbook.title}`)}`, '']
  const rows: Array<[string, string]> = [['Runbook', `${text(timeline.runbook.title)} (${code(timeline.runbook.id)})`]]
  if (timeline.severity) rows.push(['Severity', text(timeline.severity)])
  if (timeline.who) rows.push(['Who', text(timeline.who)])
  if (timeline.incident) rows.push(['Incident', text(timeline.incident)])
  rows.push(['Start', timeline.start])
  rows.push(['End', timeline.end ?? `(${timeline.status})`])
  rows.push(['Duration', formatDuration(timeline.durationMs)])
  const status = `${timeline.status}, ${timeline.progress}%`
  rows.push(['Status', timeline.handover ? `${status}, handed over to ${text(timeline.handover.runbook ?? timeline.handover.href ?? timeline.handover.step ?? '?')}` : status])
  lines.push('| | |', '| --- | --- |', ...rows.map(([key, value]) => `| ${key} | ${value} |`), '')

  lines.push(`${h(1)} Steps`, '')
  timeline.steps.forEach((step, index) => {
    const number = step.number === undefined ? '' : `Step ${step.number}: `
    const parts = [`${index + 1}. ${clock(step.at)} **${number}${text(step.title)}** (${formatDuration(step.durationMs)})`]
    if (step.via === 'back') parts.push('came back')
    else if (step.via === 'goto') parts.push('jumped here')
    if (step.choice !== undefined) parts.push(`chose: ${text(step.choice)}`)
    if (step.outcome === 'abandoned') parts.push('abandoned here')
    else if (step.outcome === 'open') parts.push('in progress')
    lines.push(parts.join(', '))
    for (const entry of step.entries) {
      const [first, ...rest] = entryLine(entry)
      lines.push(`   - ${first}`, ...rest.map((line) => (line === '' ? '' : `   ${line}`)))
    }
    const ticked = step.checked.filter((c) => !step.entries.some((e) => e.type === 'check' && e.item === c.item))
    if (ticked.length > 0) lines.push(`   - checked earlier: ${ticked.map((c) => text(c.text)).join('; ')}`)
  })
  if (timeline.steps.length === 0) lines.push('No steps taken.')
  lines.push('')

  if (timeline.escalations.length > 0) {
    lines.push(`${h(1)} Escalations`, '')
    for (const e of timeline.escalations) {
      lines.push(`- ${e.at} to ${e.target.type} ${text(e.target.name)} from ${code(e.step)}: ${text(e.reason)}`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
