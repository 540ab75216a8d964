/**
 * `maxParagraph`: a top-level paragraph longer than the limit is read as
 * several (the Markdown parser's time grows with the square of one
 * paragraph's length). The cuts (`paragraphCuts`) must fall only inside
 * top-level paragraphs, where the text after starts a paragraph of its own;
 * the tree read in pieces (`parseMarkdown` with `splitAt`) must then equal
 * the whole text's tree but for the split paragraphs: every other block the
 * same, every link and code span at the same place.
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import type {Nodes, Root, RootContent} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {parseDefaults, parseRunbook} from '../../packages/core/src/parse/index.js'
import {paragraphCuts} from '../../packages/core/src/parse/guards/paragraphs.js'
import {parseMarkdown} from '../../packages/core/src/parse/guards/processor.js'
import {walk} from '../../packages/core/src/walk.js'
import {corpusFiles, corpusPath, describeCorpus} from '../helpers/corpus.js'
import {markdownArb} from '../reliability/arbitraries.js'
import {fuzzRuns, fuzzSeed} from '../reliability/invariants.js'

const whole = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze()

/** Links, images, references and code spans with their places, in order. */
function inlineMarks(tree: Root): string[] {
  const marks: string[] = []
  walk(tree, (node: Nodes) => {
    if (['link', 'image', 'linkReference', 'imageReference', 'inlineCode', 'footnoteReference'].includes(node.type)) {
      const target = 'url' in node ? node.url : 'identifier' in node ? node.identifier : 'value' in node ? node.value : ''
      marks.push(`${node.type} ${target} ${node.position?.start.offset}-${node.position?.end.offset} ${node.position?.start.line}:${node.position?.start.column}`)
    }
  })
  return marks
}

/**
 * The top-level blocks as type and start, with the pieces of a block cut at
 * `cuts` joined again: a paragraph cut in pieces is one paragraph, and one
 * whose last line is a setext underline one heading (as in the whole text).
 */
function blocks(tree: Root, cuts: readonly number[]): string[] {
  const out: Array<{type: string; start: number}> = []
  for (const node of tree.children) {
    const start = node.position?.start.offset ?? -1
    const last = out[out.length - 1]
    if (last && cuts.includes(start)) last.type = node.type
    else out.push({type: node.type, start})
  }
  return out.map((block) => `${block.type}@${block.start}`)
}

/** Split `text` at cuts for paragraphs longer than `max`, and check what must hold; returns the cuts. */
function expectSound(text: string, max: number): number[] {
  const found = paragraphCuts(text, max)
  // Each cut's line and column are those of its offset.
  for (const cut of found) {
    const before = text.slice(0, cut.offset).split(/\r\n|\r|\n/)
    expect({line: cut.line, column: cut.column}).toEqual({line: before.length, column: before[before.length - 1]!.length + 1})
  }
  const cuts = found.map((cut) => cut.offset)
  const split = parseMarkdown(text, {splitAt: cuts})
  const expected = whole.parse(text)
  if (cuts.length === 0) {
    expect(split).toEqual(expected)
    return cuts
  }
  expect(blocks(split, cuts)).toEqual(blocks(expected, []))
  expect(inlineMarks(split)).toEqual(inlineMarks(expected))
  expect(split.position).toEqual(expected.position)
  // Blocks that are not cut are the same, positions and all.
  const place = (node: RootContent) => [node.position?.start.offset ?? -1, node.position?.end.offset ?? -1] as const
  const uncut = (tree: Root) =>
    tree.children.filter((node) => {
      const [start, end] = place(node)
      return node.type !== 'paragraph' && !cuts.some((cut) => cut >= start && cut < end)
    })
  expect(uncut(split)).toEqual(uncut(expected))
  return cuts
}

const linkLine = (count: number, from = 0) =>
  Array.from({length: count}, (_, i) => `[a${from + i}](#x${i}) \`c ${i}\` <https://e.x/${i}> [b][r${i % 5}] word`).join(' ')

