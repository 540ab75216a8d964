import {describe, expect, it} from 'vitest'
import {parseRunbook} from '@runbook-kit/core'
import {md, parse, rules} from './helpers.js'

const stepOf = (markdown: string) => parse(`# Restore\n\n## Restore it\n\n${markdown}`).runbook.steps[0]!

describe('callouts: MkDocs admonitions', () => {
  it('reads an indented body after a blank line as the callout, not as a command', () => {
    const step = stepOf(md`
      !!! warning "Disk space"

          The restore needs twice the backup's size.

          - check with \`df -h\`

      Run the restore.
    `)
    expect(step.callouts).toEqual([{kind: 'warning', text: "Disk space The restore needs twice the backup's size. check with df -h"}])
    // The body is no indented code block; the inline command it names is a command as anywhere else.
    expect(step.commands.map((command) => command.code)).toEqual(['df -h'])
    const quote = step.content.children[0]!
    expect(quote.type).toBe('blockquote')
    expect(quote.data).toEqual({callout: 'warning'})
    expect(step.content.children.map((node) => node.type)).toEqual(['blockquote', 'paragraph'])
  })

  it('reads a body that continues the first line, and maps the kinds', () => {
    expect(stepOf('!!! danger\n    This drops the table.\n').callouts).toEqual([{kind: 'caution', text: 'This drops the table.'}])
    expect(stepOf('??? info "Why"\n    Because.\n').callouts).toEqual([{kind: 'note', text: 'Why Because.'}])
    expect(stepOf('!!! tip\n    Use a screen session.\n').callouts).toEqual([{kind: 'tip', text: 'Use a screen session.'}])
  })

  it('reads a one-line banner', () => {
    expect(stepOf('!!! WARNING! Only ever tested in staging !!!\n\nRun it.\n').callouts).toEqual([{kind: 'warning', text: 'Only ever tested in staging'}])
  })

  it('places the callout and its body where they stand, so diagnostics point at the source', () => {
    const {runbook, diagnostics} = parseRunbook('# R\n\n## Wipe\n\n!!! note\n\n    Double-check the host.\n\n```sh\nrm -rf /srv/data\n```\n', {file: 'r.md', positions: true})
    const quote = runbook.steps[0]!.content.children[0]!
    expect(quote.position?.start.line).toBe(5)
    const paragraph = (quote as {children: Array<{position?: {start: {line: number; column: number; offset?: number}}}>}).children[0]!
    expect(paragraph.position?.start).toEqual({line: 7, column: 5, offset: 28})
    // A note is no warning: the destructive command is still reported.
    expect(rules(diagnostics)).toEqual(['destructive-without-warning'])
  })

  it('leaves other uses of !!! alone', () => {
    for (const text of ['!!! this is not a kind\n', 'Wow!!! It works.\n', '!!!\n']) {
      const step = stepOf(text)
      expect(step.callouts, text).toEqual([])
      expect(step.content.children[0]!.type, text).toBe('paragraph')
    }
  })
})

describe('callouts: Docusaurus admonitions', () => {
  it('reads :::kind … ::: in one paragraph or across blocks', () => {
    expect(stepOf(':::warning\nThe restore is irreversible.\n:::\n').callouts).toEqual([{kind: 'warning', text: 'The restore is irreversible.'}])
    const step = stepOf(md`
      :::danger Irreversible

      This drops the table.

      \`\`\`sh
      psql -c 'DROP TABLE sessions'
      \`\`\`

      :::

      Then restart.
    `)
    expect(step.callouts.map((callout) => callout.kind)).toEqual(['caution'])
    expect(step.content.children.map((node) => node.type)).toEqual(['blockquote', 'paragraph'])
    expect(step.commands.map((command) => command.code)).toEqual(["psql -c 'DROP TABLE sessions'"])
  })

  it('counts as the warning a destructive command needs', () => {
    const {diagnostics} = parse('# R\n\n## Wipe\n\n:::caution\nThis deletes the data.\n:::\n\n```sh\nrm -rf /srv/data\n```\n')
    expect(rules(diagnostics)).toEqual([])
  })

  it('leaves an unclosed or unknown ::: alone', () => {
    expect(stepOf(':::warning\n\nNever closed.\n').callouts).toEqual([])
    expect(stepOf(':::details Click\nHidden.\n:::\n').callouts).toEqual([])
  })
})

describe('callouts: lead-ins', () => {
  it('reads warning signs and lead words with a colon', () => {
    expect(stepOf('⚠️ The restore overwrites the live database.\n').callouts).toEqual([{kind: 'warning', text: 'The restore overwrites the live database.'}])
    expect(stepOf(':warning: Stop the writers first.\n').callouts).toEqual([{kind: 'warning', text: 'Stop the writers first.'}])
    expect(stepOf('⚠️ **Caution:** this wipes the disk.\n').callouts).toEqual([{kind: 'caution', text: 'this wipes the disk.'}])
    expect(stepOf('💡 Use a screen session.\n').callouts).toEqual([{kind: 'tip', text: 'Use a screen session.'}])
    expect(stepOf('**Warning: this drops the table.**\n').callouts).toEqual([{kind: 'warning', text: 'this drops the table.'}])
    expect(stepOf('*Note:* the VPN caches credentials.\n').callouts).toEqual([{kind: 'note', text: 'the VPN caches credentials.'}])
    expect(stepOf('Important: tell the on-call lead first.\n').callouts).toEqual([{kind: 'important', text: 'tell the on-call lead first.'}])
    expect(stepOf('> ⚠️ Do not reboot the primary.\n').callouts).toEqual([{kind: 'warning', text: '⚠️ Do not reboot the primary.'}])
  })

  it('keeps reading the bold lead words it read before', () => {
    expect(stepOf('**Note:** the job runs nightly.\n').callouts).toEqual([{kind: 'note', text: 'the job runs nightly.'}])
    expect(stepOf('**Warning**: this is slow.\n').callouts).toEqual([{kind: 'warning', text: 'this is slow.'}])
  })

  it('is no callout without a sign or a colon', () => {
    for (const text of ['Note that the job runs nightly.\n', 'Warning signs include high load.\n', 'Run it. ⚠️ later.\n', '**Importantly**, steps follow.\n']) {
      expect(stepOf(text).callouts, text).toEqual([])
    }
  })
})
