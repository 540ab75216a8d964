import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildIndex} from '@runbook-kit/core'
import {loadRunbooks} from '@runbook-kit/core/node'
import {indexInternals} from '../../packages/core/src/search/build.js'
import {evaluate} from '../../packages/core/src/search/evaluate.js'
import {planQuery, runWithLunr} from '../../packages/core/src/search/search.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('evaluate', async () => {
  const {runbooks} = await loadRunbooks(path.join(root, 'runbooks'))
  const idx = indexInternals(buildIndex(runbooks)).lunr
  const queries = ['printer offline', 'restart spooler', 'vpn', 'dns not resolving', 'spoo', 'windo', 'restore database',
    'Get-PrintJob', '192.168', 'ipconfig /flushdns', 'wi-fi', 'new hire laptop', 'mfa', 'it', 'C:\\Windows', 'check the',
    'pinter', 'offboardng', 'ransomware', 'phishing email reported', 'x', 'bitlocker recovery key']

  it('scores and orders exactly as lunr’s idx.query() for the clauses search makes', () => {
    let compared = 0
    for (const query of queries) {
      const plan = planQuery(query, true)
      // No clauses: lunr answers every document (search() answers nothing before asking).
      if (plan.exact.length === 0) {
        expect(runWithLunr(idx, []).length).toBe(idx.query(() => {}).length)
        continue
      }
      for (const clauses of [plan.exact, [...plan.exact, ...plan.fuzzy]]) {
        const ours = evaluate(idx, clauses).map((m) => [m.ref, m.score])
        const theirs = runWithLunr(idx, clauses).map((r) => [r.ref, r.score])
        expect(ours, query).toEqual(theirs)
        compared += ours.length
      }
    }
    expect(compared).toBeGreaterThan(500)
  })

  it('gives the same matched terms and fields as lunr’s match data', () => {
    const clauses = planQuery('restart the print spooler', true).exact
    const theirs = runWithLunr(idx, clauses)
    const ours = evaluate(idx, clauses)
    for (let i = 0; i < ours.length; i++) {
      const fromLunr = Object.entries(theirs[i]!.matchData.metadata)
        .flatMap(([term, fields]) => Object.keys(fields).map((field) => `${term}@${field}`))
        .sort()
      const fromOurs = ours[i]!.fields.flatMap((f) => f.terms.map((term) => `${term}@${f.field}`)).sort()
      expect(fromOurs).toEqual(fromLunr)
    }
  })
})
