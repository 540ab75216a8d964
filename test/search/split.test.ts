/**
 * The index split by term range: a head and shards, loaded as a query needs
 * them, answer as the whole index does.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {buildIndex, search, type Runbook} from '@runbook-kit/core'
import {loadRunbooks} from '@runbook-kit/core/node'
import {
  addShard,
  openIndexHead,
  rank,
  shardsFor,
  splitIndex,
  toResults,
  type IndexShard,
  type PartialIndex
} from '../../packages/core/src/search/internal.js'
import {corpusDir, hasCorpus} from '../helpers/corpus.js'
import {corpus, library} from './relevance-cases.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Through JSON, as a bundle reader gets them. */
const roundTrip = <T>(value: T): unknown => JSON.parse(JSON.stringify(value))

describe('split index', async () => {
  const loaded = await loadRunbooks(path.join(root, 'runbooks'))
  const runbooks: Runbook[] = [...loaded.runbooks]
  if (hasCorpus) runbooks.push(...(await loadRunbooks(corpusDir)).runbooks)
  else console.log(`split index: corpus not found at ${corpusDir}, testing over runbooks/ only`)
  const index = buildIndex(runbooks)
  // Small shards, so that queries cross shard boundaries even over a small library.
  const shardBytes = hasCorpus ? 40_000 : 4_000
  const {head, shards} = splitIndex(index, {shardBytes})
  const queries = (hasCorpus ? [...library, ...corpus] : library).map((c) => c.q)
  const runbookAt = (n: number) => runbooks[n]!

  /** A fresh partial index with the shards `query` needs loaded. */
  const open = (query: string, options?: Parameters<typeof shardsFor>[2]): {partial: PartialIndex; needed: number[]} => {
    const partial = openIndexHead(roundTrip(head))
    const needed = shardsFor(partial, query, options)
    for (const n of needed) addShard(partial, n, roundTrip(shards[n]))
    return {partial, needed}
  }

  it('cuts the terms into shards of about the size asked, each a sorted range', () => {
    expect(shards.length).toBeGreaterThan(3)
    expect(head.shards.length).toBe(shards.length)
    const terms = index.toJSON().terms
    expect(shards.flatMap((s) => s.terms)).toEqual(terms)
    for (const [n, shard] of shards.entries()) {
      expect(shard.shard).toBe(n)
      const size = JSON.stringify(shard).length
      // Over the target only when one term's list alone is larger.
      if (shard.terms.length > 1) expect(size).toBeLessThan(shardBytes * 1.1 + 200)
      if (n > 0) expect(head.shards[n]).toBe(shard.terms[0])
    }
    // The head has no per-term data: it stays far smaller than the index.
    expect(JSON.stringify(head).length).toBeLessThan(JSON.stringify(index).length / 20)
  })

  it('gives the same results as the whole index for the relevance queries, without typos', () => {
    for (const query of queries) {
      const options = {limit: 10, fuzzy: false}
      const {partial} = open(query, options)
      const split = toResults(rank(partial, query, options), runbookAt, options)
      expect(split, query).toEqual(search(index, query, options))
    }
  })

  it('gives the same results with typo tolerance once the shards near each word are loaded', () => {
    let same = 0
    const differ: string[] = []
    for (const query of queries) {
      const {partial} = open(query)
      const split = toResults(rank(partial, query), runbookAt)
      const whole = search(index, query)
      if (JSON.stringify(split) === JSON.stringify(whole)) same++
      else differ.push(query)
    }
    console.log(`split index: ${same} of ${queries.length} relevance queries answer as the whole index; typo words differ: ${differ.join(', ') || 'none'}`)
    // Only queries with a word the index lacks (a typo) may differ: typos are looked for in loaded shards only.
    for (const query of differ) {
      const whole = search(index, query, {fuzzy: false})
      const {partial} = open(query, {fuzzy: false})
      expect(toResults(rank(partial, query, {fuzzy: false}), runbookAt), query).toEqual(whole)
    }
    expect(same / queries.length).toBeGreaterThanOrEqual(0.85)
  })

  it('answers exactly as the whole index when every shard is loaded', () => {
    const partial = openIndexHead(roundTrip(head))
    shards.forEach((shard, n) => addShard(partial, n, roundTrip(shard)))
    for (const query of [...queries, 'pinter', 'dsik', 'offboardng', 'spoo', '192.168']) {
      expect(toResults(rank(partial, query), runbookAt), query).toEqual(search(index, query))
    }
    expect(shardsFor(partial, 'printer offline')).toEqual([])
  })

  it('filters by category from the head, and by tags through accept', () => {
    const category = runbooks[0]!.meta.category
    const {partial} = open('restart', {category})
    const split = toResults(rank(partial, 'restart', {category, fuzzy: false}), runbookAt)
    expect(split).toEqual(search(index, 'restart', {category, fuzzy: false}))
    expect(split.length).toBeGreaterThan(0)
    const tagged = runbooks.findIndex((r) => r.meta.tags.length > 0)
    const tag = runbooks[tagged]!.meta.tags[0]!
    const accept = (r: number) => runbooks[r]!.meta.tags.map((t) => t.toLowerCase()).includes(tag.toLowerCase())
    const query = runbooks[tagged]!.title
    // Without typos: a filter that leaves few hits sends typo lookups to shards not loaded.
    const {partial: other} = open(query)
    expect(toResults(rank(other, query, {accept, fuzzy: false}), runbookAt)).toEqual(search(index, query, {tags: [tag], fuzzy: false}))
    expect(() => rank(other, query, {tags: [tag]})).toThrow(/runbook-kit: .*accept/)
  })

  it('never asks for more shards than the cap, and never throws on any query', () => {
    const partial = openIndexHead(roundTrip(head))
    fc.assert(
      fc.property(fc.string({maxLength: 200}), fc.integer({min: 1, max: 8}), (query, maxShards) => {
        const needed = shardsFor(partial, query, {maxShards})
        expect(needed.length).toBeLessThanOrEqual(maxShards)
        expect(needed).toEqual([...needed].sort((a, b) => a - b))
        expect(Array.isArray(rank(partial, query))).toBe(true)
      }),
      {numRuns: 300}
    )
    const long = queries.join(' ')
    expect(shardsFor(partial, long).length).toBeLessThanOrEqual(6)
    expect(shardsFor(partial, long, {maxShards: 2}).length).toBeLessThanOrEqual(2)
    // A long query still ranks from the shards it could load.
    const {partial: some} = open(long, {maxShards: 2})
    expect(rank(some, long).length).toBeGreaterThan(0)
  })

  it('asks only for shards not loaded yet', () => {
    const partial = openIndexHead(roundTrip(head))
    const first = shardsFor(partial, 'printer offline')
    expect(first.length).toBeGreaterThan(0)
    for (const n of first) addShard(partial, n, roundTrip(shards[n]))
    expect(shardsFor(partial, 'printer offline')).toEqual([])
    expect(shardsFor(partial, 'offline printer')).toEqual([])
  })

  it('refuses a malformed head or shard with a runbook-kit TypeError', () => {
    expect(() => openIndexHead(null)).toThrow(TypeError)
    expect(() => openIndexHead({...head, version: 1})).toThrow(/runbook-kit: index head version 1 is not supported/)
    expect(() => openIndexHead({...head, steps: 'zz!'})).toThrow(/runbook-kit: index head "steps"/)
    expect(() => openIndexHead({...head, shards: ['b', 'a']})).toThrow(/runbook-kit: index head "shards"/)
    const partial = openIndexHead(roundTrip(head))
    const shard = shards[1]!
    expect(() => addShard(partial, 1, {...shard, postings: shard.postings.map(() => '!')})).toThrow(/runbook-kit: index shard 1 postings/)
    expect(() => addShard(partial, 2, shard)).toThrow(/runbook-kit: index shard 2 is shard 1/)
    expect(() => addShard(partial, shards.length, shard)).toThrow(/runbook-kit: shard number/)
    const outside: IndexShard = {...shard, terms: ['', ...shard.terms.slice(1)]}
    expect(() => addShard(partial, 1, outside)).toThrow(/runbook-kit: index shard 1/)
    expect(() => shardsFor({runbookCount: 1, shardCount: 1}, 'x')).toThrow(/runbook-kit: expected a PartialIndex/)
    expect(() => rank({}, 'x')).toThrow(/runbook-kit: expected a SearchIndex/)
  })
})
