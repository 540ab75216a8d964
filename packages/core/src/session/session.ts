/**
 * A session: one person's walk through one runbook.
 *
 * The session keeps the current step, the path taken (what `back` walks),
 * progress per step, parameter values and an event log with a timestamp on
 * every event. Time comes from an injected clock; the log never goes back
 * in time even when the clock does (an event is stamped no earlier than the
 * one before it).
 *
 * Misuse (a choice the step does not offer, an unknown step, an operation on
 * a finished session) throws a `TypeError` and leaves the session unchanged.
 *
 * @module
 */
import type {Command, Runbook, Step} from '../types.js'
import {choicesOf, longestRemaining} from './graph.js'
import {findParamRefs} from './param-refs.js'
import {isSecretParam, redactSecrets, substituteTokens} from './params.js'
import type {
  Choice,
  CommandRun,
  Escalation,
  Progress,
  RestoreReport,
  SavedSession,
  SessionEvent,
  SessionInfo,
  SessionStatus,
  StepProgress
} from './types.js'

/** Options of `createSession`. Every field is optional. */
export interface SessionOptions {
  /** The clock, in milliseconds (default: `Date.now`). */
  now?: (() => number) | null | undefined
  /** The id source for the session id (default: a counter plus a random suffix). */
  id?: (() => string) | null | undefined
  /** Initial parameter values (default: none); each is logged as a `param` event, secret values without the value. */
  params?: Readonly<Record<string, string | null | undefined>> | null | undefined
  /** Who runs it, the severity and the incident, for the timeline (default: severity from the runbook). */
  info?: SessionInfo | null | undefined
  /** The step to start at (default: `runbook.start`). */
  start?: string | null | undefined
}

/** A command of a step, ready to show or to run. */
export interface ResolvedCommand {
  /** 0-based position among the step's commands. */
  index: number
  command: Command
  /** The command with values in place; secrets masked unless resolved with `reveal`. */
  text: string
  /** Parameters without a value: shown as `<name>`. A command with any is not ready to run. */
  missing: string[]
  /** Secret parameters the command uses. */
  secrets: string[]
}

/** A listener for `session.subscribe`. */
export type SessionListener = (event: SessionEvent, session: Session) => void

/** The state a session is made of (internal; `toJSON` returns a copy). */
interface State {
  id: string
  status: SessionStatus
  info: SessionInfo
  startedAt: number
  endedAt?: number | undefined
  current: string
  currentSince?: number | undefined
  path: string[]
  steps: Record<string, StepProgress>
  params: Record<string, string>
  secretParams: string[]
  handover?: SavedSession['handover']
  events: SessionEvent[]
  orphaned?: Record<string, StepProgress> | undefined
}

let counter = 0
const defaultId = () => `session-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 10)}`

const misuse = (message: string) => new TypeError(`runbook-kit: ${message}`)

const copyProgress = (p: StepProgress): StepProgress => {
  const copy: StepProgress = {title: p.title, visits: p.visits, elapsedMs: p.elapsedMs, checked: [...p.checked]}
  if (p.completedAt !== undefined) copy.completedAt = p.completedAt
  if (p.choice !== undefined) copy.choice = p.choice
  return copy
}

/** A copy of every step's progress in `steps`. */
const copySteps = (steps: Record<string, StepProgress>): Record<string, StepProgress> =>
  Object.fromEntries(Object.entries(steps).map(([id, p]) => [id, copyProgress(p)]))

/**
 * A walk through a runbook. Create one with `createSession` or
 * `restoreSession`.
 */
export class Session {
  /** The runbook being followed. */
  readonly runbook: Runbook
  /** What `restoreSession` found (absent for a new session). */
  readonly report: RestoreReport | undefined
  readonly #now: () => number
  readonly #state: State
  readonly #byId: Map<string, Step>
  /** Secret values: in memory only, never in the log or the saved state. */
  readonly #secrets = new Map<string, string>()
  readonly #listeners = new Set<SessionListener>()

