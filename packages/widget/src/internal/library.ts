/**
 * Fetch and open a bundle (`runbook build` output) through core's
 * `fetchBundle`: one reader per URL per page, shared by every component that
 * names it. The reader fetches only what is asked for (summaries for the
 * first screen, the index parts a query needs, a runbook when it is opened).
 */
import {type BundleReader, fetchBundle} from './core.js'

export type {BundleReader, BundleSearchResult} from './core.js'

/** A fetched and opened bundle. */
export type Library = BundleReader

const cache = new Map<string, Promise<Library>>()

/** The bundle at `url` (resolved against the page), fetched and opened once. A failed fetch is forgotten, so a retry fetches again. */
export function fetchLibrary(url: string): Promise<Library> {
  const absolute = new URL(url, document.baseURI).href
  let pending = cache.get(absolute)
  if (!pending) {
    pending = fetchBundle(absolute).catch((error: unknown) => {
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
