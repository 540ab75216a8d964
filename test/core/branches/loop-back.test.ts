/**
 * Rule `loop-back`: a sentence that sends the reader back to an earlier
 * step to do it again is a choice beside going on.
 */
import {describe, expect, it} from 'vitest'
import {formatOutline} from '@runbook-kit/core'
import {graph, md, parse} from '../helpers.js'

const tuning = (sentence: string) => md`
  # Tune the cache

  ## Measure the hit rate {#measure}

  Read the hit rate on the dashboard.

  ## Raise the cache size {#raise}

  Add 10% to the size.

  ## Check again {#check}

  ${sentence}

  ## Write it down {#record}

  Note the final size.
`

describe('loop-back', () => {
  it('"[Do X](#earlier) and repeat until …" is a choice back to that step, beside going on', () => {
    const {runbook} = parse(tuning('[Measure the hit rate](#measure) and repeat until it is above 90%.'))
    expect(graph(runbook)[2]).toBe('check decision choice:measure(Measure the hit rate and repeat until it is above 90%) next:record(Otherwise, continue)')
    expect(runbook.steps[2]!.edges[0]!.rule).toBe('loop-back')
    expect(formatOutline(runbook)).toContain('[loop-back]')
  })

  it('"Repeat [the steps in X](#earlier) for each …" loops back too', () => {
    for (const sentence of ['Repeat [Raise the cache size](#raise) for each node.', 'For a second node, repeat the steps described in [Measure](#measure).']) {
      const {runbook} = parse(tuning(sentence))
      const loop = runbook.steps[2]!.edges.find((edge) => edge.rule === 'loop-back')
      expect(loop, sentence).toMatchObject({kind: 'choice'})
      expect(runbook.steps[2]!.edges.at(-1), sentence).toMatchObject({kind: 'next', to: 'record'})
    }
  })

  it('in the last step, finishing is the other way: the reader is not sent round for ever', () => {
    const text = tuning('[Measure the hit rate](#measure) and repeat until it is above 90%.').replace(/## Write it down[^]*$/, '')
    const {runbook, diagnostics} = parse(text)
    expect(graph(runbook).at(-1)).toBe('check decision choice:measure(Measure the hit rate and repeat until it is above 90%) next:end(Otherwise, finish)')
    expect(diagnostics.map((diagnostic) => diagnostic.ruleId)).not.toContain('no-end')
    expect(formatOutline(runbook)).toContain('Otherwise, finish → end')
  })

  it('does not loop forward, to itself, or on a link that is no action', () => {
    for (const sentence of [
      // Forward: no loop.
      '[Write it down](#record) and repeat until done.',
      // The link names where a command was seen, not what to do again.
      'As in [Measure the hit rate](#measure), read the dashboard again.',
      // No word of repeating.
      '[Measure the hit rate](#measure) first.',
      // A "see" tip.
      'See [Measure the hit rate](#measure) for what the numbers mean; repeat the reading tomorrow.'
    ]) {
      const {runbook} = parse(tuning(sentence))
      expect(graph(runbook)[2], sentence).toBe('check task next:record')
    }
  })
})
