/**
 * A stand-in for core's `fetchBundle` (issue 14, interfaces.md part B) until
 * core exports it: the same names and shapes, over today's one-file bundles
 * and core's synchronous `openBundle`. The widget reads bundles only through
 * `library.ts`, which imports this file; when core has `fetchBundle`, delete
 * this file and import `fetchBundle` and its types from core there.
 */
import {
  type LoadedBundle,
  openBundle,
  type Runbook,
  type RunbookSummary,
  search,
  type SearchOptions,
  type SearchResult
} from './core.js'

/** Options of {@link fetchBundle}. */
export interface FetchBundleOptions {
  /** How to fetch a file (default: globalThis.fetch with credentials 'same-origin'). */
  fetch?: ((url: string, init: {signal?: AbortSignal | undefined}) => Promise<{ok: boolean; status: number; text(): Promise<string>}>) | null | undefined
  /** Aborts the fetch. (default: none) */
  signal?: AbortSignal | null | undefined
}

/** A search result with its runbook's summary. */
export interface BundleSearchResult extends SearchResult {
  summary: RunbookSummary
}

/** An opened bundle, read on demand (core's `BundleReader`). */
export interface BundleReader {
  readonly version: number
  /** Number of runbooks. */
  readonly count: number
  /** Categories present, each once, in bundle order (for filter chips). */
  readonly categories: readonly string[]
  has(id: string, options?: {signal?: AbortSignal}): Promise<boolean>
  runbook(id: string, options?: {signal?: AbortSignal}): Promise<Runbook | undefined>
  /** Every summary in bundle order, optionally one category. */
  summaries(options?: {category?: string | undefined; signal?: AbortSignal}): Promise<readonly RunbookSummary[]>
  /** Results carry their runbook's summary. */
  search(query: string, options?: SearchOptions & {signal?: AbortSignal}): Promise<BundleSearchResult[]>
  /** Everything: all runbooks and the whole index. */
  load(options?: {signal?: AbortSignal}): Promise<LoadedBundle>
}

/** Rejects with the signal's reason when it is aborted. */
function check(signal: AbortSignal | null | undefined): void {
  if (signal?.aborted) throw signal.reason
}

/** Open the one-file bundle at `url`. Rejects with an `Error` naming the URL when it cannot be fetched or read. */
export async function fetchBundle(url: string | URL, options?: FetchBundleOptions | null): Promise<BundleReader> {
  const href = String(url)
  const signal = options?.signal ?? undefined
  const get = options?.fetch ?? ((u: string, init: {signal?: AbortSignal | undefined}) => globalThis.fetch(u, {...init, credentials: 'same-origin'}))
  const response = await get(href, {signal})
  if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`)
  const text = await response.text()
  check(signal)
  let opened: ReturnType<typeof openBundle>
  try {
    opened = openBundle(text)
  } catch (error) {
    throw new Error(`${href}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const all = opened.summaries
  const byId = new Map<string, RunbookSummary>()
  for (const summary of all) if (!byId.has(summary.id)) byId.set(summary.id, summary)
  return {
    version: opened.version,
    count: all.length,
    categories: [...new Set(all.map((summary) => summary.meta.category))],
    async has(id, options) {
      check(options?.signal)
      return byId.has(id)
    },
    async runbook(id, options) {
      check(options?.signal)
      return opened.runbook(id)
    },
    async summaries(options) {
      check(options?.signal)
      const category = options?.category
      return category ? all.filter((summary) => summary.meta.category === category) : all
    },
    async search(query, options) {
      check(options?.signal)
      return search(opened.load().index, query, options).flatMap((hit) => {
        const summary = byId.get(hit.runbookId)
        return summary ? [{...hit, summary}] : []
      })
    },
    async load(options) {
      check(options?.signal)
      return opened.load()
    }
  }
}
