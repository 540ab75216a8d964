import {html, nothing, type TemplateResult} from 'lit'
import type {Session} from '../../internal/core.js'
import {format, type Strings} from '../../internal/strings.js'

/** What {@link renderOutline} shows and whom it tells. */
export interface OutlineView {
  session: Session
  strings: Strings
  /** The user chose a step to go to. */
  onGoTo: (stepId: string) => void
}

/** The outline of steps: each marked current, done, visited or to do; a button goes to it while the session is active. */
export function renderOutline({session, strings, onGoTo}: OutlineView): TemplateResult {
  const current = session.current.id
  const onPath = new Set(session.path)
  const active = session.status === 'active'
  return html`<nav part="outline" class="outline" aria-label=${strings.outline}>
    <h3 class="outline-title">${strings.outline}</h3>
    <ol>
      ${session.runbook.steps.map((step) => {
        const done = session.stepProgress(step.id)?.completedAt !== undefined
        const isCurrent = step.id === current && session.status !== 'finished'
        const state = isCurrent ? 'current' : done ? 'done' : onPath.has(step.id) ? 'visited' : 'todo'
        return html`<li part="outline-item" class="outline-item ${state}">
          <button
            type="button"
            class="outline-button"
            aria-current=${isCurrent ? 'step' : nothing}
            ?disabled=${!active || isCurrent}
            title=${format(strings.goToStep, {title: step.title})}
            @click=${() => onGoTo(step.id)}
          >
            <span class="marker" aria-hidden="true">${done ? '✓' : ''}</span>
            <span class="outline-label">${step.title}</span>
          </button>
        </li>`
      })}
    </ol>
  </nav>`
}
