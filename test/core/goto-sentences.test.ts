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
  return parseRunbook(markdown).runbook.steps[0]!.edges
}

describe('go-to sentences', () => {
  it.each([
    ['a phrase split over emphasis', 'Then **go** to [C](#c).'],
    ['a phrase after a sentence that ends in inline code', 'Run `make`. Go to [C](#c).'],
    ['runs of spaces and a line break inside the phrase', 'Now go   to\nthe [C](#c).'],
    ['a phrase after thousands of external links', '[x](https://e.x) '.repeat(3000) + 'and then go to [C](#c).'],
    ['a phrase after a sentence end at a node boundary', 'Check *the log.* Go to [C](#c).']
  ])('%s is a go-to', (_, paragraph) => {
    expect(edgesOf(paragraph)).toEqual([{kind: 'goto', to: 'c'}])
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
      {kind: 'choice', to: 'c', label: 'If the light is off'},
      {kind: 'next', to: 'b', label: 'Otherwise, continue'}
    ])
  })

  it('a condition split over inline nodes keeps its words', () => {
    const edges = edgesOf('If `nginx` is *down*, go to [C](#c).')
    expect(edges[0]).toEqual({kind: 'choice', to: 'c', label: 'If nginx is down'})
  })
})
