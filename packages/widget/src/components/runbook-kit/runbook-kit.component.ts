import {html, LitElement, nothing, type TemplateResult} from 'lit'
import {DeepLinkController} from '../../controllers/deep-link.js'
import {TaskController} from '../../controllers/task.js'
import type {RunbookSelectDetail} from '../../internal/events.js'
import {arrowed} from '../../internal/arrow.js'
import {fetchLibrary, type Library} from '../../internal/library.js'
import {loadWalkthrough} from '../../internal/load-walkthrough.js'
import {loadError, mergeStrings, type Strings} from '../../internal/strings.js'
import {kitStrings} from './runbook-kit.strings.js'
import {styles} from './runbook-kit.styles.js'

/** Parts of the search that `<runbook-kit>` passes on, so `runbook-kit::part(input)` works (the walkthrough's: `RunbookWalkthrough.exportedParts`). */
const searchParts = 'form, input, category-select, shortcut-hint, results, result, result-active, result-title, snippet, highlight, badge, empty'

/**
 * The whole experience in one element: search the runbooks of a bundle,
 * then follow the one chosen step by step. Made of `<runbook-search>` and
 * `<runbook-walkthrough>`, whose events bubble out of it. The walkthrough's
 * code is loaded when a runbook is first opened.
 *
 * ```html
 * <script type="module" src="/assets/runbook-kit.js"></script>
 * <runbook-kit src="/runbooks.bundle.json" shortcut="/"></runbook-kit>
 * ```
 *
 * @tagname runbook-kit
 * @summary Search runbooks, then walk through one.
 *
 * @event {CustomEvent<RunbookSelectDetail>} runbook-select - A search result was chosen (cancel it to stay on the search).
 * @event {CustomEvent<RunbookStepChangeDetail>} runbook-step-change - The walkthrough moved to another step.
 * @event {CustomEvent<RunbookCompleteDetail>} runbook-complete - The runbook was finished.
 * @event {CustomEvent<RunbookEscalateDetail>} runbook-escalate - The user escalated.
 *
 * @csspart base - The component's wrapper.
 * @csspart search - The `<runbook-search>` inside; its parts are exported too (`runbook-kit::part(input)`).
 * @csspart walkthrough - The `<runbook-walkthrough>` inside; its parts are exported too (`runbook-kit::part(step-title)`).
 * @csspart back-button - The button that returns to the search.
 *
 * @cssproperty --rk-color-accent - Accent color of both components (every `--rk-*` property is passed down).
 */
export class RunbookKit extends LitElement {
  static override styles = styles

  static override properties = {
    src: {type: String},
    strings: {attribute: false},
    theme: {type: String, reflect: true},
    deepLink: {type: Boolean, attribute: 'deep-link'},
    shortcut: {type: String},
    storage: {type: String},
    remoteImages: {type: Boolean, attribute: 'remote-images'},
    runbookId: {type: String, attribute: 'runbook-id', reflect: true},
    _startStep: {state: true}
  }

  /** URL of the bundle (`runbook build` output). */
  declare src: string | undefined
  /** Replacement texts (see `Strings`), passed to both components. */
  declare strings: Partial<Strings> | undefined
  /** `light` or `dark`; without it the page's `prefers-color-scheme` decides. */
  declare theme: 'light' | 'dark' | undefined
  /** Mirror the open runbook and step in the URL hash (`#<runbook id>/<step id>`), and open them from it. */
  declare deepLink: boolean
  /** Keyboard shortcut that focuses the search: `/`, `mod+k` or `both` (off by default). */
  declare shortcut: '/' | 'mod+k' | 'both' | undefined
  /** Where progress is saved: `local` (default) or `none`. */
  declare storage: 'local' | 'none'
  /** Load Markdown images from other origins (passed to the walkthrough); by default they are shown as links. */
  declare remoteImages: boolean
  /** The runbook being walked through (empty: the search is shown). Set it to open one. */
  declare runbookId: string | undefined

  /** @internal The step a hand-over starts the next runbook at. */
  declare private _startStep: string | undefined

