/**
 * Go-to sentences are read piece by piece (links.ts `SentenceReader`), so
 * that a paragraph of thousands of links stays linear; these cases pin the
 * sentence rules that reading keeps: where a sentence starts, a phrase split
 * over inline nodes and white space, a condition far into a long paragraph.
 */
import {parseRunbook} from '@runbook-kit/core'
import {describe, expect, it} from 'vitest'

const edgesOf = (paragraph: string) => {
  const markdown = `# T\n\n## Step 1: A\n\n${paragraph}\n\n## Step 2: B {#b}\n\nText.\n\n## Step 3: C {#c}\n\nDone. End of runbook.\n`
  // Long paragraphs are read whole here (not cut at maxParagraph): these cases test reading them.
  return parseRunbook(markdown, {maxParagraph: 1_000_000}).runbook.steps[0]!.edges
}

describe('go-to sentences', () => {
  it.each([
    ['a phrase split over emphasis', 'Then **go** to [C](#c).'],
    ['a phrase after a sentence that ends in inline code', 'Run `make`. Go to [C](#c).'],
    ['runs of spaces and a line break inside the phrase', 'Now go   to\nthe [C](#c).'],
    ['a phrase after thousands of external links', '[x](https://e.x) '.repeat(3000) + 'and then go to [C](#c).'],
    ['a phrase after a sentence end at a node boundary', 'Check *the log.* Go to [C](#c).']
  ])('%s is a go-to', (_, paragraph) => {
    expect(edgesOf(paragraph)).toEqual([{kind: 'goto', rule: 'go-to-sentence', to: 'c'}])
  })

  it.each([
    ['a link in prose', 'Read the [C](#c) step first'],
    ['a go-to phrase in an earlier sentence', 'Go to the office. Then read [C](#c)'],
    ['a phrase far from the link', 'Go to ' + 'x '.repeat(200) + '[C](#c)']
  ])('%s is not a go-to', (_, paragraph) => {
    expect(edgesOf(paragraph)).toEqual([{kind: 'next', to: 'b'}])
  })

  it('a condition after thousands of links is read from its own sentence', () => {
    const edges = edgesOf('[x](https://e.x) '.repeat(3000) + 'done. If the light is off, go to [C](#c).')
    expect(edges).toEqual([
      {kind: 'choice', rule: 'go-to-sentence', to: 'c', label: 'If the light is off'},
      {kind: 'next', to: 'b', label: 'Otherwise, continue'}
    ])
  })

  it('a condition without a comma is the sentence before the link', () => {
    expect(edgesOf('If the light is off go to [C](#c).')[0]).toEqual({kind: 'choice', rule: 'go-to-sentence', to: 'c', label: 'If the light is off'})
  })

  it('a sentence of thousands of conditional links gives each the first 1,000 characters, cut with …', () => {
    const edges = edgesOf('If ' + 'the [light](#b) is off and '.repeat(2000) + 'then [C](#c).')
    const label = edges.find((edge) => edge.to === 'c')?.label
    expect(label).toMatch(/^If the light is off and the light is off and /)
    expect(label).toMatch(/…$/)
    expect(label!.length).toBeLessThanOrEqual(1001)
  })

  it('a comma within the first 1,000 characters of a long sentence still ends the condition', () => {
    const edges = edgesOf('If the light is off, ' + 'try [B](#b) or '.repeat(2000) + 'go to [C](#c).')
    expect(edges).toEqual([
      {kind: 'choice', rule: 'go-to-sentence', to: 'c', label: 'If the light is off'},
      {kind: 'next', to: 'b', label: 'Otherwise, continue'}
    ])
  })

  it('a condition split over inline nodes keeps its words', () => {
    const edges = edgesOf('If `nginx` is *down*, go to [C](#c).')
    expect(edges[0]).toEqual({kind: 'choice', rule: 'go-to-sentence', to: 'c', label: 'If nginx is down'})
  })

  it('an unconditional go-to in a list item with more items after it is part of the step, and says so', () => {
    const parsed = (body: string) =>
      parseRunbook(`# T\n\n## Scale down\n\n${body}\n\n## Check {#b}\n\nText.\n\n## Part 3: Replica maintenance {#c}\n\nDone.\n`)
    // Still the way out: the last item, or a paragraph with a note, a screenshot or a link list after it.
    for (const body of [
      '1. Drain the node.\n2. Go to [the replica steps](#c).',
      'Drain the node, then go to [the replica steps](#c).\n\nThis takes about ten minutes.',
      'Go to [the replica steps](#c).\n\n![The drained node](drained.png)',
      'Go to [the replica steps](#c).\n\n- [Node runbook index](nodes.md)'
    ]) {
      const {runbook, diagnostics} = parsed(body)
      expect(runbook.steps[0]!.edges[0], body).toEqual({kind: 'goto', rule: 'go-to-sentence', to: 'c'})
      expect(diagnostics.map((d) => d.ruleId), body).not.toContain('go-to-in-step')
    }
    // Part of the step: more items after it in its list, with a link or by number.
    for (const body of [
      '1. Take the replica out of the pool: follow the [replica maintenance](#c) instructions.\n2. Decrease the node count.',
      '- Take the replica out: go to Part 3.\n- Decrease the node count.'
    ]) {
      const {runbook, diagnostics} = parsed(body)
      expect(runbook.steps[0]!.edges, body).toEqual([{kind: 'next', to: 'b'}])
      expect(diagnostics.find((d) => d.ruleId === 'go-to-in-step'), body).toMatchObject({severity: 'info', line: 5})
    }
  })

  it('go-tos in several items of one list, or that say to come back, are part of the step too', () => {
    const parsed = (body: string) =>
      parseRunbook(`# T\n\n## Which method?\n\n${body}\n\n## In place {#b}\n\nRun it.\n\n## Dump {#c}\n\nDump it.\n\n## Verify\n\nCheck.\n`)
    for (const body of [
      '- Under 100 GB: go to [In place](#b).\n- If you are unsure, ask the DBA first.\n- Over 100 GB: go to [Dump](#c).',
      'Follow the [dump steps](#c), then come back here.\n\nRestart the app.'
    ]) {
      const {runbook, diagnostics} = parsed(body)
      expect(runbook.steps[0]!.edges, body).toEqual([{kind: 'next', to: 'b'}])
      expect(diagnostics.filter((d) => d.ruleId === 'go-to-in-step').length, body).toBeGreaterThan(0)
    }
  })

  it('"follow [another runbook](x.md) to …" with steps after it is done beside going on; "continue with" hands over', () => {
    const edges = (sentence: string) =>
      parseRunbook(`# T\n\n## Publish\n\n${sentence}\n\n## Pin the version {#b}\n\nPin it.\n`).runbook.steps[0]!.edges
    expect(edges('Follow the instructions in [the Aptly runbook](aptly.md) to upload the package.')).toEqual([
      {kind: 'goto', rule: 'go-to-sentence', runbook: 'aptly', href: 'aptly.md'},
      {kind: 'next', to: 'b', label: 'Otherwise, continue'}
    ])
    // "follow" earlier in the sentence is not "follow [x]".
    expect(edges('After you follow the checklist, go to [the release runbook](release.md).')).toEqual([
      {kind: 'goto', rule: 'go-to-sentence', runbook: 'release', href: 'release.md'}
    ])
    expect(edges('Once it is contained, continue with [the recovery runbook](recovery.md).')).toEqual([
      {kind: 'goto', rule: 'go-to-sentence', runbook: 'recovery', href: 'recovery.md'}
    ])
  })

  it('a link after a condition that already has its consequence ("If X then the agent restores it from [Y], [Z]") is no action', () => {
    expect(edgesOf('If the volume is a snapshot then the agent restores it from [B](#b), [C](#c) or the archive.')).toEqual([{kind: 'next', to: 'b'}])
    expect(edgesOf('If the light is off, [C](#c).')).toEqual([
      {kind: 'choice', rule: 'go-to-sentence', to: 'c', label: 'If the light is off'},
      {kind: 'next', to: 'b', label: 'Otherwise, continue'}
    ])
  })

  it('a conditional go-to in the middle of a step is still a choice beside going on', () => {
    const edges = parseRunbook('# T\n\n## A\n\n1. If the light is off, go to [C](#c).\n2. Check the cable.\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n').runbook.steps[0]!.edges
    expect(edges).toEqual([
      {kind: 'choice', rule: 'go-to-sentence', to: 'c', label: 'If the light is off'},
      {kind: 'next', to: 'b', label: 'Otherwise, continue'}
    ])
  })
})
