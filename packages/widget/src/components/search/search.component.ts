import {html, LitElement, nothing, type PropertyValues, type TemplateResult} from 'lit'
import {TaskController} from '../../controllers/task.js'
import type {Category, HighlightRange, RunbookSummary, SearchResult} from '../../internal/core.js'
import {emit} from '../../internal/events.js'
import {fetchLibrary, type Library} from '../../internal/library.js'
import {categoryName, format, loadError, mergeStrings, type Strings} from '../../internal/strings.js'
import {searchStrings, type SearchStrings} from './search.strings.js'
import {styles} from './search.styles.js'

/** A row of the result list: a search hit, or a runbook when browsing without a query. */
interface Row {
  runbook: RunbookSummary
  hit?: SearchResult | undefined
}

let instances = 0

/**
 * Type-ahead search over the runbooks of a bundle: results as
 * runbook › step with the matched words highlighted, a category filter, an
 * empty state that says what to try. Arrow keys move through the results,
 * Enter opens one, Escape closes the list (then clears the field). An
 * opt-in shortcut (`shortcut="/"` or `shortcut="mod+k"`) focuses the field
 * from anywhere on the page, except while the user types in a field.
 *
 * @tagname runbook-search
 * @summary Search runbooks and steps.
 *
 * @event {CustomEvent<RunbookSelectDetail>} runbook-select - A result was chosen (cancelable: call `preventDefault()` to handle it yourself).
 *
 * @csspart base - The component's wrapper.
 * @csspart form - The row with the field and the filter.
 * @csspart input - The search field.
 * @csspart category-select - The category filter.
 * @csspart shortcut-hint - The keyboard shortcut hint.
 * @csspart results - The result list.
 * @csspart result - One result; `result-active` is added to the one the arrow keys point at.
 * @csspart result-title - A result's "runbook › step" line.
 * @csspart snippet - A result's snippet; matched words are `<mark part="highlight">`.
 * @csspart highlight - A matched word in a snippet.
 * @csspart badge - Category and audience badges.
 * @csspart empty - The empty state.
 * @csspart browse-button - With `browse`, the button that lists a collection larger than `browse-up-to`.
 *
 * @cssproperty --rk-color-accent - The field's focus ring and the active result.
 * @cssproperty --rk-color-highlight - Background of matched words.
 * @cssproperty --rk-color-surface - Background of the active result.
 * @cssproperty --rk-radius - Corner radius.
 */
export class RunbookSearch extends LitElement {
  static override styles = styles

  static override properties = {
    src: {type: String},
    query: {type: String},
    category: {type: String},
    limit: {type: Number},
    shortcut: {type: String},
    browse: {type: Boolean},
    browseUpTo: {type: Number, attribute: 'browse-up-to'},
    strings: {attribute: false},
    theme: {type: String, reflect: true},
    _active: {state: true},
    _open: {state: true},
    _browseAll: {state: true}
  }

  /** URL of the bundle to search (`runbook build` output). */
  declare src: string | undefined
  /** The text in the field. */
  declare query: string
  /** Only show runbooks of this category (empty: all); the user can change it in the filter. */
  declare category: Category | ''
  /** Most results shown. */
  declare limit: number
  /** Keyboard shortcut that focuses the field: `/`, `mod+k` (Ctrl+K, or Cmd+K on a Mac) or `both`. Off by default. */
  declare shortcut: '/' | 'mod+k' | 'both' | undefined
  /** With no query, list the runbooks (of the chosen category) instead of nothing. */
  declare browse: boolean
  /**
   * With `browse`, the largest collection listed at once; a larger one shows a
   * button that lists it (its list is fetched only then: search needs none of it).
   */
  declare browseUpTo: number
  /** Replacement texts (see `Strings`). */
  declare strings: Partial<Strings> | undefined
  /** `light` or `dark`; without it the page's `prefers-color-scheme` decides. */
  declare theme: 'light' | 'dark' | undefined

