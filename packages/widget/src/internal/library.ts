/**
 * Fetch and read a bundle (`runbook build` output): the runbooks and their
 * search index. One fetch per URL per page, shared by every component that
 * names it; the only network request the widget makes.
 */
import {loadBundle, type Runbook, type SearchIndex} from './core.js'

/** A loaded bundle. */
export interface Library {
  runbooks: readonly Runbook[]
  byId: ReadonlyMap<string, Runbook>
  index: SearchIndex
}

const cache = new Map<string, Promise<Library>>()

/** Read a parsed bundle (core's `loadBundle`). Throws a `TypeError` whose message says what is wrong. */
export function readLibrary(json: unknown): Library {
  const {runbooks, index} = loadBundle(json)
  return {runbooks, byId: new Map(runbooks.map((r) => [r.id, r])), index}
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
