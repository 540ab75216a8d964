/**
 * Results to show: titles and snippets of ranked hits, read from their
 * runbooks only.
 *
 * @module
 */
import type {Runbook} from '../types.js'
import {type SearchOptions, resolve} from './options.js'
import {normalizeTerm} from './pipeline.js'
import type {RankedHit} from './rank.js'
import {runbookText, stepText} from './text.js'
import {tokenizeFor} from './tokenize.js'

/** A place in a snippet to highlight: `[start, end)` offsets into `text`. */
export type HighlightRange = [start: number, end: number]

/** A short passage of the matched text, with the matched words marked. */
export interface Snippet {
  text: string
  highlights: HighlightRange[]
}

/** One search result: a runbook, and the step that matched best. */
export interface SearchResult {
  runbookId: string
  /** The step; absent when only the runbook's title, tags or intro matched. */
  stepId?: string | undefined
  score: number
  /** The runbook's title. */
  title: string
  stepTitle?: string | undefined
  snippet: Snippet
}

/**
 * Titles and snippets of ranked hits (`rank`): needs only the runbooks of
 * the hits.
 *
 * @param hits
 *   From `rank`.
 * @param runbookAt
 *   The runbook of a hit's number (in index order).
 * @param options
 *   `snippetLength` is read.
 * @returns
 *   One result per hit, in order.
 */
export function toResults(
  hits: readonly RankedHit[],
  runbookAt: (n: number) => Runbook,
  options?: SearchOptions | null | undefined
): SearchResult[] {
  const length = resolve(options).snippetLength
  return hits.map((hit) => {
    const runbook = runbookAt(hit.runbook)
    const step = hit.step >= 0 ? runbook.steps[hit.step] : undefined
    // A step that is only a title (an item of a numbered list) shows its title.
    const text = (step ? stepText(step) || step.title : runbookText(runbook)) || runbook.title
    const result: SearchResult = {
      runbookId: runbook.id,
      score: Math.round(hit.score * 1000) / 1000,
      title: runbook.title,
      snippet: snippet(text, new Set(hit.terms), length)
    }
    if (step) {
      result.stepId = step.id
      result.stepTitle = step.title
    }
    return result
  })
}

/**
 * A passage of `text` around the densest run of matched terms, with their
 * ranges.
 *
 * @param text
 *   Plain text of a step or runbook intro, on one line.
 * @param terms
 *   Index terms that matched (stemmed).
 * @param length
 *   Snippet length in characters.
 */
export function snippet(text: string, terms: ReadonlySet<string>, length: number): Snippet {
  const ranges: HighlightRange[] = []
  // Stemming only changes the end of a word: a token whose first two
  // letters start no matched term cannot match (and is not stemmed).
  const heads = new Set([...terms].map((term) => term.slice(0, 2)))
  for (const token of tokenizeFor(text, heads)) {
    if (!heads.has(token.term.slice(0, 2))) continue
    const term = normalizeTerm(token.term)
    if (term === undefined || !terms.has(term)) continue
    const last = ranges[ranges.length - 1]
    if (last && token.start < last[1]) last[1] = Math.max(last[1], token.end)
    else ranges.push([token.start, token.end])
  }
  if (text.length <= length) return {text, highlights: ranges}

  // The window that holds the most highlights.
  let best = 0
  let bestCount = 0
  for (let i = 0; i < ranges.length; i++) {
    let count = 0
    for (let j = i; j < ranges.length && ranges[j]![1] <= ranges[i]![0] + length - 30; j++) count++
    if (count > bestCount) [best, bestCount] = [i, count]
  }
  let start = ranges.length > 0 ? Math.max(0, ranges[best]![0] - 30) : 0
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space >= 0 && space < (ranges[best]?.[0] ?? start) ? space + 1 : start
  }
  let stop = Math.min(text.length, start + length)
  if (stop < text.length) {
    const space = text.lastIndexOf(' ', stop)
    if (space > start + length / 2) stop = space
  }
  const lead = start > 0 ? '…' : ''
  const out = lead + text.slice(start, stop) + (stop < text.length ? '…' : '')
  const highlights: HighlightRange[] = []
  for (const [a, b] of ranges) {
    if (a >= start && b <= stop) highlights.push([a - start + lead.length, b - start + lead.length])
  }
  return {text: out, highlights}
}
