import {html, nothing, type TemplateResult} from 'lit'
import type {Session} from '../../internal/core.js'
import {format, type Strings} from '../../internal/strings.js'
import {formatDuration} from '../../internal/time.js'

/** What {@link renderComplete} shows and whom it tells. */
export interface CompleteView {
  session: Session
  strings: Strings
  /** The user chose to continue with the runbook this one handed over to (at its step). */
  onContinue: (runbookId: string, stepId: string | undefined) => void
  /** The user asked for the timeline as a file. */
  onExport: () => void
  /** The user started over. */
  onRestart: () => void
}

/** The view of a finished runbook: steps and time taken, the hand-over if any, export and restart. */
export function renderComplete({session, strings, onContinue, onExport, onRestart}: CompleteView): TemplateResult {
  const steps = session.path.length
  const handover = session.handover
  const next = handover?.runbook
  return html`<section part="complete step" class="step complete" aria-labelledby="complete-title">
    <div class="complete-mark" aria-hidden="true">✓</div>
    <h3 id="complete-title" class="step-title" tabindex="-1">${strings.completed}</h3>
    <p>${format(strings.completedSummary, {steps, time: formatDuration(session.elapsed())})}</p>
    ${handover?.label ? html`<p class="handover">${format(strings.handedOver, {label: handover.label})}</p>` : nothing}
    <div part="actions" class="actions center">
      ${next
        ? html`<button type="button" part="button" class="button primary" @click=${() => onContinue(next, handover?.step)}>
            ${format(strings.continueWith, {title: next})}
          </button>`
        : nothing}
      <button type="button" part="button" class=${next ? 'button' : 'button primary'} @click=${onExport}>${strings.exportTimeline}</button>
      <button type="button" part="button" class="button" @click=${onRestart}>${strings.restart}</button>
    </div>
  </section>`
}
