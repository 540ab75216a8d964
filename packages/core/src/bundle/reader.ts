/**
 * Read a bundle over the network (or any `fetch`): a one-file bundle
 * (version 1 or 2) or a split one (an entry and parts beside it), through one
 * interface, {@link BundleReader}, that fetches only what each call needs.
 *
 * @module
 */
import {type LoadedBundle, type OpenedBundle, type RunbookSummary, bundleFormat, openOneFile, splitBundleVersion, toSummary} from '../bundle.js'
import {isObject} from '../is-object.js'
import {describe} from '../describe.js'
import {type SearchOptions, type SearchResult, search} from '../search/search.js'
import type {Runbook} from '../types.js'
import {type BundleFetch, type BundleSearchResult, type Source, fetchText, fileError, parseJson, withSummaries} from './fetch.js'
import {openSplitBundle} from './split-read.js'
import {type AbortSignal, type URL, Url, checkAborted} from './web.js'

export type {BundleFetch} from './fetch.js'

/** What {@link fetchBundle} accepts. */
export interface FetchBundleOptions {
  /** How to fetch a file (default: `globalThis.fetch` with credentials `'same-origin'`). Node tools pass one that reads files. */
  fetch?: BundleFetch | null | undefined
  /** Aborts fetching the entry; the promise then rejects with the signal's reason. (default: none) */
  signal?: AbortSignal | null | undefined
}

export type {BundleSearchResult} from './fetch.js'

/** Options of a {@link BundleReader} call that may fetch. */
export interface ReadOptions {
  /** Aborts the call: it rejects with the signal's reason (files already on their way are still kept). */
  signal?: AbortSignal | undefined
}

/**
 * An opened bundle, from {@link fetchBundle}. Every method fetches the files
 * it needs (once: they are kept) and rejects with an `Error` naming the file
 * that failed and why.
 */
export interface BundleReader {
  /** The bundle's version: 1 or 2 for one file, 3 for a split bundle. */
  readonly version: number
  /** Number of runbooks. */
  readonly count: number
  /** Categories present, each once, in bundle order (for filter chips). */
  readonly categories: readonly string[]
  /** Whether the bundle has a runbook with this id. */
  has(id: string, options?: ReadOptions): Promise<boolean>
  /** The runbook with this id (the first, should ids repeat), or `undefined`. */
  runbook(id: string, options?: ReadOptions): Promise<Runbook | undefined>
  /** Every summary in bundle order (the widget's browse mode), optionally of one category (`''` or none: all). */
  summaries(options?: {category?: string | undefined; signal?: AbortSignal}): Promise<readonly RunbookSummary[]>
  /** Fetches only the index parts and runbooks the query needs; results carry their runbook's summary. */
  search(query: string, options?: SearchOptions & {signal?: AbortSignal}): Promise<BundleSearchResult[]>
  /** Everything: all runbooks and the whole index (Node tools, tests). */
  load(options?: ReadOptions): Promise<LoadedBundle>
}

/**
 * Open the bundle at `url`: a one-file bundle (version 1, 2) or a split one
 * (entry and parts beside it, as `runbook build` writes it for large
 * collections). Fetches the entry (or the one file) now, the rest as methods
 * need it.
 *
 * @param url
 *   URL of the bundle (the entry of a split one), resolved against the page.
 * @param options
 *   The fetch to use, and a signal.
 * @returns
 *   A reader.
 * @throws {TypeError}
 *   When `url` is not a URL.
 */
export async function fetchBundle(url: string | URL, options?: FetchBundleOptions | null): Promise<BundleReader> {
  const fetcher = options?.fetch ?? defaultFetch
  if (typeof fetcher !== 'function') throw new TypeError(`runbook-kit: fetchBundle: options.fetch must be a function, not ${describe(fetcher)}`)
  return openAt(resolveUrl(url), {fetch: fetcher, name: (href) => href}, options?.signal ?? undefined)
}

const defaultFetch: BundleFetch = (url, init) => {
  const platform = (globalThis as unknown as {fetch?: (url: string, init: object) => ReturnType<BundleFetch>}).fetch
  if (!platform) throw new Error('this platform has no fetch; pass options.fetch')
  return platform(url, {credentials: 'same-origin', signal: init.signal ?? null})
}

/** @internal Open the bundle at an absolute URL with a source (`readBundle` in Node uses it too). */
export async function openAt(url: string, source: Source, signal: AbortSignal | undefined): Promise<BundleReader> {
  const text = await fetchText(source, url, signal)
  const value = parseJson(text, source.name(url))
  if (isObject(value) && value.format === bundleFormat && value.layout === 'split') {
    if (value.version === splitBundleVersion) return openSplitBundle(url, value, source)
    if (typeof value.version === 'number' && value.version > splitBundleVersion) {
      throw new Error(
        `runbook-kit: ${source.name(url)}: bundle version ${value.version} is newer than this library reads (${splitBundleVersion}); ` +
          'upgrade @runbook-kit/core or rebuild the bundle'
      )
    }
  }
  return readOneFile(value, source.name(url))
}

function resolveUrl(url: string | URL): string {
  if (typeof url === 'object' && url !== null && typeof url.href === 'string') return url.href
  if (typeof url !== 'string' || url === '') throw new TypeError(`runbook-kit: fetchBundle expects a URL, not ${describe(url)}`)
  const page = (globalThis as {document?: {baseURI?: string}; location?: {href?: string}})
  const base = page.document?.baseURI ?? page.location?.href
  try {
    return new Url(url, base).href
  } catch {
    throw new TypeError(`runbook-kit: fetchBundle expects a URL${base ? '' : ' (an absolute one outside a page)'}, not ${describe(url)}`)
  }
}

/** A reader over a one-file bundle (version 1 or 2): everything is in hand; the index is loaded at the first search. */
function readOneFile(value: unknown, name: string): BundleReader {
  let opened: OpenedBundle
  try {
    opened = openOneFile(value)
  } catch (error) {
    throw fileError(name, error)
  }
  const summaries = opened.summaries.map(toSummary)
  const byId = new Map<string, RunbookSummary>()
  for (const summary of summaries) if (!byId.has(summary.id)) byId.set(summary.id, summary)
  const categories = [...new Set(summaries.map((summary) => summary.meta.category))]
  const guard = <T>(options: ReadOptions | undefined, read: () => T): Promise<T> => {
    try {
      checkAborted(options?.signal)
      return Promise.resolve(read())
    } catch (error) {
      return Promise.reject(options?.signal?.aborted ? (options.signal.reason as Error) : fileError(name, error))
    }
  }
  return {
    version: opened.version,
    count: summaries.length,
    categories,
    has: (id, options) => guard(options, () => byId.has(id)),
    runbook: (id, options) => guard(options, () => opened.runbook(id)),
    summaries: (options) =>
      guard(options, () => (!options?.category ? summaries : summaries.filter((s) => s.meta.category === options.category))),
    search: (query, options) =>
      guard(options, () => withSummaries(search(opened.load().index, query, options), (id) => byId.get(id)!)),
    load: (options) => guard(options, () => opened.load())
  }
}
