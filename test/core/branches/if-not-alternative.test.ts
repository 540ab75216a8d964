/**
 * Rule `if-not-alternative`: a section that opens with "If you do not have
 * X, you can still …" is the alternative to the section before it.
 */
import {describe, expect, it} from 'vitest'
import {graph, md, parse} from '../helpers.js'

const logs = (opening: string) => md`
  # Slow query

  ## Find the query {#find}

  Read the slow query dashboard.

  ## Read the database logs {#logs}

  Copy the logs from the host.

  ## Search in the log viewer {#viewer}

  ${opening}

  ## Report {#report}

  File the report.
`

describe('if-not-alternative', () => {
  it('makes the step before offer both sections; the first joins after the second', () => {
    const {runbook} = parse(logs('If you do not have access to the database logs, you can still search them in the log viewer.'))
    expect(graph(runbook)).toEqual([
      'find decision choice:logs(You have access to the database logs) choice:viewer(If you do not have access to the database logs)',
      'logs task next:report',
      'viewer task next:report',
      'report end'
    ])
    expect(runbook.steps[0]!.edges.map((edge) => edge.rule)).toEqual(['if-not-alternative', 'if-not-alternative'])
  })

  it('reads "cannot … you can instead"', () => {
    const {runbook} = parse(logs("If you can't reach the database host, you can instead use the log viewer."))
    expect(graph(runbook)[0]).toBe("find decision choice:logs(You can reach the database host) choice:viewer(If you can't reach the database host)")
  })

  it('is no alternative without "still" or "instead", or when the condition names nothing of the section before', () => {
    for (const opening of [
      // A prerequisite of this section, not an alternative.
      'If you do not have an account on the log viewer, create one.',
      'If you do not have access to the database logs, ask for it.',
      // Names nothing the section before is about.
      'If you do not have a viewer account, you can still use the shared one.'
    ]) {
      const {runbook} = parse(logs(opening))
      expect(graph(runbook), opening).toEqual(['find task next:logs', 'logs task next:viewer', 'viewer task next:report', 'report end'])
    }
  })
})
