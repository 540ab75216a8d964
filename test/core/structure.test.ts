import {describe, expect, it} from 'vitest'
import {graph, md, parse} from './helpers.js'

describe('title', () => {
  it('uses the frontmatter title first', () => {
    const {runbook} = parse(md`
      ---
      title: From frontmatter
      ---
      # From heading

      Text.
    `)
    expect(runbook.title).toBe('From frontmatter')
    // The duplicate h1 is not a step.
    expect(runbook.steps.map((step) => step.title)).toEqual(['From frontmatter'])
  })

  it('uses the first h1 when there is no frontmatter title', () => {
    const {runbook, diagnostics} = parse('# Reset a password\n\nDo it.\n')
    expect(runbook.title).toBe('Reset a password')
    expect(diagnostics).toEqual([])
  })

  it('falls back to the file name with a missing-title warning', () => {
    const {runbook, diagnostics} = parse('Just text.\n', {file: 'runbooks/reset-vpn-token.md'})
    expect(runbook.title).toBe('Reset vpn token')
    expect(runbook.id).toBe('reset-vpn-token')
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.line])).toEqual([['missing-title', 'warning', 1]])
  })

  it('never takes template syntax as the title', () => {
    for (const heading of ['# <%= current_page.data.title %>', '# {{< param title >}}', '# {{ .Title }}']) {
      const {runbook} = parse(`${heading}\n\nBody.\n`, {file: 'docs/restore.html.md.erb'})
      expect(runbook.title).toBe('Restore')
      expect(runbook.steps[0]!.content.children).toHaveLength(1)
    }
    const {runbook, diagnostics} = parse('---\ntitle: "<%= title %>"\n---\n# Real title\n')
    expect(runbook.title).toBe('Real title')
    // A runbook with nothing but a title is one empty step.
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['invalid-frontmatter', 'empty-step'])
  })

  it('keeps several h1 sections as steps when the frontmatter has the title', () => {
    const {runbook} = parse('---\ntitle: T\n---\n# Meaning\n\nA.\n\n# Impact\n\nB.\n')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Meaning', 'Impact'])
  })
})

describe('rule (a): step headings', () => {
  it('reads "Step N:", "N.", "N.N" and "Phase N –" headings as steps, with numbers', () => {
    const {runbook} = parse(md`
      # Restore

      Intro text.

      ## Step 1: Stop the service

      Stop it.

      ## Step 2 - Restore the files

      Copy them.

      ## Verify

      Check it.
    `)
    expect(runbook.structure).toBe('step-headings')
    expect(runbook.steps.map((step) => [step.number, step.title])).toEqual([
      ['1', 'Stop the service'],
      ['2', 'Restore the files'],
      [undefined, 'Verify']
    ])
    expect(runbook.intro.children).toHaveLength(1)
    expect(runbook.description).toBe('Intro text.')

    const numbered = parse('# T\n\n## 1. One\n\nA\n\n## 2. Two\n\nB\n\n### 2.1 Detail\n\nC\n').runbook
    expect(numbered.steps.map((step) => [step.number, step.title])).toEqual([
      ['1', 'One'],
      ['2', 'Two']
    ])
    const phases = parse('# T\n\n## Phase 1 – Contain\n\nA\n\n## Phase 2 – Eradicate\n\nB\n').runbook
    expect(phases.steps.map((step) => step.title)).toEqual(['Contain', 'Eradicate'])
  })

  it('picks the heading level with the most step headings', () => {
    const {runbook} = parse('# T\n\n## Overview\n\nx\n\n### Step 1: a\n\nA\n\n### Step 2: b\n\nB\n\n### Step 3: c\n\nC\n')
    expect(runbook.steps.map((step) => step.title)).toEqual(['a', 'b', 'c'])
    expect(runbook.intro.children.map((node) => node.type)).toEqual(['heading', 'paragraph'])
  })
})

