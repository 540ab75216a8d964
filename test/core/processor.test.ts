/**
 * `parseMarkdown` parses long texts in pieces (split before headings and
 * between list items, lists joined again) to keep
 * the Markdown parser's time linear; the joined tree must be the tree of the
 * whole text, positions included.
 */
import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {parseMarkdown, parseMarkdownDefaults} from '../../packages/core/src/parse/guards/processor.js'
import {corpusFiles, corpusPath, describeCorpus} from '../helpers/corpus.js'
import {blockArb, frontmatterArb, markdownArb} from '../reliability/arbitraries.js'
import {fuzzRuns, fuzzSeed} from '../reliability/invariants.js'

const whole = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze()
const sizes = [1, 40, 400]

const expectSame = (text: string, chunkSize: number) => expect(parseMarkdown(text, {chunkSize})).toEqual(whole.parse(text))

describe('parseMarkdown in pieces', () => {
  it('pieces of 20,000 characters by default; short texts are parsed whole', () => {
    expect(parseMarkdownDefaults.chunkSize).toBe(20_000)
    const text = '# T\n\n## A\n\nText.\n'
    expect(parseMarkdown(text)).toEqual(whole.parse(text))
  })

  it.each([
    ['steps with lists, code and quotes', '# T\n\n' + Array.from({length: 60}, (_, i) => `## Step ${i}\n\n- [ ] a\n  - b\n\n> q\n\n\`\`\`sh\nls\n\`\`\`\n\n1. x\n2. y\n\n`).join('')],
    ['an unclosed fence in a list before a heading', '# T\n\n' + '- a\n  ```\n  code\n\n## H\n\ntext\n\n'.repeat(30)],
    ['an unclosed top-level fence swallowing headings', '# T\n\n```\n' + '\n## not a heading\n\n'.repeat(40)],
    ['HTML blocks across blank lines', '# T\n\n' + '<!--\n\n# inside a comment\n\n-->\n\n## H\n\n<script>\n\n# x\n</script>\n\n'.repeat(20)],
    ['frontmatter with blank lines and # comments', '---\ntitle: T\n\n# a comment\n\nid: t\n---\n\n' + '## A\n\ntext\n\n'.repeat(40)],
    ['CRLF and lone CR', '# T\r\n\r\n' + '## A\r\n\r\n- a\r\n\r\n'.repeat(30) + '## B\r\r- b\r\r'.repeat(30)],
    ['headings right after text (no blank line)', '# T\n' + 'text\n## H\n- a\n# I\n'.repeat(40)],
    ['tables before headings', '# T\n\n' + '| a | b |\n|---|---|\n| 1 | 2 |\n\n## H\n\n'.repeat(40)],
    ['a long list nested twelve deep', Array.from({length: 300}, (_, i) => `${'  '.repeat(i % 12)}- item ${i}`).join('\n') + '\n'],
    ['list markers that change (other lists)', '- a\n* b\n+ c\n1. d\n2) e\n3. f\n- g\n'.repeat(20)],
    ['lazy lines in list items', '- a\nlazy\n- b\n  - c\nlazy2\n- d\n'.repeat(20)],
    ['ordered markers that continue a paragraph', 'para\n2. x\n3. y\n- z\n'.repeat(20)],
    ['loose and tight items', '- a\n\n- b\n- c\n\n  more\n- d\n'.repeat(20)],
    ['thematic breaks that look like items', '- a\n- - -\n- b\n* * *\n- c\n- ---\n'.repeat(20)],
    ['fences and HTML left open in items', '- a\n  ```\n  code\n- b\n  ```\n- c\n'.repeat(20) + '- <div>\n- b\n<!-- x\n- c\n-->\n- d\n'.repeat(20)],
    ['quotes between items, indented first items, empty items', '> - a\n- b\n> c\n- d\n'.repeat(20) + '   - a\n- b\n  - c\n- d\n'.repeat(20) + '-\n  a\n- b\n-\n- c\n'.repeat(20)],
    ['lists after a lead-in line, and items after indented or lazy lines', 'Such as:\n- a\n- b\nlazy\n- c\n\nSteps:\n1. x\n   more\n2. y\n\ttabbed\n3. z\n'.repeat(20)],
    ['ordered starts and task items', '1. a\n5. b\n1) c\n7) d\n'.repeat(20) + '- [ ] a\n- [x] b\n1. [ ] c\n'.repeat(20)]
  ])('gives the same tree as the whole text: %s', (_, text) => {
    for (const size of sizes) expectSame(text, size)
  })

  it('does not split texts that define references or footnotes (they resolve across the text)', () => {
    const text = '# T\n\n' + '## A\n\nSee [x][ref] and [^1].\n\n'.repeat(40) + '[ref]: #a\n\n[^1]: Note.\n'
    for (const size of sizes) expectSame(text, size)
  })

  it('gives the same tree for generated runbooks', () => {
    fc.assert(
      fc.property(fc.option(frontmatterArb), fc.array(fc.oneof(markdownArb, blockArb), {minLength: 1, maxLength: 6}), fc.integer({min: 1, max: 300}), (frontmatter, parts, size) => {
        const text = (frontmatter ?? '') + parts.join('\n\n')
        expectSame(text, size)
      }),
      {numRuns: fuzzRuns(300), seed: fuzzSeed()}
    )
  }, 600_000)
})

describeCorpus('parseMarkdown in pieces on the corpus', () => {
  it('gives the same tree for every file of the corpus, and for files joined', () => {
    const texts = corpusFiles().map((file) => readFileSync(corpusPath(file), 'utf8'))
    for (const text of texts) expectSame(text, 1)
    for (let index = 0; index + 4 < texts.length; index += 4) expectSame(texts.slice(index, index + 4).join('\n\n'), 500)
  }, 300_000)
})
