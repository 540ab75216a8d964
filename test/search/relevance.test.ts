/**
 * Relevance: what an on-call person types (typos, error codes, alert names,
 * half-remembered titles) and the runbook (and step) they need, over our
 * library (runbooks/) and the third-party corpus indexed together.
 * Prints top-1 and top-3 hit rates; the goal is top-3 ≥ 90%.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildIndex, search, type Runbook} from '@runbook-kit/core'
import {loadRunbooks} from '@runbook-kit/core/node'
import {corpusDir, hasCorpus} from '../helpers/corpus.js'
import {type Case, corpus, library} from './relevance-cases.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('relevance', async () => {
  const loaded = await loadRunbooks(path.join(root, 'runbooks'))
  const runbooks: Runbook[] = [...loaded.runbooks]
  if (hasCorpus) runbooks.push(...(await loadRunbooks(corpusDir)).runbooks)
  const index = buildIndex(runbooks)
  const byId = new Map(runbooks.map((r) => [r.id, r]))
  const cases = hasCorpus ? [...library, ...corpus] : library

  const rank = (c: Case): number => {
    const results = search(index, c.q, {limit: 10})
    return results.findIndex((result) => {
      if (c.id !== undefined) return result.runbookId === c.id && (c.step === undefined || result.stepId === c.step)
      const runbook = byId.get(result.runbookId)
      // Several corpus runbooks can share an id: compare by the result's own file too.
      const files = [c.file].flat() as string[]
      const candidates = runbooks.filter((r) => r.id === result.runbookId).map((r) => r.file ?? '')
      const fileMatch = candidates.some((file) => files.some((f) => file.endsWith(`/${f}`)))
      return Boolean(runbook) && fileMatch && (c.step === undefined || result.stepTitle === c.step)
    })
  }

  it('has at least 40 cases, over the library and the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(hasCorpus ? 40 : 30)
    for (const c of library) expect(byId.has(c.id!), `library runbook ${c.id}`).toBe(true)
  })

  it('finds the expected runbook (and step) in the top 3 for at least 90% of queries', () => {
    const ranks = cases.map((c) => ({c, rank: rank(c)}))
    const top1 = ranks.filter((r) => r.rank === 0).length / cases.length
    const top3 = ranks.filter((r) => r.rank >= 0 && r.rank < 3).length / cases.length
    const misses = ranks.filter((r) => r.rank < 0 || r.rank >= 3)
    console.log(
      `relevance over ${runbooks.length} runbooks: ${cases.length} queries, ` +
        `top-1 ${(top1 * 100).toFixed(1)}%, top-3 ${(top3 * 100).toFixed(1)}%` +
        (misses.length ? `\n  misses: ${misses.map((m) => `"${m.c.q}" (rank ${m.rank < 0 ? '>10' : m.rank + 1})`).join(', ')}` : '')
    )
    expect(top3).toBeGreaterThanOrEqual(0.9)
  })
})