describe('rule (b): the principal ordered list', () => {
  it('takes the items of a numbered list as steps, with the first sentence as title', () => {
    const {runbook} = parse(md`
      # Unlock an account

      Before you start, open the admin console.

      1. Find the user. Search by e-mail address.
      2. Click Unlock.
      3. Tell the user.
    `)
    expect(runbook.structure).toBe('ordered-list')
    expect(runbook.steps.map((step) => [step.id, step.number, step.title])).toEqual([
      ['find-the-user', '1', 'Find the user'],
      ['click-unlock', '2', 'Click Unlock'],
      ['tell-the-user', '3', 'Tell the user']
    ])
    // The first paragraph said more than the title, so it stays in the content.
    expect(runbook.steps[0]!.content.children).toHaveLength(1)
    // A paragraph that is only the title is not repeated.
    expect(runbook.steps[1]!.content.children).toHaveLength(0)
    expect(graph(runbook)).toEqual(['find-the-user task next:click-unlock', 'click-unlock task next:tell-the-user', 'tell-the-user end'])
  })

  it('joins "1. 1. 1." numbering across unindented code blocks; the block belongs to the step before', () => {
    const {runbook} = parse(md`
      # Rotate the key

      1. Log in to the bastion.
      \`\`\`
      ssh bastion
      \`\`\`
      1. Generate the key.
      \`\`\`
      openssl genrsa -out key.pem 4096
      \`\`\`
      1. Install it.
    `)
    expect(runbook.structure).toBe('ordered-list')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Log in to the bastion', 'Generate the key', 'Install it'])
    expect(runbook.steps.map((step) => step.commands.map((command) => command.code))).toEqual([
      ['ssh bastion'],
      ['openssl genrsa -out key.pem 4096'],
      []
    ])
  })

  it('joins numbering that continues after a paragraph', () => {
    const {runbook} = parse('# T\n\n1. One\n2. Two\n\nA note about two.\n\n3. Three\n4. Four\n')
    expect(runbook.steps.map((step) => step.title)).toEqual(['One', 'Two', 'Three', 'Four'])
    expect(runbook.steps[1]!.content.children.map((node) => node.type)).toEqual(['paragraph'])
  })

  it('does not join two lists that both count from 1', () => {
    const {runbook} = parse('# T\n\n1. a\n2. b\n3. c\n\nOr:\n\n1. x\n2. y\n')
    expect(runbook.steps.map((step) => step.title)).toEqual(['a', 'b', 'c'])
    expect(runbook.outro.children.map((node) => node.type)).toEqual(['paragraph', 'list'])
  })

  it('keeps nested lists and code inside their step', () => {
    const {runbook} = parse(md`
      # T

      1. Check the disks:
         - sda
         - sdb

         \`\`\`sh
         df -h
         \`\`\`
      2. Done.
    `)
    expect(runbook.steps).toHaveLength(2)
    expect(runbook.steps[0]!.title).toBe('Check the disks')
    expect(runbook.steps[0]!.content.children.map((node) => node.type)).toEqual(['list', 'code'])
    expect(runbook.steps[0]!.commands.map((command) => command.code)).toEqual(['df -h'])
  })

  it('prefers sections when a short list sits in one of several sections', () => {
    const {runbook} = parse(md`
      # Alert

      ## Meaning

      ${'The alert fires when the disk fills up and keeps filling for a long time. '.repeat(6)}

      ## Impact

      ${'Writes fail and the service degrades for every user of the cluster. '.repeat(6)}

      ## Mitigation

      1. Free space.
      2. Grow the disk.
    `)
    expect(runbook.structure).toBe('sections')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Meaning', 'Impact', 'Mitigation'])
  })
})

describe('rule (c): sections', () => {
  it('makes each section at the top heading level a step, sub-headings included', () => {
    const {runbook} = parse('# T\n\nIntro.\n\n## One\n\nA\n\n### Detail\n\nB\n\n## Two\n\nC\n')
    expect(runbook.structure).toBe('sections')
    expect(runbook.steps.map((step) => step.id)).toEqual(['one', 'two'])
    expect(runbook.steps[0]!.content.children.map((node) => node.type)).toEqual(['paragraph', 'heading', 'paragraph'])
    expect(runbook.anchors).toEqual({detail: 'one'})
  })
})