  /** @internal */
  declare private _active: number
  /** @internal */
  declare private _open: boolean
  /** @internal The user asked to list a collection larger than `browseUpTo`. */
  declare private _browseAll: boolean

  readonly #id = `rk-search-${++instances}`
  #onKey = (event: KeyboardEvent) => this.#shortcutKey(event)

  constructor() {
    super()
    this.src = undefined
    this.query = ''
    this.category = ''
    this.limit = 8
    this.shortcut = undefined
    this.browse = false
    this.browseUpTo = 500
    this.strings = undefined
    this.theme = undefined
    this._active = -1
    this._open = true
    this._browseAll = false
  }

  /** Move focus to the search field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('keydown', this.#onKey)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.#onKey)
  }

  /** The bundle at `src`, fetched once per URL per page. */
  readonly #bundle = new TaskController(this, {
    task: async ([src]: readonly [string | undefined]) => {
      if (!src) return undefined
      const library = await fetchLibrary(src)
      // Warm the search index while the user has not typed yet (a query loads it otherwise).
      const idle = (globalThis as {requestIdleCallback?: (callback: () => void) => unknown}).requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 50))
      idle(() => void library.search('', {limit: 1}).catch(() => undefined))
      return library
    },
    args: () => [this.src] as const
  })

  /** The rows for the current query: the latest query wins, a stale one is aborted and its results dropped. */
  readonly #rows = new TaskController(this, {
    task: ([library, query, category, limit, browse]: readonly [Library | undefined, string, string, number, boolean], signal: AbortSignal) =>
      this.#results(library, query, category, limit, browse, signal),
    args: () => [this.#library(), this.query.trim(), this.category, this.limit, this.#browsing(this.#library())] as const
  })

  /** The bundle of the current `src`: none while another `src` loads or after it failed (never the previous one's). */
  #library(): Library | undefined {
    return this.#bundle.status === 'complete' ? this.#bundle.value : undefined
  }

  /** Whether an empty query lists the runbooks: `browse`, for a collection small enough or once the user asked. */
  #browsing(library: Library | undefined): boolean {
    return this.browse && (this._browseAll || (library !== undefined && library.count <= this.browseUpTo))
  }

  /** Enter was pressed while the query's results were on their way: open the first one when they come. */
  #enterWhenReady = false

  /** The current results (what the list shows). */
  get results(): SearchResult[] {
    return this.#shown().flatMap((row) => (row.hit ? [row.hit] : []))
  }

  /** The rows on screen: the last results that came, kept while newer ones are on their way (no flicker). */
  #shown(): Row[] {
    return this.#rows.status === 'error' ? [] : (this.#rows.value ?? [])
  }

  async #results(library: Library | undefined, query: string, category: string, limit: number, browse: boolean, signal: AbortSignal): Promise<Row[]> {
    if (!library) return []
    if (query === '') {
      if (!browse) return []
      const summaries = await library.summaries({category: category || undefined, signal})
      return summaries.map((runbook) => ({runbook}))
    }
    const options = category ? {limit, category, signal} : {limit, signal}
    const hits = await library.search(query, options)
    return hits.map(({summary, ...hit}) => ({runbook: summary, hit}))
  }

  #shortcutKey(event: KeyboardEvent): void {
    if (!this.shortcut || event.defaultPrevented || event.isComposing) return
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey
    const modK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey
    const wanted = (slash && this.shortcut !== 'mod+k') || (modK && this.shortcut !== '/')
    if (!wanted || isTyping(event)) return
    event.preventDefault()
    this.focus()
  }

  #select(row: Row): void {
    const detail = {runbookId: row.runbook.id, stepId: row.hit?.stepId, query: this.query}
    emit(this, 'runbook-select', detail, true)
  }

  #onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value
    this._active = -1
    this._open = true
  }

  #onKeydown(event: KeyboardEvent, rows: Row[]): void {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        this._open = true
        this._active = rows.length === 0 ? -1 : (this._active + 1) % rows.length
        break
      case 'ArrowUp':
        event.preventDefault()
        this._open = true
        this._active = rows.length === 0 ? -1 : this._active <= 0 ? rows.length - 1 : this._active - 1
        break
      case 'Home':
      case 'End':
        if (this._active >= 0 && rows.length > 0) {
          event.preventDefault()
          this._active = event.key === 'Home' ? 0 : rows.length - 1
        }
        break
      case 'Enter': {
        if (this.#rows.status === 'pending' && this._active < 0 && this.query.trim() !== '') {
          event.preventDefault()
          this.#enterWhenReady = true
          break
        }
        const row = rows[this._active >= 0 ? this._active : 0]
        if (row && this._open) {
          event.preventDefault()
          this.#select(row)
        }
        break
      }
      case 'Escape':
        // First Escape closes the list, the next one clears the field.
        if (this._open && rows.length > 0) {
          event.preventDefault()
          this._open = false
          this._active = -1
        } else if (this.query) {
          event.preventDefault()
          this.query = ''
          this._open = true
        }
        break
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (this.#enterWhenReady && this.#rows.status !== 'pending') {
      this.#enterWhenReady = false
      const first = this.#shown()[0]
      if (first && this._open && this.#rows.status === 'complete') this.#select(first)
    }
    // Options render after the select's own bindings, so its value is synced once they exist.
    const select = this.renderRoot.querySelector('select')
    if (select && select.value !== this.category) select.value = this.category
    if (changed.has('_active') && this._active >= 0) {
      this.renderRoot.querySelector(`#${this.#id}-option-${this._active}`)?.scrollIntoView({block: 'nearest'})
    }
  }

  override render(): TemplateResult {
    const strings = mergeStrings(searchStrings, this.strings)
    const library = this.#library()
    const rows = this.#shown()
    const pending = this.#rows.status === 'pending'
    const failed = this.#bundle.status === 'error' ? this.#bundle.error : this.#rows.status === 'error' ? this.#rows.error : undefined
    const error = failed === undefined ? undefined : loadError(strings, failed)
    const query = this.query.trim()
    const listId = `${this.#id}-list`
    const expanded = this._open && rows.length > 0
    const active = this._active >= 0 && this._active < rows.length ? this._active : -1
    const categories = library ? library.categories : []
    const hintKey = this.shortcut === 'mod+k' ? (isMac() ? '⌘K' : 'Ctrl K') : '/'
    return html`<div part="base" class="base">
      <div part="form" class="form" role="search">
        <div class="field">
          <svg class="icon" viewBox="0 0 20 20" aria-hidden="true"><circle cx="8.5" cy="8.5" r="5.5"></circle><path d="m13 13 4.5 4.5"></path></svg>
          <input
            part="input"
            type="search"
            role="combobox"
            aria-label=${strings.searchLabel}
            aria-autocomplete="list"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls=${listId}
            aria-activedescendant=${active >= 0 ? `${this.#id}-option-${active}` : nothing}
            placeholder=${strings.searchPlaceholder}
            autocomplete="off"
            spellcheck="false"
            enterkeyhint="search"
            .value=${this.query}
            @input=${(event: Event) => this.#onInput(event)}
            @keydown=${(event: KeyboardEvent) => this.#onKeydown(event, rows)}
            @focus=${() => (this._open = true)}
          />
          ${this.shortcut && !this.query
            ? html`<kbd part="shortcut-hint" class="hint" title=${format(strings.searchShortcutHint, {key: hintKey})}>${hintKey}</kbd>`
            : nothing}
        </div>
        ${categories.length > 1
          ? html`<select
              part="category-select"
              aria-label=${strings.categoryLabel}
              @change=${(event: Event) => {
                this.category = (event.target as HTMLSelectElement).value as Category | ''
                this._active = -1
              }}
            >
              <option value="" ?selected=${!this.category}>${strings.allCategories}</option>
              ${categories.map(
                (category) => html`<option value=${category} ?selected=${category === this.category}>${categoryName(strings, category)}</option>`
              )}
            </select>`
          : nothing}
      </div>
      ${error ? html`<p class="notice warning" role="alert">${error}</p>` : nothing}
      ${error && !library ? html`<button type="button" class="button" @click=${() => void this.#bundle.run()}>${strings.retry}</button>` : nothing}
      ${!library && !error && this.src ? html`<p class="status" role="status">${strings.loading}</p>` : nothing}
      <div class="live visually-hidden" role="status" aria-live="polite">
        ${library && query && !pending && !error ? format(strings.resultCount, {count: rows.length}) : ''}
      </div>
      <ul
        part="results"
        id=${listId}
        class="results"
        role="listbox"
        aria-label=${strings.searchLabel}
        aria-busy=${pending ? 'true' : 'false'}
        ?hidden=${!expanded}
      >
        ${expanded ? rows.map((row, index) => this.#renderRow(row, index, index === active, strings)) : nothing}
      </ul>
      ${library && !query && this.browse && !this.#browsing(library) && !error
        ? html`<button type="button" part="browse-button" class="button" @click=${() => (this._browseAll = true)}>
            ${format(strings.browseAll, {count: library.count})}
          </button>`
        : nothing}
      ${library && query && rows.length === 0 && !pending && !error
        ? html`<div part="empty" class="empty">
            <p class="empty-title">${format(strings.noResults, {query})}</p>
            <p class="empty-hint">${strings.noResultsHint}</p>
          </div>`
        : nothing}
    </div>`
  }

  #renderRow(row: Row, index: number, active: boolean, strings: SearchStrings): TemplateResult {
    const {runbook, hit} = row
    return html`<li
      id="${this.#id}-option-${index}"
      part=${active ? 'result result-active' : 'result'}
      class="result ${active ? 'active' : ''}"
      role="option"
      aria-selected=${active ? 'true' : 'false'}
      @click=${() => this.#select(row)}
      @mousemove=${() => {
        if (this._active !== index) this._active = index
      }}
    >
      <div class="result-head">
        <span part="result-title" class="result-title"
          >${runbook.title}${hit?.stepTitle ? html`<span class="sep" aria-hidden="true"> › </span><span class="step">${hit.stepTitle}</span>` : nothing}</span
        >
        <span part="badge" class="badge category-${runbook.meta.category}">${categoryName(strings, runbook.meta.category)}</span>
        ${runbook.meta.audience.slice(0, 2).map((audience) => html`<span part="badge" class="badge audience">${format(strings.audienceBadge, {audience})}</span>`)}
      </div>
      ${hit
        ? html`<p part="snippet" class="snippet">${highlight(hit.snippet.text, hit.snippet.highlights)}</p>`
        : runbook.description
          ? html`<p part="snippet" class="snippet">${runbook.description}</p>`
          : nothing}
    </li>`
  }
}

/** The snippet's text with its highlight ranges in `<mark>`. */
export function highlight(text: string, ranges: readonly HighlightRange[]): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = []
  let at = 0
  const sorted = [...ranges].filter(([s, e]) => e > s && s >= 0).sort((a, b) => a[0] - b[0])
  for (const [start, end] of sorted) {
    if (start < at) continue
    parts.push(text.slice(at, start))
    parts.push(html`<mark part="highlight">${text.slice(start, end)}</mark>`)
    at = end
  }
  parts.push(text.slice(at))
  return parts.filter((part) => part !== '')
}

/** Whether a key event happened while the user types: in a field, a text area, a select or editable content. */
function isTyping(event: KeyboardEvent): boolean {
  const target = (event.composedPath()[0] ?? event.target) as Element | null
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false
  const element = target as HTMLElement
  if (element.isContentEditable) return true
  const tag = element.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') {
    const type = (element as HTMLInputElement).type
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type)
  }
  return false
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
}
