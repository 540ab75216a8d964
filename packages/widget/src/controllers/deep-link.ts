import type {ReactiveController, ReactiveControllerHost} from 'lit'
import {decode} from '../internal/decode.js'

/** A place the URL hash names: `#<runbook id>/<step id>` (the step may be empty). */
export interface DeepLink {
  runbookId: string
  stepId: string
}

/** Options of a {@link DeepLinkController}. */
export interface DeepLinkOptions {
  /** Called on every `hashchange` while the host is connected. */
  onChange: () => void
}

/**
 * Deep links in the URL hash (`#<runbook id>/<step id>`), shared by
 * `<runbook-kit>` and `<runbook-walkthrough>`: reads and writes the hash
 * (with `history.replaceState`, so steps add no history entries) and tells
 * the host when it changes.
 */
export class DeepLinkController implements ReactiveController {
  readonly #options: DeepLinkOptions
  readonly #onHashChange = () => this.#options.onChange()

  constructor(host: ReactiveControllerHost, options: DeepLinkOptions) {
    this.#options = options
    host.addController(this)
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.#onHashChange)
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.#onHashChange)
  }

  /** The runbook and step the hash names, if it names one. */
  read(): DeepLink | undefined {
    const match = /^#([^/]+)\/(.*)$/.exec(location.hash)
    return match ? {runbookId: decode(match[1]!), stepId: decode(match[2]!)} : undefined
  }

  /** The step the hash names for runbook `runbookId`, if it names one. */
  stepFor(runbookId: string): string | undefined {
    const link = this.read()
    return link && link.runbookId === runbookId && link.stepId !== '' ? link.stepId : undefined
  }

  /** Point the hash at this step (no new history entry). */
  write(runbookId: string, stepId: string): void {
    const hash = `#${encodeURIComponent(runbookId)}/${encodeURIComponent(stepId)}`
    if (location.hash !== hash) history.replaceState(history.state, '', hash)
  }

  /** Remove a deep link from the URL (other anchors of the page stay). */
  clear(): void {
    if (this.read()) history.replaceState(history.state, '', location.pathname + location.search)
  }
}
