/**
 * Fetching the files of a bundle, with errors that name them.
 *
 * @module
 */
import type {RunbookSummary} from '../bundle.js'
import type {SearchResult} from '../search/search.js'
import {type AbortSignal, checkAborted} from './web.js'

/** How to fetch a file: `globalThis.fetch` has this shape. */
export type BundleFetch = (
  url: string,
  init: {signal?: AbortSignal | undefined}
) => Promise<{ok: boolean; status: number; text(): Promise<string>}>

/** @internal How a reader gets files and names them in errors. */
export interface Source {
  fetch: BundleFetch
  /** The name of a file in messages (the URL; Node tools give paths). */
  name: (url: string) => string
}

/** A search result with the summary of its runbook (for badges and lists). */
export interface BundleSearchResult extends SearchResult {
  summary: RunbookSummary
}

/** @internal The text of the file at `url`; an `Error` naming it when it cannot be had. */
export async function fetchText(source: Source, url: string, signal?: AbortSignal | undefined): Promise<string> {
  checkAborted(signal)
  let response: Awaited<ReturnType<BundleFetch>>
  try {
    response = await source.fetch(url, {signal})
  } catch (error) {
    checkAborted(signal)
    throw new Error(`runbook-kit: cannot read ${source.name(url)}: ${reason(error)}`)
  }
  if (!response.ok) {
    const status = /^https?:/i.test(url) ? ` (HTTP ${response.status})` : ''
    throw new Error(`runbook-kit: cannot read ${source.name(url)}: ${response.status === 404 ? 'no such file' : 'failed'}${status}`)
  }
  try {
    return await response.text()
  } catch (error) {
    checkAborted(signal)
    throw new Error(`runbook-kit: cannot read ${source.name(url)}: ${reason(error)}`)
  }
}

/** @internal */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new Error(`runbook-kit: ${name} is not valid JSON (${reason(error)})`)
  }
}

/** @internal Resolve with `promise`, or reject with the signal's reason as soon as it aborts. */
export function until<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', abort, {once: true})
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(error as Error)
      }
    )
  })
}

/** @internal A problem with a file, as an `Error` naming it (from a `runbook-kit:` TypeError of a checker). */
export function fileError(name: string, error: unknown): Error {
  return new Error(`runbook-kit: ${name}: ${reason(error).replace(/^runbook-kit: /, '')}`)
}

/** @internal Attach summaries to search results. */
export function withSummaries(results: SearchResult[], summaryOf: (id: string) => RunbookSummary): BundleSearchResult[] {
  return results.map((result) => ({...result, summary: summaryOf(result.runbookId)}))
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
