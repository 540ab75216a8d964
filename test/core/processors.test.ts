/**
 * `parseMarkdown` leaves out GFM's literal-autolink constructs where the text
 * cannot hold a literal (`processors.ts`); the tree must be the tree of the
 * full set (remark-parse + remark-gfm + remark-frontmatter) all the same.
 * The corpus check is in processor.test.ts (every file against the full set).
 */
import fc from 'fast-check'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../../packages/core/src/parse/guards/processor.js'
import {emailConstruct, processorFor, processors, urlConstructs} from '../../packages/core/src/parse/guards/processors.js'
import {fuzzRuns, fuzzSeed} from '../reliability/invariants.js'

const whole = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze()

/** The names of the text constructs a processor's syntax extensions hold. */
function textConstructNames(processor: (typeof processors)[keyof typeof processors]): Set<string> {
  const names = new Set<string>()
  for (const extension of processor.data('micromarkExtensions') ?? []) {
    for (const value of Object.values(extension.text ?? {})) {
      for (const construct of Array.isArray(value) ? value : [value]) if (construct?.name) names.add(construct.name)
    }
  }
  return names
}

const transforms = (processor: (typeof processors)[keyof typeof processors]) =>
  (processor.data('fromMarkdownExtensions') ?? []).flat().filter((extension) => (extension.transforms ?? []).length > 0).length

describe('the processors parseMarkdown chooses from', () => {
  it('leave out exactly the constructs they say (the names still match remark-gfm)', () => {
    const full = textConstructNames(processors.full)
    for (const name of [emailConstruct, ...urlConstructs]) expect(full).toContain(name)
    expect(full).toContain('strikethrough')

    const withoutEmail = textConstructNames(processors.withoutEmail)
    expect(withoutEmail).not.toContain(emailConstruct)
    for (const name of urlConstructs) expect(withoutEmail).toContain(name)

    const withoutLiterals = textConstructNames(processors.withoutLiteralAutolinks)
    for (const name of [emailConstruct, ...urlConstructs]) expect(withoutLiterals).not.toContain(name)
    expect(withoutLiterals).toContain('strikethrough')

    // The literal-autolink transform is GFM's only tree transform.
    expect(transforms(processors.full)).toBe(1)
    expect(transforms(processors.withoutEmail)).toBe(1)
    expect(transforms(processors.withoutLiteralAutolinks)).toBe(0)
  })

  it.each([
    ['Mail ops@example.com.', 'full'],
    ['See www.example.com', 'withoutEmail'],
    ['See WWW.EXAMPLE.COM', 'withoutEmail'],
    ['Open HTTPS://EXAMPLE.COM', 'withoutEmail'],
    ['Mail ops&#64;example.com', 'withoutEmail'],
    ['Mail ops&#x40;example.com', 'withoutEmail'],
    ['Mail ops&commat;example.com', 'withoutEmail'],
    ['Run `make && make install`, then restart.', 'withoutLiteralAutolinks'],
    ['Redirect with 2>&1 and read the log.', 'withoutLiteralAutolinks']
  ])('%j is read by the %s processor', (text, name) => {
    expect(processorFor(text)).toBe(processors[name as keyof typeof processors])
  })

  it.each([
    ['an email literal', 'Mail ops@example.com or [the desk](https://desk.example.com).'],
    ['www and protocol literals in any case', 'See www.example.com, WWW.Example.COM/a?b and HTTPS://EXAMPLE.COM/x.'],
    ['an email written with character references', 'Mail ops&#64;example.com, ops&#x40;example.org or ops&commat;example.net.'],
    ['a www literal written with a character reference', 'See &#119;ww.example.com and h&#116;tp://example.com.'],
    ['escaped dots and colons', 'See www\\.example\\.com and http\\://example.com.'],
    ['literals inside link text and brackets', '[a www.example.com b](https://x.example) [c http://example.com d] ![www.example.com](i.png)'],
    ['no literal at all', '# Restart\n\n1. Run `systemctl restart nginx`.\n2. Check ~/logs and *status* -- done_now.\n'],
    ['plain words that start like literals', 'httpd wwwroot hypertext web.example w.w.w'],
    ['a table and a task list without literals', '| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] check\n- [x] done\n']
  ])('give the tree of the full set: %s', (_, text) => {
    expect(parseMarkdown(text)).toEqual(whole.parse(text))
  })

  it('give the tree of the full set on generated texts rich in literal-like characters', () => {
    const piece = fc.constantFrom(
      'www', 'WwW', 'http', 'HTTPS', '://', '.', '.com', 'example', '@', '&#64;', '&#x40;', '&commat;', '&amp;', '&#119;', '&',
      '\\', '[', ']', '(', ')', '<', '>', '*', '_', '~', '`', ' ', '\n', '\n\n', '- ', '1. ', '> ', '#', '|', 'a', 'x', '-'
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 60}), (pieces) => {
        const text = pieces.join('')
        expect(parseMarkdown(text)).toEqual(whole.parse(text))
      }),
      {numRuns: fuzzRuns(2000), seed: fuzzSeed()}
    )
  })
})
