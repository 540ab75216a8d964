/**
 * Rule `step-link`: "Step 1: [Do X](x.md)" does another runbook here,
 * beside going on.
 */
import {describe, expect, it} from 'vitest'
import {graph, md, parse} from '../helpers.js'

const storage = (line: string) => md`
  # Storage alert

  ## Check the storage {#storage}

  ${line}

  Step 2: Run the status command.

  ## Report {#report}

  Write it down.
`

describe('step-link', () => {
  it('makes a numbered sub-step that is only a link to a runbook a choice beside going on', () => {
    for (const line of ['Step 1: [Check the cluster health](cluster-health.md)', '**Step 1:** [Check the cluster health](cluster-health.md):']) {
      const {runbook} = parse(storage(line))
      expect(runbook.steps[0]!.edges, line).toEqual([
        {kind: 'choice', rule: 'step-link', runbook: 'cluster-health', href: 'cluster-health.md', label: 'Step 1: Check the cluster health'},
        {kind: 'next', to: 'report', label: 'Otherwise, continue'}
      ])
    }
  })

  it('leaves links with more text, to web pages, or without a step label alone', () => {
    for (const line of [
      'Step 1: read [the health notes](cluster-health.md) first.',
      'Step 1: [Check the dashboard](https://grafana.example.com/d/storage)',
      '[Check the cluster health](cluster-health.md)',
      'See [Check the cluster health](cluster-health.md).'
    ]) {
      const {runbook} = parse(storage(line))
      expect(graph(runbook)[0], line).toBe('storage task next:report')
    }
  })
})
