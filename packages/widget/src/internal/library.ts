/**
 * Fetch and open a bundle (`runbook build` output). One fetch per URL per
 * page, shared by every component that names it; the only network request
 * the widget makes.
 *
 * Opening is cheap: core's `openBundle` checks the summaries (what lists and
 * filters show) and reads a runbook's body only when it is shown. The search
 * index, which needs every runbook, is loaded on first use (the search asks
 * for it when the browser is idle after the bundle arrives, or at the first
 * query): a walkthrough that shows one runbook of a large bundle never pays
 * for the others.
 */
import {openBundle, type OpenedBundle} from './core.js'

/** A fetched and opened bundle. */
export type Library = OpenedBundle

const cache = new Map<string, Promise<Library>>()

/** The bundle at `url` (resolved against the page), fetched and opened once. */
export function fetchLibrary(url: string): Promise<Library> {
  const absolute = new URL(url, document.baseURI).href
  let pending = cache.get(absolute)
  if (!pending) {
    pending = fetch(absolute, {credentials: 'same-origin'})
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        return openBundle(await response.text())
      })
      .catch((error: unknown) => {
        cache.delete(absolute)
        throw error instanceof Error ? error : new Error(String(error))
      })
    cache.set(absolute, pending)
  }
  return pending
}

/** Whether the bundle has a runbook with this id (without reading it). */
export function hasRunbook(library: Library, id: string): boolean {
  return library.summaries.some((summary) => summary.id === id)
}

/** Forget cached bundles (tests, or a page that rebuilt its bundle). */
export function clearLibraryCache(): void {
  cache.clear()
}