describe('paragraphCuts', () => {
  it('20,000 characters by default, and none in a text without a paragraph that long', () => {
    expect(parseDefaults.maxParagraph).toBe(20_000)
    expect(paragraphCuts('# T\n\n' + 'A short paragraph.\n\n'.repeat(5000), 20_000)).toEqual([])
  })

  it('cuts a long line of links between links, and a long paragraph of lines before a line', () => {
    const line = linkLine(400)
    const cuts = expectSound(`# T\n\n${line}\n`, 2000)
    expect(cuts.length).toBeGreaterThan(5)
    for (const cut of cuts) expect(`# T\n\n${line}\n`.slice(cut)).toMatch(/^word|^\[/)
    const lines = Array.from({length: 400}, (_, i) => `Line ${i} of the paragraph with [a link](#x${i}).`).join('\n')
    const lineCuts = expectSound(`# T\n\n${lines}\n`, 2000)
    expect(lineCuts.length).toBeGreaterThan(5)
    for (const cut of lineCuts) expect(`# T\n\n${lines}\n`.charAt(cut - 1)).toBe('\n')
  })

  it.each([
    ['a fenced code block', (body: string) => '```\n' + body + '\n```\n'],
    ['a tilde fence inside a list item', (body: string) => '- item\n\n  ~~~\n' + body + '\n  ~~~\n'],
    ['an HTML comment', (body: string) => '<!--\n' + body + '\n-->\n'],
    ['a <pre> block', (body: string) => '<pre>\n' + body + '\n</pre>\n'],
    ['lazy text of a quote', (body: string) => '> quoted\n' + body + '\n'],
    ['lazy text of a list item', (body: string) => '- item\n' + body + '\n'],
    ['an indented code block', (body: string) => body.split(' ').map((word) => '    ' + word).join('\n') + '\n'],
    ['a table', (body: string) => '| a | b |\n| - | - |\n' + body.split(' ').map((word) => `| ${word} | x |`).join('\n') + '\n'],
    ['link text', (body: string) => '[' + body + '](#x)\n'],
    ['a code span', (body: string) => '`` ' + body + ' ``\n'],
    ['frontmatter', (body: string) => '---\ntitle: "' + body + '"\n---\n']
  ])('never cuts inside %s', (_, wrap) => {
    const body = Array.from({length: 2000}, (_, i) => `word${i}`).join(' ')
    const text = wrap(body)
    expect(paragraphCuts(text, 1000)).toEqual([])
    expectSound(text, 1000)
  })

  it('cuts a paragraph that follows a heading or a break without a blank line', () => {
    const body = Array.from({length: 2000}, (_, i) => `word${i}`).join(' ')
    expect(expectSound(`# T\n${body}\n`, 1000).length).toBeGreaterThan(5)
    expect(expectSound(`***\n${body}\n`, 1000).length).toBeGreaterThan(5)
  })

  it('keeps link references and footnotes resolved in every piece', () => {
    const body = Array.from({length: 600}, (_, i) => `see [ref ${i % 3}][r${i % 3}] and a note[^n] here`).join(' ')
    const text = `# T\n\n[r0]: https://e.x/0\n[r1]:\n  https://e.x/1\n[r2]: https://e.x/2 "Two"\n\n${body}\n\n[^n]: The note.\n`
    const cuts = expectSound(text, 2000)
    expect(cuts.length).toBeGreaterThan(5)
    const references = inlineMarks(parseMarkdown(text, {splitAt: cuts})).filter((mark) => mark.startsWith('linkReference'))
    expect(references).toHaveLength(600)
  })

  it('holds for generated Markdown at small limits', () => {
    fc.assert(
      fc.property(markdownArb, fc.integer({min: 20, max: 400}), (text, max) => {
        expectSound(text, max)
      }),
      {numRuns: fuzzRuns(300), seed: fuzzSeed()}
    )
  }, 120_000)
})

describe('parseRunbook with maxParagraph', () => {
  it('reads a paragraph of 100,000 characters as several, with a warning at each cut', () => {
    const text = `# T\n\n## Step 1: Links\n\n${linkLine(1700)}\n\n## Step 2: After {#x0}\n\nDone. End of runbook.\n`
    const {runbook, diagnostics} = parseRunbook(text, {maxParagraph: 20_000})
    const cuts = diagnostics.filter((d) => d.ruleId === 'limit-exceeded')
    expect(cuts.length).toBeGreaterThanOrEqual(4)
    expect(cuts[0]).toMatchObject({severity: 'warning', line: 5})
    expect(cuts[0]!.message).toMatch(/Paragraph is longer than 20000 characters; it was read as two from here/)
    const offset = text.split('\n').slice(0, 4).join('\n').length + 1 + cuts[0]!.column - 1
    expect(text.slice(offset)).toMatch(/^word|^\[/)
    expect(runbook.steps.map((step) => step.title)).toEqual(['Links', 'After'])
    expect(runbook.steps[0]!.content.children.filter((node) => node.type === 'paragraph')).toHaveLength(cuts.length + 1)
  })

  it('a limit below 1,000 characters is raised to 1,000', () => {
    const text = `# T\n\n## Step 1: A\n\n${'word '.repeat(400)}\n`
    expect(parseRunbook(text, {maxParagraph: 10}).diagnostics.filter((d) => d.ruleId === 'limit-exceeded')).toHaveLength(1)
  })
})

describeCorpus('paragraph cuts on the corpus', () => {
  it('every corpus file cut at paragraphs of 300 characters keeps its other blocks, links and code spans', () => {
    let cut = 0
    for (const file of corpusFiles()) {
      const text = readFileSync(corpusPath(file), 'utf8').replace(/^\uFEFF/, '')
      cut += expectSound(text, 300).length
    }
    expect(cut).toBeGreaterThan(100)
  }, 300_000)
})
