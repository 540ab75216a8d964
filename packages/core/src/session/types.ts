/**
 * The types of a session: a walk through one runbook's step graph, its
 * event log, and the saved state it round-trips through.
 *
 * Everything a session saves is plain JSON. Secret parameter values live
 * only in memory: they are never in an event, a saved state or a timeline.
 *
 * @module
 */

/** Where a session is. */
export type SessionStatus = 'active' | 'paused' | 'finished' | 'abandoned'

/** Who or what an escalation goes to. */
export interface EscalationTarget {
  type: 'person' | 'team' | 'runbook'
  /** A person's or team's name, or a runbook id. */
  name: string
}

/** What `session.escalate` takes. */
export interface Escalation {
  reason: string
  target: EscalationTarget
}

/** What `session.recordCommand` takes: a command that was run and how it ended. */
export interface CommandRun {
  /** The command as run. Secret parameter values in it are masked before it is logged. */
  command: string
  /** The exit code; `null` when the command was killed by a signal or could not start. */
  exitCode: number | null
  /** The signal that ended it, if any (`SIGINT` …). */
  signal?: string | null | undefined
  /** How long it ran, in milliseconds. */
  durationMs?: number | null | undefined
  /** The step it belongs to (default: the current step). */
  step?: string | null | undefined
}

/** A choice offered at the current step: one of its edges. */
export interface Choice {
  /** 0-based position among the step's edges. */
  index: number
  /** The label shown to a person: the edge's label, else "Continue" (or the target's title). */
  label: string
  kind: 'next' | 'choice' | 'goto'
  /** Target step id in this runbook (absent for a cross-runbook edge). */
  to?: string | undefined
  /** For a cross-runbook edge: the runbook it hands over to (and `to` is a step there, if any). */
  runbook?: string | undefined
  /** For a hand-over to an external document: its address. */
  href?: string | undefined
  /**
   * Whether taking it moves to a step of this runbook; `false` for hand-overs
   * to another runbook or document, links to missing steps and "Otherwise,
   * finish" (no `to`, `runbook` or `href`): taking those finishes the
   * session.
   */
  internal: boolean
}

/** The events of the log. `at` is the session clock's time in milliseconds. */
export type SessionEvent =
  | {type: 'start'; at: number; step: string}
  | {
      type: 'complete'
      at: number
      step: string
      /** The label of the choice taken, when the step offered a choice. */
      choice?: string | undefined
      /** The step moved to (absent when completing ended the session). */
      to?: string | undefined
      /** When the choice left this runbook (or pointed at a missing step): where it pointed. The session finished. */
      handover?: {runbook?: string | undefined; step?: string | undefined; href?: string | undefined} | undefined
    }
  | {type: 'check'; at: number; step: string; item: string}
  | {type: 'uncheck'; at: number; step: string; item: string}
  | {type: 'back'; at: number; step: string; to: string}
  | {type: 'goto'; at: number; step: string; to: string}
  | {type: 'param'; at: number; step: string; name: string; value?: string | undefined; secret: boolean}
  | {type: 'note'; at: number; step: string; text: string}
  | {type: 'escalate'; at: number; step: string; reason: string; target: EscalationTarget}
  | {
      type: 'command'
      at: number
      step: string
      command: string
      exitCode: number | null
      signal?: string | undefined
      durationMs?: number | undefined
    }
  | {type: 'pause'; at: number; step: string}
  | {type: 'resume'; at: number; step: string}
  | {type: 'finish'; at: number; step: string}
  | {type: 'abandon'; at: number; step: string; reason?: string | undefined}

/** The type of a session event. */
export type SessionEventType = SessionEvent['type']

/** What the session knows about one step. */
export interface StepProgress {
  /** The step's title when the progress was recorded (helps reading a restore report). */
  title: string
  /** How many times the step became current. */
  visits: number
  /** Milliseconds the step was current while the session was active, not counting the running visit. */
  elapsedMs: number
  /** When the step was last completed, if it is done. */
  completedAt?: number | undefined
  /** The label of the choice taken when it was last completed. */
  choice?: string | undefined
  /** Ids of the checklist items ticked, in the order they were ticked. */
  checked: string[]
}

/** Progress along the path taken. */
export interface Progress {
  /** Steps done on the path taken (the path without the current step). */
  done: number
  /**
   * Steps still ahead, counting the current one: the LONGEST way from the
   * current step to an end. Progress is therefore a lower bound: a branch
   * that skips steps makes it jump forward, it never has to go back because
   * the graph turned out longer than promised.
   */
  remaining: number
  /** `done / (done + remaining)` as a whole percentage rounded down; 100 only once finished. */
  percent: number
}

/** Who ran the session and why, for the timeline. */
export interface SessionInfo {
  /** The person (or tool) following the runbook. */
  who?: string | undefined
  /** The incident's severity (default: the runbook's `severity`). */
  severity?: string | undefined
  /** An incident or ticket reference. */
  incident?: string | undefined
}

/** The saved state of a session: plain JSON, no secret values. */
export interface SavedSession {
  format: 'runbook-kit/session'
  /** The saved-state format's version; `restoreSession` refuses newer ones (with a report, not an error). */
  version: 1
  id: string
  runbook: {id: string; hash: string; title: string}
  status: SessionStatus
  info: SessionInfo
  startedAt: number
  /** When the session was finished or abandoned. */
  endedAt?: number | undefined
  /** The current step. */
  current: string
  /** When the current visit of the current step began (absent while paused or ended). */
  currentSince?: number | undefined
  /** The path taken, from the start to the current step (what `back` walks). */
  path: string[]
  /** Progress per step id. */
  steps: Record<string, StepProgress>
  /** Non-secret parameter values. */
  params: Record<string, string>
  /** Names of secret parameters that had a value (the values are not saved). */
  secretParams: string[]
  /** Hand-over when the session finished into another runbook. */
  handover?: {runbook?: string | undefined; step?: string | undefined; href?: string | undefined; label?: string | undefined} | undefined
  events: SessionEvent[]
  /**
   * Progress of steps the runbook no longer has (kept across restores so it
   * is never silently dropped), by old step id.
   */
  orphaned?: Record<string, StepProgress> | undefined
}

/** What `restoreSession` found when it laid a saved state onto a runbook. */
export interface RestoreReport {
  /** Whether the saved state could be read at all; `false` means a fresh session was started. */
  restored: boolean
  /** Whether the runbook changed since the state was saved (its hash differs). */
  changed: boolean
  savedHash?: string | undefined
  currentHash: string
  /** Steps whose progress was kept (they exist in both). */
  kept: string[]
  /** Steps that no longer exist: their progress is in `session.toJSON().orphaned`. */
  orphaned: Array<{
    step: string
    progress: StepProgress
    /** A step of the new runbook that may be the same step renamed or re-id'd (not applied). */
    candidate?: string | undefined
  }>
  /** Checklist items ticked in the saved state that the step no longer has. */
  droppedItems: Array<{step: string; item: string}>
  /** Steps removed from the path taken (they no longer exist). */
  pathRemoved: string[]
  /** When the saved current step no longer exists: where the session continues instead. */
  currentMoved?: {from: string; to: string} | undefined
  /** Anything else worth telling a person, in plain sentences. */
  problems: string[]
  /** The unreadable input, kept when `restored` is false so it is not lost. */
  unreadable?: unknown
}
