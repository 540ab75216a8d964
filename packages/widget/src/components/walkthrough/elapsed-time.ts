/**
 * `<runbook-elapsed-time>`: the walkthrough's elapsed-time counter, its own
 * small element so that its one-second tick re-renders only itself, never
 * the step. Internal to the walkthrough (it renders into the walkthrough's
 * shadow root, whose styles apply): not part of the public API.
 */
import {LitElement} from 'lit'
import {define} from '../../internal/define.js'
import {format} from '../../internal/strings.js'
import {formatDuration} from '../../internal/time.js'

/** @internal */
export class RunbookElapsedTime extends LitElement {
  static override properties = {
    elapsed: {attribute: false},
    running: {type: Boolean},
    label: {attribute: false}
  }

  /** The elapsed time now, in milliseconds. */
  declare elapsed: (() => number) | undefined
  /** Tick every second (the session is active). */
  declare running: boolean
  /** The text, with `{time}`. */
  declare label: string

  #timer: ReturnType<typeof setInterval> | undefined

  constructor() {
    super()
    this.elapsed = undefined
    this.running = false
    this.label = '{time}'
  }

  /** Light DOM: the text belongs to the walkthrough's shadow root (its styles, its parts). */
  protected override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#tick()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#tick()
  }

  protected override updated(): void {
    this.#tick()
  }

  /** Run the one-second timer while connected and running, and only then. */
  #tick(): void {
    const wanted = this.isConnected && this.running
    if (wanted && this.#timer === undefined) this.#timer = setInterval(() => this.requestUpdate(), 1000)
    else if (!wanted && this.#timer !== undefined) {
      clearInterval(this.#timer)
      this.#timer = undefined
    }
  }

  override render(): string {
    return format(this.label, {time: formatDuration(this.elapsed?.() ?? 0)})
  }
}

define('runbook-elapsed-time', RunbookElapsedTime)

declare global {
  interface HTMLElementTagNameMap {
    'runbook-elapsed-time': RunbookElapsedTime
  }
}