  /** @internal Use `createSession` or `restoreSession`. */
  constructor(
    runbook: Runbook,
    state: State,
    now: () => number,
    report?: RestoreReport,
    secrets?: Readonly<Record<string, string | null | undefined>> | null
  ) {
    this.runbook = runbook
    this.#state = state
    this.#now = now
    this.report = report
    this.#byId = new Map(runbook.steps.map((step) => [step.id, step]))
    for (const [name, value] of Object.entries(secrets ?? {})) {
      if (typeof value === 'string' && this.isSecret(name)) this.#secrets.set(name, value)
    }
  }

  /** The session id. */
  get id(): string {
    return this.#state.id
  }

  /** `active`, `paused`, `finished` or `abandoned`. */
  get status(): SessionStatus {
    return this.#state.status
  }

  /** Who, severity, incident. */
  get info(): SessionInfo {
    return {...this.#state.info}
  }

  /** The current step. */
  get current(): Step {
    return this.#byId.get(this.#state.current)!
  }

  /** The path taken from the start to the current step (step ids). */
  get path(): readonly string[] {
    return [...this.#state.path]
  }

  /** The event log, oldest first. */
  get events(): readonly SessionEvent[] {
    return this.#state.events.map((event) => copyEvent(event))
  }

  /** When the session started. */
  get startedAt(): number {
    return this.#state.startedAt
  }

  /** When it was finished or abandoned. */
  get endedAt(): number | undefined {
    return this.#state.endedAt
  }

  /** Where a finished session handed over to another runbook, if it did. */
  get handover(): SavedSession['handover'] {
    return this.#state.handover ? {...this.#state.handover} : undefined
  }

  /** Whether `back()` can go anywhere. */
  get canGoBack(): boolean {
    return this.#state.path.length > 1 && this.#isOpen()
  }

  /** The step with `id`, if the runbook has it. */
  step(id: string): Step | undefined {
    return this.#byId.get(id)
  }

  /** The choices at the current step (one per edge; empty at an end). */
  choices(): Choice[] {
    return choicesOf(this.runbook, this.current)
  }

  /** Progress along the path taken: see `Progress`. */
  progress(): Progress {
    const done = this.#state.path.length - 1
    if (this.#state.status === 'finished') return {done: done + 1, remaining: 0, percent: 100}
    const remaining = longestRemaining(this.runbook, this.#state.current)
    const percent = Math.min(99, Math.floor((done * 100) / (done + remaining)))
    return {done, remaining, percent}
  }

  /** What the session knows about a step (a copy), or undefined if it was never visited. */
  stepProgress(id: string): StepProgress | undefined {
    const progress = this.#state.steps[id]
    return progress ? copyProgress(progress) : undefined
  }

  /** Whether checklist item `item` of `step` (default: the current step) is ticked. */
  isChecked(item: string, step?: string | null): boolean {
    return this.#state.steps[step ?? this.#state.current]?.checked.includes(item) ?? false
  }

  /**
   * Milliseconds spent: on `step` while it was current, or, without a step,
   * in the whole session (start to end or now, minus paused time).
   */
  elapsed(step?: string | null): number {
    const state = this.#state
    const running = state.currentSince === undefined ? 0 : Math.max(0, this.#peek() - state.currentSince)
    if (step !== undefined && step !== null) {
      const base = state.steps[step]?.elapsedMs ?? 0
      return base + (step === state.current ? running : 0)
    }
    const end = state.endedAt ?? this.#peek()
    let paused = 0
    let pausedAt: number | undefined
    for (const event of state.events) {
      if (event.type === 'pause') pausedAt = event.at
      else if (event.type === 'resume' && pausedAt !== undefined) {
        paused += event.at - pausedAt
        pausedAt = undefined
      }
    }
    if (pausedAt !== undefined) paused += end - pausedAt
    return Math.max(0, end - state.startedAt - paused)
  }

  /** Parameter values: non-secret ones as set; secret ones masked as `<name:secret>`. */
  params(): Record<string, string> {
    const result: Record<string, string> = {...this.#state.params}
    for (const name of this.#secrets.keys()) result[name] = `<${name}:secret>`
    return result
  }

  /** Whether `name` is a secret parameter (declared `secret`, or named like a password or token). */
  isSecret(name: string): boolean {
    return isSecretParam(name, this.runbook.params)
  }

  /**
   * The commands of `step` (default: the current step) with parameters in
   * place. Secret values are masked unless `reveal` is true: reveal only to
   * run a command, never to show or log it.
   */
  commands(step?: string | null, options?: {reveal?: boolean | null | undefined} | null): ResolvedCommand[] {
    const target = this.#need(step ?? this.#state.current)
    const values = this.#values()
    const secret = this.#secretNames(target.commands.flatMap((c) => c.params))
    return target.commands.map((command, index) => {
      // The parser named the command's parameters: only references to those are filled (a variable an earlier command sets stays as written).
      const tokens = findParamRefs(command.code, command.params)
      const result = substituteTokens(command.code, tokens, values, {secret, reveal: options?.reveal ?? false})
      return {index, command, text: result.text, missing: result.missing, secrets: result.secrets}
    })
  }

  /** Listen to every event as it is logged; returns a function that stops listening. */
  subscribe(listener: SessionListener): () => void {
    if (typeof listener !== 'function') throw misuse(`subscribe expects a function, got ${JSON.stringify(listener)}`)
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Complete the current step and move on. `choice` is a `Choice` from
   * `choices()`, its index, its label, or its target step id; it may be left
   * out when the step has at most one way on. Completing an end step, or
   * taking a choice that leaves the runbook, finishes the session.
   */
  complete(choice?: Choice | number | string | null): this {
    this.#assert('complete', true)
    const choices = this.choices()
    let taken: Choice | undefined
    if (choice === undefined || choice === null) {
      if (choices.length > 1) {
        throw misuse(
          `step "${this.#state.current}" has ${choices.length} choices; pass one of ${choices.map((c) => JSON.stringify(c.label)).join(', ')}`
        )
      }
      taken = choices[0]
    } else if (typeof choice === 'number') {
      taken = Number.isInteger(choice) ? choices[choice] : undefined
    } else if (typeof choice === 'string') {
      taken = choices.find((c) => c.label === choice) ?? choices.find((c) => c.internal && c.to === choice)
    } else if (typeof choice === 'object' && typeof choice.index === 'number') {
      // A choice of this step (from `choices()`, or a copy of one): same index, same label and target.
      const same = choices[choice.index]
      taken = same && same.label === choice.label && same.to === choice.to && same.runbook === choice.runbook ? same : undefined
    }
    if (choice !== undefined && choice !== null && !taken) {
      throw misuse(`step "${this.#state.current}" has no choice ${JSON.stringify(choice)}`)
    }
    const at = this.#peek()
    const state = this.#state
    const from = state.current
    const progress = this.#leave(at)
    progress.completedAt = at
    const labelled = taken !== undefined && choices.length > 1
    if (labelled) progress.choice = taken!.label
    else delete progress.choice
    const event: SessionEvent = {type: 'complete', at, step: from}
    if (labelled) event.choice = taken!.label
    if (taken?.internal) {
      event.to = taken.to
      state.path.push(taken.to!)
      this.#enter(taken.to!, at)
      return this.#log(event)
    }
    if (taken && (taken.runbook !== undefined || taken.to !== undefined || taken.href !== undefined)) {
      const handover: NonNullable<SessionEvent & {type: 'complete'}>['handover'] = {}
      if (taken.runbook !== undefined) handover.runbook = taken.runbook
      if (taken.to !== undefined) handover.step = taken.to
      if (taken.href !== undefined) handover.href = taken.href
      event.handover = handover
      state.handover = {label: taken.label, ...handover}
    }
    return this.#end('finished', at, event, {type: 'finish', at, step: from})
  }

  /** Tick checklist item `item` (its id or text) of `step` (default: the current step). Ticking a ticked item does nothing. */
  check(item: string, step?: string | null): this {
    return this.#setChecked(item, step, true)
  }

  /** Untick checklist item `item` (its id or text) of `step` (default: the current step). */
  uncheck(item: string, step?: string | null): this {
    return this.#setChecked(item, step, false)
  }

  /** Go back to the previous step on the path taken; it is no longer done, so it can be decided again. */
  back(): this {
    this.#assert('back', true)
    const state = this.#state
    if (state.path.length < 2) throw misuse(`cannot go back from the first step "${state.current}"`)
    state.path.pop()
    const to = state.path[state.path.length - 1]!
    const target = state.steps[to]
    if (target) {
      delete target.completedAt
      delete target.choice
    }
    return this.#move('back', to)
  }

  /** Jump to step `id` (a "go to" the graph does not offer here); the step left is not marked done. */
  goTo(id: string): this {
    this.#assert('goTo', true)
    this.#need(id)
    if (id === this.#state.current) throw misuse(`step "${id}" is already the current step`)
    this.#state.path.push(id)
    return this.#move('goto', id)
  }

  /**
   * Set parameter `name` to `value` (`null` unsets it). Secret values are
   * kept in memory only: the event records that it was set, not the value.
   */
  setParam(name: string, value: string | null): this {
    this.#assert('setParam')
    if (!filled(name)) throw misuse(`parameter name must be a non-empty string, got ${JSON.stringify(name)}`)
    if (value !== null && typeof value !== 'string') throw misuse(`value of parameter "${name}" must be a string or null, got ${JSON.stringify(value)}`)
    const secret = this.isSecret(name)
    const state = this.#state
    const event: SessionEvent = {type: 'param', at: this.#peek(), step: state.current, name, secret}
    if (secret) {
      if (value === null) this.#secrets.delete(name)
      else this.#secrets.set(name, value)
      state.secretParams = state.secretParams.filter((n) => n !== name)
      if (value !== null) state.secretParams.push(name)
    } else if (value === null) delete state.params[name]
    else event.value = state.params[name] = value
    return this.#log(event)
  }

  /** Add a note to the current step. Secret values in it are masked. */
  addNote(text: string): this {
    this.#assert('addNote')
    if (!filled(text)) throw misuse(`a note must be non-empty text, got ${JSON.stringify(text)}`)
    return this.#log({type: 'note', at: this.#peek(), step: this.#state.current, text: this.#redact(text.trim())})
  }

  /** Record an escalation from the current step: to a person, a team or another runbook, with a reason. */
  escalate(escalation: Escalation): this {
    this.#assert('escalate')
    const target = escalation?.target
    if (!target || !['person', 'team', 'runbook'].includes(target.type)) {
      throw misuse(`escalation target type must be "person", "team" or "runbook", got ${JSON.stringify(target?.type)}`)
    }
    if (!filled(target.name)) throw misuse(`escalation target needs a name, got ${JSON.stringify(target.name)}`)
    if (!filled(escalation.reason)) throw misuse(`escalation needs a reason, got ${JSON.stringify(escalation.reason)}`)
    return this.#log({
      type: 'escalate',
      at: this.#peek(),
      step: this.#state.current,
      reason: this.#redact(escalation.reason.trim()),
      target: {type: target.type, name: target.name.trim()}
    })
  }

  /** Record a command that was run (by a person or the runner) and its exit code. */
  recordCommand(run: CommandRun): this {
    this.#assert('recordCommand')
    if (!filled(run?.command)) throw misuse(`recordCommand needs the command text, got ${JSON.stringify(run?.command)}`)
    if (run.exitCode !== null && !Number.isInteger(run.exitCode)) {
      throw misuse(`exit code must be an integer or null, got ${JSON.stringify(run.exitCode)}`)
    }
    const step = run.step ?? this.#state.current
    this.#need(step)
    const event: SessionEvent = {type: 'command', at: this.#peek(), step, command: this.#redact(run.command), exitCode: run.exitCode}
    if (run.signal) event.signal = run.signal
    if (Number.isFinite(run.durationMs) && run.durationMs! >= 0) event.durationMs = run.durationMs!
    return this.#log(event)
  }

  /** Stop the clock (the person stepped away, the runner was interrupted). Time paused counts nowhere. */
  pause(): this {
    this.#assert('pause', true)
    const at = this.#peek()
    this.#leave(at)
    this.#state.status = 'paused'
    return this.#log({type: 'pause', at, step: this.#state.current})
  }

  /** Start the clock again after `pause()`. */
  resume(): this {
    const state = this.#state
    if (state.status !== 'paused') throw misuse(`resume: session is ${state.status}, not paused`)
    const at = this.#peek()
    state.status = 'active'
    state.currentSince = at
    return this.#log({type: 'resume', at, step: state.current})
  }

  /** Finish the session: the current step counts as done and progress is 100%. */
  finish(): this {
    this.#assert('finish')
    const at = this.#peek()
    this.#leave(at).completedAt = at
    return this.#end('finished', at, {type: 'finish', at, step: this.#state.current})
  }

  /** Give up on the session; progress stays where it was. */
  abandon(reason?: string | null): this {
    this.#assert('abandon')
    const at = this.#peek()
    this.#leave(at)
    const event: SessionEvent = {type: 'abandon', at, step: this.#state.current}
    if (filled(reason)) event.reason = this.#redact(reason.trim())
    return this.#end('abandoned', at, event)
  }

  /** The saved state: plain JSON with the runbook's hash and no secret values. */
  toJSON(): SavedSession {
    const s = this.#state
    const saved: SavedSession = {
      format: 'runbook-kit/session',
      version: 1,
      id: s.id,
      runbook: {id: this.runbook.id, hash: this.runbook.hash, title: this.runbook.title},
      status: s.status,
      info: {...s.info},
      startedAt: s.startedAt,
      current: s.current,
      path: [...s.path],
      steps: copySteps(s.steps),
      params: {...s.params},
      secretParams: [...s.secretParams],
      events: s.events.map((event) => copyEvent(event))
    }
    if (s.endedAt !== undefined) saved.endedAt = s.endedAt
    if (s.currentSince !== undefined) saved.currentSince = s.currentSince
    if (s.handover) saved.handover = {...s.handover}
    if (s.orphaned && Object.keys(s.orphaned).length > 0) {
      saved.orphaned = copySteps(s.orphaned)
    }
    return saved
  }

  #isOpen() {
    return this.#state.status === 'active' || this.#state.status === 'paused'
  }

  /** Throw unless the session is open (active or paused), or with `active`, active. */
  #assert(operation: string, active?: boolean) {
    const status = this.#state.status
    if (active ? status !== 'active' : !this.#isOpen()) {
      throw misuse(`${operation}: session is ${status}${active && status === 'paused' ? '; call resume() first' : ''}`)
    }
  }

  /** The step with `id`; a `TypeError` when the runbook has none. */
  #need(id: unknown): Step {
    const step = this.#byId.get(id as string)
    if (!step) throw misuse(`no step ${JSON.stringify(id)} in runbook "${this.runbook.id}"`)
    return step
  }

  /** Leave the current step for `to` (already on the path) and log how (`back` or `goto`). */
  #move(type: 'back' | 'goto', to: string): this {
    const at = this.#peek()
    const from = this.#state.current
    this.#leave(at)
    this.#enter(to, at)
    return this.#log({type, at, step: from, to})
  }

  /** End the session (`finished` or `abandoned`) at `at`, then log `events`. */
  #end(status: 'finished' | 'abandoned', at: number, ...events: SessionEvent[]): this {
    this.#state.status = status
    this.#state.endedAt = at
    for (const event of events) this.#log(event)
    return this
  }

  #setChecked(item: string, step: string | null | undefined, checked: boolean) {
    this.#assert(checked ? 'check' : 'uncheck')
    const id = step ?? this.#state.current
    const target = this.#need(id)
    const found = target.checklist.find((i) => i.id === item) ?? target.checklist.find((i) => i.text === item)
    if (!found) throw misuse(`step "${id}" has no checklist item ${JSON.stringify(item)}`)
    const progress = this.#progressOf(id)
    if (progress.checked.includes(found.id) === checked) return this
    const at = this.#peek()
    if (checked) progress.checked.push(found.id)
    else progress.checked = progress.checked.filter((i) => i !== found.id)
    return this.#log({type: checked ? 'check' : 'uncheck', at, step: id, item: found.id})
  }

  #progressOf(id: string): StepProgress {
    let progress = this.#state.steps[id]
    if (!progress) {
      progress = {title: this.#byId.get(id)?.title ?? id, visits: 0, elapsedMs: 0, checked: []}
      this.#state.steps[id] = progress
    }
    return progress
  }

  /** Stop the current visit's clock; returns the current step's progress. */
  #leave(at: number): StepProgress {
    const state = this.#state
    const progress = this.#progressOf(state.current)
    if (state.currentSince !== undefined) progress.elapsedMs += Math.max(0, at - state.currentSince)
    state.currentSince = undefined
    return progress
  }

  #enter(id: string, at: number) {
    const state = this.#state
    state.current = id
    state.currentSince = at
    const progress = this.#progressOf(id)
    progress.visits += 1
  }

  /** The time of a new event (and of now): the clock, but never before the last event. */
  #peek(): number {
    const last = this.#state.events[this.#state.events.length - 1]?.at ?? this.#state.startedAt
    const now = this.#now()
    return typeof now === 'number' && Number.isFinite(now) ? Math.max(now, last) : last
  }

  #log(event: SessionEvent): this {
    this.#state.events.push(event)
    for (const listener of this.#listeners) listener(copyEvent(event), this)
    return this
  }

  #values(): Record<string, string> {
    const values: Record<string, string> = {}
    for (const spec of this.runbook.params) if (spec.default !== undefined && !this.isSecret(spec.name)) values[spec.name] = spec.default
    Object.assign(values, this.#state.params)
    for (const [name, value] of this.#secrets) values[name] = value
    return values
  }

  #secretNames(names: Iterable<string>): string[] {
    const all = new Set([...names, ...this.runbook.params.map((p) => p.name), ...this.#secrets.keys()])
    return [...all].filter((name) => this.isSecret(name))
  }

  #redact(text: string): string {
    return redactSecrets(text, this.#secrets)
  }
}

/** A deep copy of an event (events are small plain objects). */
function copyEvent(event: SessionEvent): SessionEvent {
  if (event.type === 'escalate') return {...event, target: {...event.target}}
  if (event.type === 'complete' && event.handover) return {...event, handover: {...event.handover}}
  return {...event}
}

/**
 * Start a session on `runbook` at its start step (or `options.start`).
 *
 * @throws {TypeError} when `runbook` is not a runbook with steps, or `options.start` is not one of its steps.
 */
export function createSession(runbook: Runbook, options?: SessionOptions | null): Session {
  const now = options?.now ?? Date.now
  const session = new Session(runbook, initialState(runbook, options), now)
  for (const [name, value] of Object.entries(options?.params ?? {})) {
    if (typeof value === 'string') session.setParam(name, value)
  }
  return session
}

/**
 * @internal The state of a new session on `runbook` (what `createSession`
 * starts from; `restoreSession` too when the saved state is unreadable).
 *
 * @throws {TypeError} as `createSession`.
 */
export function initialState(runbook: Runbook, options?: SessionOptions | null): SessionState {
  if (!runbook || typeof runbook !== 'object' || !Array.isArray(runbook.steps) || runbook.steps.length === 0) {
    throw misuse(`createSession expects a parsed runbook with steps, got ${describe(runbook)}`)
  }
  const now = options?.now ?? Date.now
  const id = options?.id ?? defaultId
  const start = options?.start ?? runbook.start
  if (!runbook.steps.some((step) => step.id === start)) throw misuse(`no step ${JSON.stringify(start)} in runbook "${runbook.id}"`)
  const startedAt = now()
  const info: SessionInfo = {}
  const given = options?.info
  if (given?.who) info.who = given.who
  const severity = given?.severity ?? runbook.meta?.severity
  if (severity) info.severity = severity
  if (given?.incident) info.incident = given.incident
  const title = runbook.steps.find((step) => step.id === start)!.title
  const state: State = {
    id: id(),
    status: 'active',
    info,
    startedAt,
    current: start,
    currentSince: startedAt,
    path: [start],
    steps: {[start]: {title, visits: 1, elapsedMs: 0, checked: []}},
    params: {},
    secretParams: [],
    events: [{type: 'start', at: startedAt, step: start}]
  }
  return state
}

/** @internal Build a session from a reconciled state (used by `restoreSession`). */
export function sessionFromState(
  runbook: Runbook,
  state: State,
  now: () => number,
  report: RestoreReport,
  secrets?: Readonly<Record<string, string | null | undefined>> | null
): Session {
  return new Session(runbook, state, now, report, secrets)
}

/** @internal The shape `sessionFromState` takes. */
export type SessionState = State

/** Whether `value` is a string with more than whitespace. */
function filled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value !== 'object') return JSON.stringify(value)
  return Array.isArray(value) ? 'an array' : 'an object without steps'
}
