import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {buildIndex, parseRunbook, search, tokenize} from '@runbook-kit/core'

const markdown = `---
tags: [printer, vpn]
---
# Printer and VPN

## Restart the spooler

Error 0x80070005 at C:\\Windows\\System32. Ping 192.168.1.1 or fe80::1.

\`\`\`sh
kubectl delete pod --force
\`\`\`

## KubePodCrashLooping

ERR_CONNECTION_REFUSED on proxy:8080; DNS over IPv6 on iOS.
`
const index = buildIndex([parseRunbook(markdown).runbook])

/** Every character lunr's query parser gives a meaning to, plus what people paste. */
const operators = [':', '~', '^', '+', '-', '*', '"', '\\', '/', '.', '_', '@', '#', '(', ')', '[', ']', '{', '}', '?', '!', '&', '|', '<', '>', "'", '`', '=', ',', ';', '%', '$']
const words = ['printer', 'dns', 'ipv6', 'spooler', 'KubePodCrashLooping', '0x80070005', 'C:\\Windows', 'fe80', 'the', 'it', 'windows', 'pod', '192.168', 'a', '1']
const pieces = fc.oneof(
  fc.constantFrom(...operators),
  fc.constantFrom(...words),
  fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u200b'),
  fc.string({maxLength: 6}),
  fc.string({unit: 'grapheme', maxLength: 4}),
  fc.integer({min: 0, max: 10_000}).map(String)
)
const queries = fc.oneof(
  fc.array(pieces, {maxLength: 12}).map((parts) => parts.join('')),
  fc.string({maxLength: 40}),
  fc.string({unit: 'binary', maxLength: 40})
)
const options = fc.record(
  {
    limit: fc.oneof(fc.integer({min: -5, max: 50}), fc.constant(Number.NaN), fc.constant(null)),
    prefix: fc.oneof(fc.boolean(), fc.constant(undefined)),
    fuzzy: fc.oneof(fc.boolean(), fc.constant(undefined)),
    perRunbook: fc.oneof(fc.integer({min: -1, max: 5}), fc.constant(undefined)),
    category: fc.oneof(fc.constant(undefined), fc.constant('troubleshooting'), fc.constant(['other', 'onboarding'])),
    tags: fc.oneof(fc.constant(undefined), fc.constant(['printer']), fc.constant([]))
  },
  {requiredKeys: []}
)

describe('search never throws', () => {
  it('on thousands of random queries with every lunr operator', () => {
    let answered = 0
    fc.assert(
      fc.property(queries, options, (query, opts) => {
        const results = search(index, query, opts)
        expect(Array.isArray(results)).toBe(true)
        for (const result of results) {
          expect(Number.isFinite(result.score)).toBe(true)
          for (const [start, end] of result.snippet.highlights) {
            expect(0 <= start && start < end && end <= result.snippet.text.length).toBe(true)
          }
        }
        if (results.length > 0) answered++
      }),
      {numRuns: 2500, seed: 20261123}
    )
    // The generator is not just noise: many queries find something.
    expect(answered).toBeGreaterThan(100)
  })

  it('on every single operator and every pair of them', () => {
    for (const a of operators) {
      expect(() => search(index, a), a).not.toThrow()
      for (const b of operators) {
        for (const query of [`${a}printer${b}`, `dns ${a}${b}ipv6`]) {
          expect(() => search(index, query), query).not.toThrow()
        }
      }
    }
  })

  it('tokenizes any string to tokens that point into it', () => {
    fc.assert(
      fc.property(fc.oneof(queries, fc.string({unit: 'grapheme-composite', maxLength: 60})), (text) => {
        for (const token of tokenize(text)) {
          expect(token.end).toBeGreaterThan(token.start)
          // Hyphenated words also give their joined form (`Wi-Fi` → `wifi`).
          const slice = text.slice(token.start, token.end).toLowerCase()
          expect(token.part ? slice.replaceAll('-', '') : slice).toBe(token.part ? token.term.replaceAll('-', '') : token.term)
        }
      }),
      {numRuns: 2000, seed: 7}
    )
  })
})
