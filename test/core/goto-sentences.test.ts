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
})
