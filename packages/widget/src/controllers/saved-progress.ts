import type {ReactiveController, ReactiveControllerHost} from 'lit'
import {type Runbook, type SavedSession, type Session, type SessionStore} from '../internal/core.js'
import {loadProgress, openProgressStore, progressKey, progressStorageKey, storedProgress} from '../internal/progress-store.js'

/** What was found for a runbook when it was opened. */
export interface FoundProgress {
  /** The saved session (of this runbook version, else the newest of the same runbook id). */
  saved?: SavedSession | undefined
  /** The saved session was of another version of the runbook: save the restored session, then `forgetMoved()`. */
  moved: boolean
  /** @internal The store key the session was found under. */
  key?: string | undefined
  /** `localStorage` cannot be used (progress is kept in memory only). */
  unavailable: boolean
}

/** Options of a {@link SavedProgressController}. */
export interface SavedProgressOptions {
  /** Whether progress is saved at all (`storage="none"` turns it off). */
  enabled: () => boolean
  /** The session being walked. */
  session: () => Session | undefined
  /** A save failed (quota, permissions): tell the user. */
  onSaveError: () => void
}

/**
 * A walkthrough's progress in `localStorage`: found when a runbook opens,
 * saved after every step, never written over a save of another tab. When
 * another tab saves the same runbook, `foreign` turns true and saving stops
 * until the user picks a side (`adoptOther`, then open again; or
 * `keepThisTab`).
 */
export class SavedProgressController implements ReactiveController {
  /** Another tab saved progress on this runbook since this tab last read or wrote it. */
  foreign = false
  readonly #host: ReactiveControllerHost
  readonly #options: SavedProgressOptions
  #store: SessionStore | undefined
  /** The stored progress text this tab last read or wrote (see `storedProgress`). */
  #seen: string | null | undefined
  readonly #onStorage = (event: StorageEvent) => {
    const session = this.#options.session()
    if (session && this.#options.enabled() && event.newValue !== null && event.key === progressStorageKey(session.runbook.id, session.runbook.hash)) {
      this.foreign = true
      this.#host.requestUpdate()
    }
  }

  constructor(host: ReactiveControllerHost, options: SavedProgressOptions) {
    this.#host = host
    this.#options = options
    host.addController(this)
  }

  hostConnected(): void {
    window.addEventListener('storage', this.#onStorage)
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.#onStorage)
  }

  /** The saved progress of `runbook` (nothing when saving is off). */
  async find(runbook: Runbook): Promise<FoundProgress> {
    if (!this.#options.enabled()) return {moved: false, unavailable: false}
    this.#store ??= openProgressStore()
    const store = this.#store
    let unavailable = !store.persistent
    let found: Awaited<ReturnType<typeof loadProgress>>
    try {
      found = await loadProgress(store, runbook.id, runbook.hash)
    } catch {
      unavailable = true
    }
    const moved = found !== undefined && found.key !== progressKey(runbook.id, runbook.hash)
    return {saved: found?.saved, moved, unavailable, key: found?.key}
  }

  /**
   * Remove the entry of the other version that `found` came from: only once
   * the restored session is saved under this version, so an open that is
   * aborted or cannot restore it loses nothing.
   */
  forgetMoved(found: FoundProgress): void {
    if (found.moved && found.key !== undefined) void this.#store?.remove(found.key).catch(() => undefined)
  }

  /** The runbook is open in this tab now: what is stored is this tab's to continue. */
  opened(runbook: Runbook): void {
    this.foreign = false
    this.#host.requestUpdate()
    if (this.#options.enabled()) this.#seen = storedProgress(runbook.id, runbook.hash)
  }

  /** Save the session, unless another tab saved since this one last read or wrote (then `foreign` turns true). */
  save(): void {
    const session = this.#options.session()
    if (!session || !this.#options.enabled() || !this.#store || this.foreign) return
    const {id, hash} = session.runbook
    const stored = storedProgress(id, hash)
    if (stored != null && stored !== this.#seen) {
      this.foreign = true
      this.#host.requestUpdate()
      return
    }
    // The store writes at once (the promise only reports errors), so what it wrote can be read back now.
    const saving = this.#store.save(progressKey(id, hash), session.toJSON())
    this.#seen = storedProgress(id, hash)
    saving.catch(() => this.#options.onSaveError())
  }

  /** Keep this tab's progress: save over the other tab's. */
  keepThisTab(): void {
    const session = this.#options.session()
    this.foreign = false
    this.#host.requestUpdate()
    if (session) this.#seen = storedProgress(session.runbook.id, session.runbook.hash)
    this.save()
  }

  /** Forget the saved progress of `runbook` (restart). */
  clear(runbook: Runbook): void {
    void this.#store?.remove(progressKey(runbook.id, runbook.hash)).catch(() => undefined)
  }
}