describe('rule (d): single step', () => {
  it('makes the whole file one step', () => {
    const {runbook, diagnostics} = parse('# Clear the cache\n\nRun the cleaner.\n\nThen reboot.\n')
    expect(runbook.structure).toBe('single')
    expect(runbook.steps).toHaveLength(1)
    expect(runbook.steps[0]).toMatchObject({id: 'clear-the-cache', title: 'Clear the cache', kind: 'end'})
    expect(runbook.steps[0]!.content.children).toHaveLength(2)
    expect(runbook.start).toBe('clear-the-cache')
    expect(diagnostics).toEqual([])
  })

  it('handles an empty file', () => {
    const {runbook} = parse('', {file: 'empty.md'})
    expect(runbook.steps).toHaveLength(1)
    expect(runbook.start).toBe(runbook.steps[0]!.id)
  })
})

describe('step ids', () => {
  it('uses explicit {#id} attributes and removes them from titles', () => {
    const {runbook} = parse('# T\n\n## Restart the spooler {#restart}\n\nA\n\n## Check {#check .end}\n\nB\n\n## After\n\nC\n')
    expect(runbook.steps.map((step) => [step.id, step.title, step.kind])).toEqual([
      ['restart', 'Restart the spooler', 'task'],
      ['check', 'Check', 'end'],
      ['after', 'After', 'end']
    ])
  })

  it('makes GitHub-style slugs unique', () => {
    const {runbook, diagnostics} = parse('# T\n\n## Check\n\nA\n\n## Check\n\nB\n')
    expect(runbook.steps.map((step) => step.id)).toEqual(['check', 'check-1'])
    expect(diagnostics).toEqual([])
  })

  it('slugs like GitHub: punctuation dropped, case folded, Unicode kept', () => {
    const {runbook} = parse("# T\n\n## What's the VPN's status?\n\nA\n\n## Überprüfen\n\nB\n")
    expect(runbook.steps.map((step) => step.id)).toEqual(['whats-the-vpns-status', 'überprüfen'])
  })

  it('positions lie inside the file', () => {
    const source = '# T\n\n## One\n\nA\n\n## Two\n\nB\n'
    const {runbook} = parse(source)
    const lines = source.split('\n').length
    for (const step of runbook.steps) {
      expect(step.position!.start.line).toBeGreaterThanOrEqual(1)
      expect(step.position!.end.line).toBeLessThanOrEqual(lines)
    }
    expect(runbook.steps[1]!.position!.start).toMatchObject({line: 7, column: 1})
  })

  it('keeps positions out of content unless asked', () => {
    const source = '# T\n\n## One\n\nA\n'
    expect(JSON.stringify(parse(source).runbook.steps[0]!.content)).not.toContain('position')
    expect(parse(source, {positions: true}).runbook.steps[0]!.content.children[0]!.position).toMatchObject({start: {line: 5}})
  })

  it('produces plain JSON', () => {
    const {runbook} = parse('---\ntitle: T\nreviewed: 2026-01-02\n---\n## A\n\n[x][ref]\n\n[ref]: https://example.com\n')
    expect(JSON.parse(JSON.stringify(runbook))).toEqual(runbook)
    expect(runbook.meta.reviewed).toBe('2026-01-02')
    // Reference links are resolved so each step renders on its own.
    expect(runbook.steps[0]!.content.children[0]).toMatchObject({
      type: 'paragraph',
      children: [{type: 'link', url: 'https://example.com'}]
    })
  })

  it('rejects non-string input with a TypeError that names the value', () => {
    // @ts-expect-error: API misuse on purpose
    expect(() => parse(42)).toThrow(/parseRunbook expects Markdown text \(a string\), not number 42/)
    // @ts-expect-error: API misuse on purpose
    expect(() => parse(null)).toThrow(TypeError)
  })
})
