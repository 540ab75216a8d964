/**
 * Fetch and read a bundle (`runbook build` output): the runbooks and their
 * search index. One fetch per URL per page, shared by every component that
 * names it; the only network request the widget makes.
 *
 * The search index is built on first use, not on load: a walkthrough that
 * shows one runbook of a large bundle needs only the runbooks, and building
 * the index of 1,000 runbooks takes longer than showing the first step.
 */
import {bundleFormat, bundleVersion, loadBundle, type Runbook, type SearchIndex} from './core.js'

/** A loaded bundle. */
export interface Library {
  runbooks: readonly Runbook[]
  byId: ReadonlyMap<string, Runbook>
  /** The search index, built (and the whole bundle validated by core's `loadBundle`) on the first call. Throws a `TypeError` for a malformed bundle. */
  index(): SearchIndex
}

const cache = new Map<string, Promise<Library>>()

/**
 * Read a parsed bundle. Checks its format, version and list of runbooks at
 * once (a `TypeError` naming the problem); the rest is checked by core's
 * `loadBundle` when the index is first needed.
 */
export function readLibrary(json: unknown): Library {
  const bundle = (typeof json === 'object' && json !== null ? json : {}) as {format?: unknown; version?: unknown; runbooks?: unknown}
  if (bundle.format !== bundleFormat) throw new TypeError(`runbook-kit: bundle.format must be "${bundleFormat}"`)
  if (typeof bundle.version !== 'number' || bundle.version < 1 || bundle.version > bundleVersion) {
    throw new TypeError(`runbook-kit: bundle version ${String(bundle.version)} is not one this widget reads (${bundleVersion})`)
  }
  if (!Array.isArray(bundle.runbooks)) throw new TypeError('runbook-kit: bundle.runbooks must be an array')
  const runbooks = bundle.runbooks.filter(
    (r): r is Runbook => typeof r === 'object' && r !== null && typeof (r as Runbook).id === 'string' && Array.isArray((r as Runbook).steps)
  )
  let index: SearchIndex | undefined
  return {
    runbooks,
    byId: new Map(runbooks.map((r) => [r.id, r])),
    index: () => (index ??= loadBundle(json).index)
  }
}

/** The bundle at `url` (resolved against the page), fetched once. */
export function fetchLibrary(url: string): Promise<Library> {
  const absolute = new URL(url, document.baseURI).href
  let pending = cache.get(absolute)
  if (!pending) {
    pending = fetch(absolute, {credentials: 'same-origin'})
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        return readLibrary(await response.json())
      })
      .catch((error: unknown) => {
        cache.delete(absolute)
        throw error instanceof Error ? error : new Error(String(error))
      })
    cache.set(absolute, pending)
  }
  return pending
}

/** Forget cached bundles (tests, or a page that rebuilt its bundle). */
export function clearLibraryCache(): void {
  cache.clear()
}
