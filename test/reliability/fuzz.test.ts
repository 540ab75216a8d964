/**
 * Fuzzing the parser (and what is built on it) with fast-check.
 *
 * `npm test` runs a few thousand cases with a fixed seed; `npm run fuzz`
 * (scripts/fuzz.mjs) sets `FUZZ_RUNS` to run 100,000 or more and
 * `FUZZ_SEED` to explore new inputs. A failure prints the seed and the
 * shrunk input; add it as a named test in limits.test.ts when fixed.
 *
 * Invariants (test/reliability/invariants.ts): no throw, no `invalid-input`
 * diagnostic (an internal error), a start step that exists, unique ids,
 * every edge inside the runbook leading to one of its steps, every step
 * position inside the file, plain JSON that reads back equal.
 */
import {readFileSync} from 'node:fs'
import {createCollection, createSession, restoreSession, type Runbook} from '@runbook-kit/core'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {corpusFiles, corpusPath, hasCorpus} from '../helpers/corpus.js'
import {markdownArb, mutate, mutationsArb} from './arbitraries.js'
import {checkRunbook, fuzzRuns, fuzzSeed, parseSound, readSource, roundTrips} from './invariants.js'

/** Share of the runs of each property; `npm test` runs `defaultTotal` in all. */
const defaultTotal = 2000
const total = fuzzRuns(defaultTotal)
const runs = {
  generated: Math.ceil(total * 0.6),
  options: Math.ceil(total * 0.1),
  corpus: Math.ceil(total * (hasCorpus ? 0.15 : 0)),
  collection: Math.ceil(total * 0.05),
  session: Math.ceil(total * 0.1)
}
const seed = fuzzSeed()
/** Time allowed per property: generous, since a loaded machine is slow (a case takes 2–20 ms). */
const timeout = (count: number) => 60_000 + count * (process.env.FUZZ_RUNS ? 60 : 20)
const counted: Record<string, number> = {}
const count = (name: string) => {
  counted[name] = (counted[name] ?? 0) + 1
}

describe(`fuzzing (seed ${seed}, ${Object.values(runs).reduce((a, b) => a + b)} cases)`, () => {
  test(
    'structured Markdown never breaks the parser',
    () => {
      fc.assert(
        fc.property(markdownArb, (markdown) => {
          count('generated')
          parseSound(markdown, {file: 'runbooks/fuzz.md'})
        }),
        {numRuns: runs.generated, seed}
      )
      expect(counted.generated).toBeGreaterThanOrEqual(runs.generated)
    },
    timeout(runs.generated)
  )

  test(
    'structured Markdown under every option (positions, small limits) keeps the invariants',
    () => {
      const optionsArb = fc.record({
        positions: fc.option(fc.boolean()),
        maxSteps: fc.option(fc.integer({min: -1, max: 6})),
        maxSize: fc.option(fc.integer({min: 0, max: 400})),
        maxNesting: fc.option(fc.integer({min: -1, max: 6})),
        maxParagraph: fc.option(fc.integer({min: -1, max: 3000})),
        id: fc.option(fc.constantFrom('x', '__proto__', ''))
      })
      fc.assert(
        fc.property(markdownArb, optionsArb, (markdown, options) => {
          count('options')
          const {runbook, diagnostics} = parseSound(markdown, options)
          if (options.maxSteps !== null) expect(runbook.steps.length).toBeLessThanOrEqual(Math.max(1, options.maxSteps))
          const limited = diagnostics.filter((d) => d.ruleId === 'limit-exceeded')
          if (options.maxSize !== null && readSource(markdown).length > options.maxSize) expect(limited.length).toBeGreaterThan(0)
        }),
        {numRuns: runs.options, seed}
      )
    },
    timeout(runs.options)
  )

  const corpusTexts = hasCorpus ? corpusFiles().map((file) => readFileSync(corpusPath(file), 'utf8')) : []
  test.skipIf(!hasCorpus)(
    'mutated corpus files never break the parser',
    () => {
      expect(corpusTexts.length).toBeGreaterThan(100)
      fc.assert(
        fc.property(fc.nat(corpusTexts.length - 1), mutationsArb, (index, mutations) => {
          count('corpus')
          parseSound(mutate(corpusTexts[index]!, mutations), {file: 'corpus/mutated.md'})
        }),
        {numRuns: runs.corpus, seed}
      )
    },
    timeout(runs.corpus * 3)
  )

  test(
    'collections of generated runbooks that link to each other resolve without breaking',
    () => {
      const files = ['runbooks/a.md', 'runbooks/other.md', 'x/other.md', 'runbooks/a b.md']
      fc.assert(
        fc.property(fc.array(markdownArb, {minLength: 1, maxLength: 4}), (texts) => {
          count('collection')
          const collection = createCollection(texts.map((markdown, index) => ({markdown, file: files[index]})))
          expect(collection.diagnostics.filter((d) => d.ruleId === 'invalid-input')).toEqual([])
          collection.runbooks.forEach((runbook, index) => {
            expect(checkRunbook(runbook, readSource(texts[index]!))).toEqual([])
            expect(collection.get(runbook.id)).toBeDefined()
          })
          const ids = new Map(collection.runbooks.map((runbook) => [runbook.id, new Set(runbook.steps.map((s) => s.id))]))
          for (const runbook of collection.runbooks) {
            for (const step of runbook.steps) {
              for (const edge of step.edges) {
                // A resolved cross-runbook edge leads to a step of that runbook (or its start).
                const target = edge.runbook === undefined ? undefined : ids.get(edge.runbook)
                if (target && edge.to !== undefined) expect(typeof edge.to).toBe('string')
              }
            }
          }
          expect(roundTrips(collection.runbooks)).toBe(true)
        }),
        {numRuns: runs.collection, seed}
      )
    },
    timeout(runs.collection * 4)
  )

  test(
    'a session walks any generated runbook, and save → restore gives it back',
    () => {
      fc.assert(
        fc.property(markdownArb, fc.array(fc.nat(5), {maxLength: 12}), (markdown, picks) => {
          count('session')
          const {runbook} = parseSound(markdown)
          let clock = 1_000
          const now = () => (clock += 1_000)
          const session = createSession(runbook, {now, id: () => 'fuzz'})
          for (const pick of picks) {
            if (session.status !== 'active') break
            const choices = session.choices()
            session.complete(choices.length === 0 ? undefined : pick % choices.length)
            expect(idsOf(runbook).has(session.current.id)).toBe(true)
          }
          const saved = JSON.parse(JSON.stringify(session.toJSON())) as unknown
          const restored = restoreSession(runbook, saved, {now})
          expect(restored.report?.restored).toBe(true)
          expect(restored.current.id).toBe(session.current.id)
          expect(restored.path).toEqual(session.path)
          expect(restored.progress()).toEqual(session.progress())
          expect(restored.toJSON()).toEqual(session.toJSON())
        }),
        {numRuns: runs.session, seed}
      )
    },
    timeout(runs.session * 2)
  )

  test('counts', () => {
    // Printed so `npm run fuzz` can report what ran.
    console.log(`fuzz cases run: ${JSON.stringify(counted)} (seed ${seed})`)
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  })
})

function idsOf(runbook: Runbook): Set<string> {
  return new Set(runbook.steps.map((step) => step.id))
}