  readonly #deepLink = new DeepLinkController(this, {
    onChange: () => {
      // An empty hash (`location.hash = ''`, Back to the page before a runbook was opened) returns to the search;
      // another anchor of the page (a skip link) leaves the walkthrough alone.
      if (this.deepLink && this.runbookId && location.hash === '') this.#backToSearch()
      else void this.#openFromHash()
    }
  })

  /** The bundle at `src`. */
  readonly #bundle = new TaskController(this, {
    task: async ([src]: readonly [string | undefined], signal: AbortSignal) => {
      const library = src ? await fetchLibrary(src) : undefined
      if (library) await this.#openFromHash(library, signal)
      return library
    },
    args: () => [this.src] as const
  })

  /** The runbook being walked and the walkthrough's code, both loaded when a runbook is opened. */
  readonly #opened = new TaskController(this, {
    task: async ([library, id]: readonly [Library | undefined, string | undefined], signal: AbortSignal) => {
      if (!library || !id) return undefined
      const [runbook, walkthrough] = await Promise.all([library.runbook(id, {signal}), loadWalkthrough()])
      return runbook && {runbook, parts: walkthrough.exportedParts}
    },
    args: () => [this.#bundle.value, this.runbookId] as const
  })

  constructor() {
    super()
    this.src = undefined
    this.strings = undefined
    this.theme = undefined
    this.deepLink = false
    this.shortcut = undefined
    this.storage = 'local'
    this.remoteImages = false
    this.runbookId = undefined
    this._startStep = undefined
  }

  /** With `deep-link`, open the runbook the URL hash names, if the bundle has it. */
  async #openFromHash(library: Library | undefined = this.#bundle.value, signal?: AbortSignal): Promise<void> {
    const link = this.deepLink && library ? this.#deepLink.read() : undefined
    if (link && (await library!.has(link.runbookId, signal && {signal})) && !signal?.aborted) this.runbookId = link.runbookId
  }

  /** Selections made so far: a selection whose lookup answers after a newer one's is dropped. */
  #selections = 0

  #onSelect(event: CustomEvent<RunbookSelectDetail>): void {
    const detail = event.detail
    // Let the page's listeners see the event first: it is canceled when the page handles the selection.
    const selection = ++this.#selections
    queueMicrotask(async () => {
      const library = this.#bundle.value
      if (event.defaultPrevented || !library) return
      // A failed lookup still opens: the walkthrough then says what went wrong and offers Retry.
      const known = await library.has(detail.runbookId).catch(() => true)
      // The latest selection wins, whichever lookup answers last.
      if (!known || selection !== this.#selections) return
      this._startStep = detail.from ? detail.stepId : undefined
      this.runbookId = detail.runbookId
      await this.#opened.run()
      await this.updateComplete
      this.renderRoot.querySelector('runbook-walkthrough')?.focus()
    })
  }

  /**
   * The user points at a result or moves through them with the arrow keys: fetch the walkthrough's code
   * now, so it is there when they choose (typing alone fetches nothing).
   */
  #prefetch(event: PointerEvent | KeyboardEvent): void {
    const onResult = event.type === 'pointerover' && (event.composedPath()[0] as Element | undefined)?.closest?.('[role=option]')
    const moving = event.type === 'keydown' && ((event as KeyboardEvent).key === 'ArrowDown' || (event as KeyboardEvent).key === 'ArrowUp')
    if (onResult || moving) void loadWalkthrough().catch(() => undefined)
  }

  #backToSearch(): void {
    this.runbookId = undefined
    if (this.deepLink) this.#deepLink.clear()
    void this.updateComplete.then(() => this.renderRoot.querySelector('runbook-search')?.focus())
  }

  override render(): TemplateResult {
    const strings = mergeStrings(kitStrings, this.strings)
    // A bundle that cannot be fetched, a malformed runbook in it, or the walkthrough's code offline: say what is wrong.
    const failed = this.#bundle.status === 'error' ? this.#bundle : this.#opened.status === 'error' ? this.#opened : undefined
    if (failed) {
      return html`<div part="base">
        <p class="notice warning" role="alert">${loadError(strings, failed.error)}</p>
        <button type="button" class="button" @click=${() => void (failed === this.#bundle ? this.#bundle.run() : this.#opened.run())}>
          ${strings.retry}
        </button>
      </div>`
    }
    // While another runbook loads, the one shown stays (no flicker); the first one opened shows "Loading" until it is there.
    const opening = this.runbookId !== undefined && this.#bundle.value !== undefined
    const opened = opening ? this.#opened.value : undefined
    return html`<div part="base" class="base">
      ${opened
        ? html`<button type="button" part="back-button" class="button quiet back" @click=${() => this.#backToSearch()}>
              ${arrowed(strings.backToSearch, '←')}
            </button>
            <runbook-walkthrough
              part="walkthrough"
              exportparts=${opened.parts}
              tabindex="-1"
              .runbook=${opened.runbook}
              src=${this.src ?? nothing}
              .startStep=${this._startStep}
              @runbook-select=${(event: CustomEvent<RunbookSelectDetail>) => this.#onSelect(event)}
              .strings=${this.strings}
              theme=${this.theme ?? nothing}
              ?deep-link=${this.deepLink}
              ?remote-images=${this.remoteImages}
              storage=${this.storage}
            ></runbook-walkthrough>`
        : opening && this.#opened.status === 'pending'
          ? html`<p class="loading" role="status">${strings.loading}</p>`
          : html`<runbook-search
            part="search"
            exportparts=${searchParts}
            src=${this.src ?? nothing}
            browse
            .strings=${this.strings}
            theme=${this.theme ?? nothing}
            shortcut=${this.shortcut ?? nothing}
            @runbook-select=${(event: CustomEvent<RunbookSelectDetail>) => this.#onSelect(event)}
            @pointerover=${(event: PointerEvent) => this.#prefetch(event)}
            @keydown=${(event: KeyboardEvent) => this.#prefetch(event)}
          ></runbook-search>`}
    </div>`
  }
}
