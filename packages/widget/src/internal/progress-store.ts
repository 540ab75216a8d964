/**
 * Where the walkthrough keeps a person's progress: core's `localStorage`
 * session store under the widget's namespace, one entry per runbook and
 * version (`runbook-kit:widget:v1:<runbook id>@<hash>`).
 *
 * When the runbook changed since the last visit there is no entry for the
 * new hash; the newest entry for the same runbook id is restored instead
 * (core reconciles it and reports what changed), so progress is never lost
 * by an edit.
 */
import {createLocalStorageStore, storageKey, type SavedSession, type SessionStore} from './core.js'

/** The widget's namespace in `localStorage`. */
export const storageNamespace = 'runbook-kit:widget'

/** The key of a runbook's progress (without namespace and version). */
export function progressKey(runbookId: string, hash: string): string {
  return `${runbookId}@${hash}`
}

/** The `localStorage` key of a runbook's progress (what a `storage` event from another tab names): core's key for it in the namespace. */
export function progressStorageKey(runbookId: string, hash: string): string {
  return storageKey(progressKey(runbookId, hash), {namespace: storageNamespace})
}

/** A progress store, or one in memory when `localStorage` is unusable (`persistent: false`). */
export function openProgressStore(): SessionStore {
  return createLocalStorageStore({namespace: storageNamespace})
}

/** The saved session for this runbook version, else the newest one for the same runbook id. */
export async function loadProgress(
  store: SessionStore,
  runbookId: string,
  hash: string
): Promise<{saved: SavedSession; key: string} | undefined> {
  const key = progressKey(runbookId, hash)
  const exact = await store.load(key)
  if (exact) return {saved: exact, key}
  let best: {saved: SavedSession; key: string} | undefined
  for (const other of await store.keys()) {
    if (!other.startsWith(`${runbookId}@`) || other === key) continue
    const saved = await store.load(other)
    if (saved && (!best || (saved.startedAt ?? 0) > (best.saved.startedAt ?? 0))) best = {saved, key: other}
  }
  return best
}

/**
 * The text stored for a runbook's progress right now: `null` when there is
 * none, `undefined` when `localStorage` cannot be read. The walkthrough
 * remembers what it last read or wrote and saves only while the stored text
 * is still that (or gone): a save by another tab that this tab has not heard
 * of yet (its `storage` event still on the way, or written while this tab
 * was opening) is never overwritten.
 */
export function storedProgress(runbookId: string, hash: string): string | null | undefined {
  try {
    const storage = globalThis.localStorage
    return storage ? storage.getItem(progressStorageKey(runbookId, hash)) : undefined
  } catch {
    return undefined
  }
}
