/**
 * The events the components fire. All bubble and are composed (they cross
 * shadow roots); `runbook-select` is cancelable so a page can handle the
 * selection itself (for example by navigating to a page for the runbook).
 */

/** Detail of `runbook-select`: a search result or a runbook picked by the user. */
export interface RunbookSelectDetail {
  runbookId: string
  /** The step the result pointed at, if any. */
  stepId?: string | undefined
  /** The query that found it, if any. */
  query?: string | undefined
  /** For a hand-over from a finished walkthrough: the runbook it came from (then `stepId` is where to start). */
  from?: string | undefined
}

/** Detail of `runbook-step-change`: the walkthrough moved to another step. */
export interface RunbookStepChangeDetail {
  runbookId: string
  stepId: string
  previousStepId?: string | undefined
  /** How the step was reached. */
  cause: 'start' | 'resume' | 'complete' | 'back' | 'goto' | 'restart'
  /** Progress along the path taken, 0–100. */
  percent: number
}

/** Detail of `runbook-complete`: the runbook was finished. */
export interface RunbookCompleteDetail {
  runbookId: string
  /** The end step. */
  stepId: string
  /** Total time, in milliseconds. */
  durationMs: number
  /** The timeline as Markdown. */
  timeline: string
}

/** Detail of `runbook-escalate`: the user escalated from a step. */
export interface RunbookEscalateDetail {
  runbookId: string
  stepId: string
  reason: string
  /** Who or what it goes to. */
  target: {type: 'person' | 'team' | 'runbook'; name: string}
}

/** Every event of the widget, by name. */
export interface RunbookEventMap {
  'runbook-select': CustomEvent<RunbookSelectDetail>
  'runbook-step-change': CustomEvent<RunbookStepChangeDetail>
  'runbook-complete': CustomEvent<RunbookCompleteDetail>
  'runbook-escalate': CustomEvent<RunbookEscalateDetail>
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends RunbookEventMap {}
}

/** Fire one of the widget's events from `target`; returns `false` when a listener canceled it. */
export function emit<K extends keyof RunbookEventMap>(
  target: EventTarget,
  name: K,
  detail: RunbookEventMap[K]['detail'],
  cancelable = false
): boolean {
  return target.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true, cancelable}))
}
