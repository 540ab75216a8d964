/**
 * Rule `fallback-heading`: a lone "If" section whose condition is that what
 * came before did not work is offered by the step before it, beside going
 * on past it.
 */
import {describe, expect, it} from 'vitest'
import {graph, md, parse} from '../helpers.js'

const escalation = (heading: string) => md`
  # Printer jam

  ## Open the tray {#tray}

  Pull the tray out.

  ## Restart the printer {#restart}

  Hold the power button for five seconds.

  ## ${heading} {#fallback}

  Call the vendor.

  ## Close the ticket {#close}

  Write what fixed it.
`

describe('fallback-heading', () => {
  it('"If the restart does not help" is a choice of the step before, which also goes on past it', () => {
    for (const heading of ['If the restart does not help', 'If the above steps do not work', 'If that fails', 'If the problem persists', 'If none of the above works']) {
      const {runbook} = parse(escalation(heading))
      const [, restart, fallback] = graph(runbook)
      expect(restart, heading).toMatch(/^restart decision choice:fallback\(.+\) next:close\(Otherwise, continue\)$/)
      expect(runbook.steps[1]!.edges[0]!.rule, heading).toBe('fallback-heading')
      expect(fallback, heading).toBe('fallback task next:close')
    }
  })

  it('is a choice beside a hand-over to an external guide, and ends with the runbook when last (finishing is the other way)', () => {
    const {runbook} = parse(md`
      # Escalate

      ## Check the queue {#queue}

      Look at the queue.

      ## Escalate to the vendor {#vendor}

      Follow the steps in [the vendor guide](https://vendor.example.com/escalate).

      ## If the steps above do not work {#manual}

      Phone the account manager.
    `)
    expect(graph(runbook).slice(1)).toEqual([
      'vendor decision goto:undefined(the vendor guide) choice:manual(The steps above do not work) next:end(Otherwise, finish)',
      'manual end'
    ])
  })

  it('leaves other lone "If" sections in document order', () => {
    for (const heading of ['If it is a network issue', 'If the node fails', 'If this is a production cluster', 'If the pod is not running']) {
      const {runbook} = parse(escalation(heading))
      expect(graph(runbook)[1], heading).toBe('restart task next:fallback')
    }
  })

  it('does not override a step that already chose its ways on', () => {
    const {runbook} = parse(md`
      # T

      ## Decide {#decide}

      - Small: [Restart](#restart)
      - Large: [Close](#close)

      ## Restart {#restart}

      r

      ## If that fails {#fallback}

      f

      ## Close {#close}

      c
    `)
    expect(graph(runbook)[0]).toBe('decide decision choice:restart(Small) choice:close(Large)')
    // "Restart" is a choice target: it still offers its fallback.
    expect(graph(runbook)[1]).toBe('restart decision choice:fallback(That fails) next:close(Otherwise, continue)')
  })
})
