import {html, nothing, type TemplateResult} from 'lit'
import type {Session} from '../../internal/core.js'
import type {Strings} from '../../internal/strings.js'

/** What {@link renderParams} shows and whom it tells. */
export interface ParamsView {
  session: Session
  /** The parameters the step uses, each once. */
  names: readonly string[]
  strings: Strings
  /** What the user is typing, not yet committed (by name). */
  drafts: Readonly<Record<string, string>>
  /** Secret values typed in this tab (never saved; by name). */
  secrets: Readonly<Record<string, string>>
  /** The user typed in a field. */
  onDraft: (name: string, value: string) => void
  /** The user committed a field (blur or Enter). */
  onCommit: (name: string, value: string, secret: boolean) => void
}

/** The step's parameters form: one labelled field per parameter, secrets as password fields. */
export function renderParams(view: ParamsView): TemplateResult {
  const {session, strings, drafts, secrets} = view
  const values = session.params()
  const specs = new Map(session.runbook.params.map((p) => [p.name, p]))
  return html`<fieldset part="params" class="params">
    <legend>${strings.parameters}</legend>
    ${view.names.map((name) => {
      const spec = specs.get(name)
      const secret = session.isSecret(name)
      const value = drafts[name] ?? (secret ? (secrets[name] ?? '') : (values[name] ?? spec?.default ?? ''))
      const id = `param-${name}`
      return html`<div class="param-field">
        <label for=${id}><code>${name}</code>${spec?.description ? html` <span class="param-description">${spec.description}</span>` : nothing}</label>
        <input
          id=${id}
          name=${name}
          type=${secret ? 'password' : 'text'}
          autocomplete="off"
          spellcheck="false"
          .value=${value}
          placeholder=${spec?.default ?? ''}
          @input=${(event: Event) => view.onDraft(name, (event.target as HTMLInputElement).value)}
          @change=${(event: Event) => view.onCommit(name, (event.target as HTMLInputElement).value, secret)}
        />
      </div>`
    })}
  </fieldset>`
}
