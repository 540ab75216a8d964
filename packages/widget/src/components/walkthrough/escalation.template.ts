import {html, type TemplateResult} from 'lit'
import type {EscalationTarget} from '../../internal/core.js'
import type {Strings} from '../../internal/strings.js'

/** What {@link renderEscalation} shows and whom it tells. */
export interface EscalationView {
  strings: Strings
  /** The user escalated: to whom, and why (both filled in). */
  onEscalate: (target: EscalationTarget, reason: string) => void
  /** The user closed the form. */
  onCancel: () => void
}

/** The escalation form: to whom (a team, a person or a runbook) and why. */
export function renderEscalation(view: EscalationView): TemplateResult {
  const {strings} = view
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const name = String(data.get('target') ?? '').trim()
    const reason = String(data.get('reason') ?? '').trim()
    const type = String(data.get('type') ?? 'team') as EscalationTarget['type']
    if (name && reason) view.onEscalate({type, name}, reason)
  }
  return html`<form part="escalation" class="escalation" @submit=${submit}>
    <div class="escalation-fields">
      <label>
        <span>${strings.escalateTarget}</span>
        <span class="target-row">
          <select name="type" aria-label=${strings.escalateTarget}>
            <option value="team">team</option>
            <option value="person">person</option>
            <option value="runbook">runbook</option>
          </select>
          <input name="target" required autocomplete="off" />
        </span>
      </label>
      <label>
        <span>${strings.escalateReason}</span>
        <textarea name="reason" rows="2" required></textarea>
      </label>
    </div>
    <div class="actions">
      <button type="button" part="button" class="button quiet" @click=${view.onCancel}>${strings.cancel}</button>
      <button type="submit" part="button" class="button danger">${strings.escalateSubmit}</button>
    </div>
  </form>`
}
