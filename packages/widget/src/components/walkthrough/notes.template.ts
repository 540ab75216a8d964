import {html, nothing, type TemplateResult} from 'lit'
import type {Strings} from '../../internal/strings.js'

/** What {@link renderNotes} shows and whom it tells. */
export interface NotesView {
  /** The notes of the step, oldest first. */
  notes: ReadonlyArray<{text: string; at: number}>
  strings: Strings
  /** The user added a note (trimmed, never empty). */
  onAdd: (text: string) => void
}

/** The step's notes and the field to add one (the button, or Ctrl/Cmd+Enter). */
export function renderNotes(view: NotesView): TemplateResult {
  const {notes, strings} = view
  const add = (form: HTMLFormElement) => {
    const field = form.elements.namedItem('note') as HTMLTextAreaElement
    const text = field.value.trim()
    if (!text) return
    view.onAdd(text)
    field.value = ''
  }
  return html`<form
    part="notes"
    class="notes"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault()
      add(event.target as HTMLFormElement)
    }}
  >
    <label for="note">${strings.notes}</label>
    ${notes.length > 0
      ? html`<ul class="note-list">
          ${notes.map((note) => html`<li><time>${new Date(note.at).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})}</time> ${note.text}</li>`)}
        </ul>`
      : nothing}
    <div class="note-row">
      <textarea
        id="note"
        name="note"
        rows="2"
        placeholder=${strings.notesPlaceholder}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            add((event.target as HTMLTextAreaElement).form!)
          }
        }}
      ></textarea>
      <button type="submit" part="button" class="button">${strings.addNote}</button>
    </div>
  </form>`
}
