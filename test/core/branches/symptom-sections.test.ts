/**
 * Rule `symptom-sections`: sub-sections after text that announces failures
 * are fixes to choose from by symptom, offered by their section.
 */
import {describe, expect, it} from 'vitest'
import {graph, md, parse} from '../helpers.js'

const upload = (announcement: string) => md`
  # Upload a backup

  ## Find the backup {#find}

  List the backups.

  ## Upload it {#upload}

  Run the upload tool.

  ${announcement}

  ### Timeout {#timeout}

  Retry with a longer timeout.

  ### Permission denied {#denied}

  Ask for the writer role.

  ## Verify {#verify}

  Check the checksum.
`

describe('symptom-sections', () => {
  it('makes each sub-section a step the section offers, beside going on; each joins the step after them', () => {
    for (const announcement of [
      'The upload often fails. Things that can go wrong:',
      'This may fail for several reasons.',
      'If something goes wrong, find your error below.',
      'Common problems are listed below.',
      'Errors you may run into:'
    ]) {
      const {runbook} = parse(upload(announcement))
      expect(graph(runbook), announcement).toEqual([
        'find task next:upload',
        'upload decision choice:timeout(Timeout) choice:denied(Permission denied) next:verify(Otherwise, continue)',
        'timeout task next:verify',
        'denied task next:verify',
        'verify end'
      ])
      expect(runbook.steps[1]!.edges[0]!.rule).toBe('symptom-sections')
    }
  })

  it('keeps sub-sections inside their section without such a sentence, or with it earlier in the section', () => {
    for (const announcement of ['Watch the progress bar.', 'The upload may fail.\n\nWatch the progress bar.', 'A failure is rare.']) {
      const {runbook} = parse(upload(announcement))
      expect(graph(runbook), announcement).toEqual(['find task next:upload', 'upload task next:verify', 'verify end'])
    }
  })

  it('needs two sub-sections that read as fixes, not numbered actions', () => {
    const one = parse(md`
      # T

      ## A {#a}

      a

      ## Upload {#upload}

      Things may fail.

      ### Timeout

      t

      ## Verify {#verify}

      v
    `)
    expect(one.runbook.steps.map((step) => step.id)).toEqual(['a', 'upload', 'verify'])
  })
})
