/**
 * Search input: any string gives results or none, never an exception. The
 * search tests (test/search/property.test.ts) cover random queries and every
 * lunr operator; these add very long and operator-heavy queries, hostile
 * indexed text, and an index built from fuzzed runbooks.
 */
import {buildIndex, loadBundle, createBundle, parseRunbook, type Runbook, search, type SearchIndex} from '@runbook-kit/core'
import fc from 'fast-check'
import {beforeAll, describe, expect, test} from 'vitest'
import {markdownArb, oddCharArb} from './arbitraries.js'
import {fuzzSeed} from './invariants.js'

const operators = [':', '~', '^', '+', '-', '*', '\\', '"', "'", '(', ')', '[', ']', '{', '}', '/', '!', '?', '&&', '||', 'AND', 'OR', 'NOT', 'title:', 'body:', '~1', '^10', '*:*']

const hostile = `---
title: Hostile <img src=x onerror=alert(1)>
id: hostile
tags: ["<script>", "title:x", "*"]
---
# Hostile

## Step 1: Restart the printer spooler ~2 ^5 +must -not *wild* {#s1}

Run \`net stop spooler\` then title:printer body:~ "quoted" \\ (x) [y] {z}.

## Step 2: __proto__ constructor toString {#s2}

Check 0x80070005 and fe80::1 and C:\\Windows\\System32.
`

function answers(index: SearchIndex, query: unknown): unknown[] {
  const results = search(index, query as string)
  expect(Array.isArray(results)).toBe(true)
  for (const result of results) {
    expect(Number.isFinite(result.score)).toBe(true)
    for (const [start, end] of result.snippet.highlights) expect(0 <= start && start <= end && end <= result.snippet.text.length).toBe(true)
  }
  return results
}

describe('search input', () => {
  let index: SearchIndex
  let runbooks: Runbook[]
  beforeAll(() => {
    runbooks = [parseRunbook(hostile).runbook, parseRunbook('# Printer\n\n## Step 1: Restart the spooler\n\nText.\n').runbook]
    index = buildIndex(runbooks)
  })

  test('the hostile runbook is findable by plain words', () => {
    expect(answers(index, 'spooler').length).toBeGreaterThan(0)
    expect(answers(index, 'proto constructor').length).toBeGreaterThanOrEqual(0)
  })

  // Found here: "constructor" was stemmed to Object's constructor function (a
  // lookup in a plain object), so any runbook with that word made a bundle
  // that could not be loaded, and searching for it threw.
  test('words named like Object.prototype members index and search as words', () => {
    const words = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', 'isPrototypeOf']
    const runbook = parseRunbook(`# Words\n\n## Step 1: Read\n\n${words.join(' ')}\n`).runbook
    const bundle = JSON.parse(JSON.stringify(createBundle([runbook])))
    const loaded = loadBundle(bundle)
    for (const word of words) {
      expect(answers(loaded.index, word).length, word).toBeGreaterThan(0)
    }
  })

  test('very long queries (100 KB to 1 MB): words, of one word, of operators, of odd characters', () => {
    const queries = [
      'printer '.repeat(65_536),
      'a'.repeat(1_000_000),
      operators.join(' ').repeat(20_000),
      operators.join('').repeat(20_000),
      '\u0000\ud800\ufeff\u202e'.repeat(250_000),
      'spooler '.repeat(60) + '~'.repeat(100_000)
    ]
    for (const query of queries) {
      expect(query.length).toBeGreaterThanOrEqual(100_000)
      answers(index, query)
    }
  })

  test('every operator alone, doubled, around a word, and after 500 characters of padding', () => {
    for (const a of operators) {
      for (const query of [a, a + a, `${a}spooler`, `spooler${a}`, `${a}spooler${a}`, `${' '.repeat(500)}${a}spooler`, `${'x '.repeat(255)}${a}`]) answers(index, query)
    }
  })

  test('queries that are not strings find nothing and do not throw', () => {
    for (const query of [undefined, null, 42, {}, [], Symbol.iterator, () => 'x']) expect(answers(index, query)).toEqual([])
  })

  test('random strings of operators and odd characters', () => {
    const query = fc.array(fc.oneof(fc.constantFrom(...operators), oddCharArb, fc.string({maxLength: 4}), fc.constantFrom('spooler', 'printer', 'fe80::1')), {maxLength: 40}).map((parts) => parts.join(''))
    fc.assert(fc.property(query, (text) => void answers(index, text)), {numRuns: 1500, seed: fuzzSeed()})
  })

  test('an index of fuzzed runbooks, loaded back from a bundle, answers random queries', () => {
    fc.assert(
      fc.property(fc.array(markdownArb, {minLength: 1, maxLength: 4}), fc.string({maxLength: 30}), (texts, query) => {
        const parsed = texts.map((markdown, i) => parseRunbook(markdown, {file: `runbooks/r${i}.md`}).runbook)
        const loaded = loadBundle(JSON.parse(JSON.stringify(createBundle(parsed))))
        answers(loaded.index, query)
        for (const runbook of parsed) answers(loaded.index, runbook.title)
      }),
      {numRuns: 60, seed: fuzzSeed()}
    )
  }, 60_000)
})
