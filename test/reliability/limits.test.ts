/**
 * Limits and pathological inputs, each a named test. Nothing here asserts a
 * wall-clock time (bench/linear.mjs measures growth); every input must parse
 * without a throw, keep the invariants, and say what it cut in a
 * `limit-exceeded` diagnostic.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {formatDiagnostic, parseDefaults, type ParseResult, parseRunbook} from '@runbook-kit/core'
import {loadRunbook} from '@runbook-kit/core/node'
import {afterAll, describe, expect, test} from 'vitest'
import {checkResult, expectSound, parseSound, readSource} from './invariants.js'

const rules = (result: ParseResult) => result.diagnostics.map((d) => d.ruleId)

describe('defaults', () => {
  test('limits have documented defaults', () => {
    expect(parseDefaults).toMatchObject({maxSize: 10_000_000, maxSteps: 2000, maxNesting: 32})
  })
})

describe('size', () => {
  test('a 5 MB file parses, keeps every step up to the step limit, and reports the cut', () => {
    const step = (i: number) => `## Step ${i}: Check host ${i}\n\nRun this and [go back](#step-1-check-host-1) if it fails.\n\n\`\`\`sh\nping -c 1 host-${i}\n\`\`\`\n\n${'Words of explanation. '.repeat(40)}\n\n`
    const parts = ['# Big runbook\n\n']
    let size = parts[0]!.length
    for (let i = 1; size < 5_000_000; i++) {
      parts.push(step(i))
      size += parts[parts.length - 1]!.length
    }
    const markdown = parts.join('')
    expect(markdown.length).toBeGreaterThanOrEqual(5_000_000)
    const result = parseSound(markdown, {file: 'big.md'})
    expect(result.runbook.steps).toHaveLength(parseDefaults.maxSteps)
    expect(rules(result)).toContain('limit-exceeded')
  }, 120_000)

  test('maxSize cuts the text and says so', () => {
    const markdown = '# T\n\n## Step 1: a\n\nText.\n\n## Step 2: b\n\nMore text.\n'
    const result = parseSound(markdown, {maxSize: 20})
    expect(result.diagnostics[0]).toMatchObject({ruleId: 'limit-exceeded', severity: 'error'})
    expect(result.runbook.steps.map((s) => s.title)).toEqual(['Step 1: a'])
  })

  test('a 100,000-character line (words, one word, links, brackets, backticks)', () => {
    const lines = {
      words: 'word '.repeat(20_000),
      'one word': 'a'.repeat(100_000),
      links: '[a](#step-1-a) '.repeat(6_700),
      brackets: '['.repeat(100_000),
      backticks: '`'.repeat(100_000)
    }
    for (const [name, line] of Object.entries(lines)) {
      expect(line.length, name).toBeGreaterThanOrEqual(100_000)
      const result = parseSound(`# T\n\n## Step 1: a\n\n${line}\n`)
      expect(result.runbook.steps.length, name).toBe(1)
    }
  }, 120_000)
})

describe('nesting', () => {
  test.each([
    ['dashes', '- '],
    ['ordered markers', '1. '],
    ['block quotes', '> '],
    ['block quotes without spaces', '>']
  ])('10,000 nested levels of %s on one line are cut at maxNesting with a diagnostic', (_, marker) => {
    const markdown = `# T\n\n## Step 1: a\n\nBefore.\n\n${marker.repeat(10_000)}x\n\n## Step 2: b\n\nAfter.\n`
    const result = parseSound(markdown)
    const limit = result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')
    expect(limit).toMatchObject({line: 7, severity: 'error'})
    expect(limit!.message).toContain('10000 levels')
    expect(result.runbook.steps).toHaveLength(1)
    expect(JSON.stringify(result.runbook.steps[0]!.content)).toContain('Before.')
    expect(JSON.stringify(result.runbook)).not.toContain('After.')
  })

  test('10,000 nested list levels built by indentation are cut too', () => {
    const markdown = '# T\n\n' + Array.from({length: 10_000}, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')
    const result = parseSound(markdown)
    expect(result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')).toMatchObject({ruleId: 'limit-exceeded', severity: 'error'})
  })

  test.each([
    ['emphasis', '*a '.repeat(4000) + 'x' + ' a*'.repeat(4000)],
    ['underscore emphasis', '_a '.repeat(4000) + 'x' + ' a_'.repeat(4000)],
    ['link brackets', '['.repeat(10_000) + 'x' + '](#a)'.repeat(10_000)],
    ['emphasis and brackets', '[*a '.repeat(3000) + 'x']
  ])('%s nested thousands deep on one line are cut with a diagnostic (not minutes of parsing)', (_, line) => {
    const result = parseSound(`# T\n\n## Step 1: a\n\nBefore.\n\n${line}\n\nAfter.\n`)
    const limit = result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')
    expect(limit).toMatchObject({line: 7, severity: 'error'})
    expect(limit!.message).toMatch(/^Emphasis or links nest \d+ levels deep/)
    expect(JSON.stringify(result.runbook)).toContain('Before.')
  })

  test.each([
    ['emphasis, one `*a` per line', '*a\n'.repeat(4000) + 'x\n' + 'a*\n'.repeat(4000)],
    ['underscore emphasis, one `_a` per line', '_a\n'.repeat(4000) + 'x\n' + 'a_\n'.repeat(4000)],
    ['strong emphasis, one `**a` per line', '**a\n'.repeat(4000) + 'x\n' + 'a**\n'.repeat(4000)],
    ['link brackets, one `[a` per line', '[a\n'.repeat(4000) + 'x\n' + '](#a)\n'.repeat(4000)],
    ['lazy lines of a block quote', '> *a\n*a\n'.repeat(2000) + 'x\n' + 'a*\n'.repeat(4000)],
    ['lines that look like list items but continue the paragraph', '*a\n' + '2. *a\n'.repeat(4000) + 'x\n' + '3. a*\n'.repeat(4000)]
  ])('%s, thousands deep across the lines of one paragraph, are cut with a diagnostic on the first line too deep', (_, paragraph) => {
    const result = parseSound(`# T\n\n## Step 1: a\n\nBefore.\n\n${paragraph}\nAfter.\n`, {file: 'deep.md'})
    const limit = result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')
    expect(limit).toMatchObject({file: 'deep.md', column: 1, severity: 'error'})
    // Levels 1 to 32 are read; the line that opens level 33 of the deepest pair is the first one cut.
    expect(limit!.line).toBeGreaterThan(7)
    expect(limit!.message).toMatch(/^Emphasis or links nest \d+ levels deep across the lines of one paragraph, more than 32/)
    expect(formatDiagnostic(limit!)).toMatch(/^deep\.md:\d+:1 error Emphasis or links nest/)
    expect(JSON.stringify(result.runbook)).toContain('Before.')
    expect(JSON.stringify(result.runbook)).not.toContain('After.')
    expect(rules(result)).not.toContain('invalid-input')
  })

  test('the cut is on the line that opens the 33rd level', () => {
    const result = parseSound('# T\n\n' + '*a\n'.repeat(40) + 'x\n' + 'a*\n'.repeat(40))
    // Line 3 opens level 1 (the outermost), line 42 level 40; the innermost pair deeper than 32 is opened on line 10.
    expect(result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')).toMatchObject({line: 10, column: 1})
  })

  test('a run of thousands of `*` closed by another on one line is cut', () => {
    const result = parseSound(`# T\n\nBefore.\n\n${'*'.repeat(8000)}a${'*'.repeat(8000)}\n`)
    expect(result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')).toMatchObject({line: 5, column: 1})
  })

  test('emphasis and links nested across lines up to the limit are read in full', () => {
    const depth = parseDefaults.maxNesting
    const result = parseSound('# T\n\n' + '*a\n'.repeat(depth) + 'deep\n' + 'a*\n'.repeat(depth))
    expect(rules(result)).not.toContain('limit-exceeded')
    expect(JSON.stringify(result.runbook.steps[0]!.content)).toContain('deep')
    expect(rules(parseSound('# T\n\n' + '*a\n'.repeat(depth + 1) + 'deep\n' + 'a*\n'.repeat(depth + 1)))).toContain('limit-exceeded')
  })

  test('lists and paragraphs of globs, and prose over many lines, are not nesting', () => {
    const inputs = {
      'a bullet list of globs': '- *.log\n'.repeat(300) + '- tmp/*\n'.repeat(300),
      'an ordered list of globs': Array.from({length: 200}, (_, i) => `${i + 1}. ${i < 100 ? '*.log' : 'tmp/*'}`).join('\n'),
      'a nested list of globs': '- logs\n' + '  - *.log\n'.repeat(100) + '  - tmp/*\n'.repeat(100),
      'a paragraph of globs': '*.log *.tmp\n'.repeat(300),
      'a paragraph of closers': 'tmp/* build*\n'.repeat(300),
      'prose over many lines': '*a* **b** _c_ [d](#e) [f][g] `*x *y *z` foo_bar_baz *.log *.tmp 2 * 3 * 4\n'.repeat(200),
      'emphasis and links on every line of a long paragraph': 'Run *this* and **that**, then [check](#a) the _log_.\n'.repeat(300)
    }
    for (const [name, text] of Object.entries(inputs)) {
      expect(rules(parseSound(`# T\n\n${text}\n`)), name).not.toContain('limit-exceeded')
    }
  })

  test('ordinary emphasis, links, globs and code are not inline nesting', () => {
    const line = '*a* **b** _c_ [d](#e) [f][g] `*x *y *z` foo_bar_baz *.log *.tmp 2 * 3 * 4 '.repeat(40)
    const fenced = '```\n' + '*a '.repeat(100) + '\n' + '['.repeat(100) + '\n```'
    const result = parseSound(`# T\n\n${line}\n\n${fenced}\n`)
    expect(rules(result)).not.toContain('limit-exceeded')
  })

  test('nesting up to the limit is read in full', () => {
    const markdown = '# T\n\n' + '- '.repeat(parseDefaults.maxNesting) + 'deep\n'
    const result = parseSound(markdown)
    expect(rules(result)).not.toContain('limit-exceeded')
    expect(JSON.stringify(result.runbook.steps[0]!.content)).toContain('deep')
  })

  test('maxNesting is configurable', () => {
    const markdown = '# T\n\n- a\n  - b\n    - c\n'
    expect(rules(parseSound(markdown, {maxNesting: 2}))).toContain('limit-exceeded')
    expect(rules(parseSound(markdown, {maxNesting: 3}))).not.toContain('limit-exceeded')
  })

  test('thematic breaks, tables and code are not nesting', () => {
    const markdown = '# T\n\n- - -\n\n* * * * * *\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n' + '> '.repeat(5) + '\n```\n'
    expect(rules(parseSound(markdown, {maxNesting: 8}))).not.toContain('limit-exceeded')
  })
})

describe('broken structure', () => {
  test('an unclosed fence swallows the rest of the step and is reported', () => {
    const markdown = '# T\n\n## Step 1: Run\n\n```sh\nrm -rf /tmp/x\n\n## Step 2: Not a step\n\nText.\n'
    const result = parseSound(markdown)
    expect(rules(result)).toContain('unclosed-code-fence')
    expect(result.runbook.steps).toHaveLength(1)
  })

  test.each(['```', '~~~', '````', '> ```', '- ```'])('an unclosed %s fence at the end of the file', (fence) => {
    const result = parseSound(`# T\n\n## Step 1: a\n\n${fence}sh\necho hi`)
    expect(result.runbook.steps).toHaveLength(1)
  })

  test('a file that is only an unclosed fence', () => {
    expectSound(parseRunbook('```'), '```')
  })
})

describe('bytes and encodings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-kit-limits-'))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  test('NUL bytes anywhere', () => {
    const markdown = '\u0000# T\u0000\n\n## Step\u0000 1: a\n\n```sh\necho \u0000\n```\n\n- [ ] \u0000 item\n'
    const result = parseSound(markdown)
    expect(result.runbook.steps.length).toBeGreaterThanOrEqual(1)
    expect(JSON.parse(JSON.stringify(result.runbook))).toEqual(result.runbook)
  })

  test('a BOM is dropped and positions count from after it', () => {
    const plain = parseSound('# T\n\n## Step 1: a\n\nText.\n')
    const bom = parseSound('\ufeff# T\n\n## Step 1: a\n\nText.\n')
    expect(bom.runbook.steps).toEqual(plain.runbook.steps)
    expect(bom.runbook.title).toBe('T')
  })

  test('CRLF and lone CR give the same steps as LF', () => {
    const lf = '---\ntitle: T\n---\n\n## Step 1: a\n\n- [ ] one\n\nGo to [b](#step-2-b).\n\n## Step 2: b\n\n```sh\necho hi\n```\n'
    const expected = parseSound(lf).runbook.steps.map((s) => ({id: s.id, edges: s.edges, checklist: s.checklist, commands: s.commands}))
    for (const eol of ['\r\n', '\r']) {
      const steps = parseSound(lf.replace(/\n/g, eol)).runbook.steps.map((s) => ({id: s.id, edges: s.edges, checklist: s.checklist, commands: s.commands}))
      expect(steps).toEqual(expected)
    }
  })

  test('invalid UTF-8 decoded with replacement characters', () => {
    const bytes = Buffer.concat([
      Buffer.from('# T\n\n## Step 1: a '),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x90, 0x80, 0xed, 0xa0, 0x80]),
      Buffer.from('\n\nText.\n')
    ])
    const markdown = bytes.toString('utf8')
    expect(markdown).toContain('\ufffd')
    const result = parseSound(markdown)
    expect(result.runbook.steps[0]!.title).toContain('\ufffd')
  })

  test('lone surrogates in a heading and a link target', () => {
    parseSound('# \ud800\n\n## Step 1: \udc00\n\nGo to [x](#\ud800).\n')
  })

  test('loadRunbook reads a file with invalid UTF-8, NUL, a BOM and CRLF without throwing', async () => {
    const file = path.join(dir, 'broken.md')
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Broken\r\n\r\n## Step 1: a\u0000\r\n\r\n'), Buffer.from([0xc0, 0xaf, 0xff]), Buffer.from('\r\n')])
    )
    const result = await loadRunbook(file)
    expect(result.diagnostics.filter((d) => d.ruleId === 'invalid-input')).toEqual([])
    expect(result.runbook.title).toBe('Broken')
    expect(result.runbook.steps[0]!.title).toContain('a')
  })
})

describe('frontmatter', () => {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort()
  const clean = () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore)
  }

  test('a YAML alias bomb ("billion laughs") is refused with a diagnostic', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const next = String.fromCharCode(97 + i)
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    const markdown = `---\ntitle: Bomb\n${levels.join('\n')}\n---\n\n# Bomb\n\nText.\n`
    const result = parseSound(markdown)
    expect(result.diagnostics.find((d) => d.ruleId === 'invalid-frontmatter')).toBeDefined()
    expect(JSON.stringify(result.runbook).length).toBeLessThan(10_000)
  })

  test('a recursive alias is refused', () => {
    const result = parseSound('---\na: &a\n  b: *a\n---\n# T\n')
    expect(JSON.stringify(result.runbook).length).toBeLessThan(10_000)
  })

  test('__proto__, constructor and prototype keys are dropped and do not pollute Object.prototype', () => {
    const markdown = [
      '---',
      'title: Proto',
      '__proto__: {polluted: true}',
      'constructor: {prototype: {polluted: true}}',
      'prototype: {polluted: true}',
      'extra:',
      '  __proto__: {polluted: true}',
      '  constructor: {prototype: {polluted: true}}',
      '  list: [{__proto__: {polluted: true}}]',
      'params:',
      '  __proto__: {secret: true}',
      '  constructor: x',
      '  host: The host',
      '<<: {polluted: true}',
      '---',
      '',
      '# Proto',
      '',
      'Text.'
    ].join('\n')
    const result = parseSound(markdown)
    clean()
    expect(Object.getPrototypeOf(result.runbook.meta.extra)).toBe(Object.prototype)
    expect(Object.keys(result.runbook.meta.extra)).not.toContain('__proto__')
    expect(JSON.stringify(result.runbook.meta.extra)).not.toContain('constructor')
    expect(result.runbook.params.map((p) => p.name)).toEqual(['host'])
    expect(result.diagnostics.some((d) => d.ruleId === 'invalid-frontmatter' && d.message.includes('__proto__'))).toBe(true)
  })

  test('broken YAML is a diagnostic, the body is still read', () => {
    for (const yaml of ['title: [unclosed', ': : :', '\tbad: tab', 'title: a\ntitle: b', '"\\xZZ"', '- a list', '42']) {
      const result = parseSound(`---\n${yaml}\n---\n\n# Body title\n\n## Step 1: a\n\nText.\n`)
      expect(rules(result), yaml).toContain('invalid-frontmatter')
      expect(result.runbook.steps[0]!.title, yaml).toMatch(/a$/)
    }
  })

  test('an unclosed frontmatter block is read as Markdown', () => {
    parseSound('---\ntitle: x\n\n# T\n\n## Step 1: a\n')
  })
})

describe('steps and graphs', () => {
  const manySteps = (count: number) =>
    '# Many\n\n' + Array.from({length: count}, (_, i) => `## Step ${i + 1}: Do ${i + 1}\n\nText ${i + 1}.\n`).join('\n')

  test('5,000 steps: the first 2,000 are steps, the rest joins the last, with a diagnostic', () => {
    const result = parseSound(manySteps(5000))
    expect(result.runbook.steps).toHaveLength(2000)
    const limit = result.diagnostics.find((d) => d.ruleId === 'limit-exceeded')
    expect(limit?.message).toContain('5000 steps')
    expect(JSON.stringify(result.runbook.steps[1999]!.content)).toContain('Text 5000.')
  }, 60_000)

  test('maxSteps is configurable', () => {
    expect(parseSound(manySteps(50), {maxSteps: 10}).runbook.steps).toHaveLength(10)
    expect(parseSound(manySteps(50), {maxSteps: 100}).runbook.steps).toHaveLength(50)
  })

  test('1,500 steps under the limit all link to each other in a ring', () => {
    const count = 1500
    const markdown = '# Ring\n\n' + Array.from({length: count}, (_, i) => `## Step ${i + 1} {#s${i}}\n\nGo to [next](#s${(i + 1) % count}).\n`).join('\n')
    const result = parseSound(markdown)
    expect(result.runbook.steps).toHaveLength(count)
    expect(result.runbook.steps.every((step, i) => step.edges[0]?.to === `s${(i + 1) % count}`)).toBe(true)
    expect(rules(result)).toContain('no-end')
  }, 60_000)

  test('cycles: a self-loop, a two-step loop and a loop with a way out', () => {
    const self = parseSound('# T\n\n## Retry {#retry}\n\nGo to [retry](#retry).\n')
    expect(self.runbook.steps[0]!.edges).toEqual([{kind: 'goto', rule: 'go-to-sentence', to: 'retry'}])
    expect(rules(self)).toContain('no-end')
    const two = parseSound('# T\n\n## A {#a}\n\nGo to [b](#b).\n\n## B {#b}\n\nGo to [a](#a).\n')
    expect(rules(two)).toContain('no-end')
    const out = parseSound('# T\n\n## A {#a}\n\n- Again: [a](#a)\n- Fixed: [done](#done)\n\n## Done {#done}\n\nEnd of runbook.\n')
    expect(rules(out)).not.toContain('no-end')
  })

  test('every step of a huge flat ordered list', () => {
    const markdown = '# List\n\n' + Array.from({length: 3000}, (_, i) => `${i + 1}. Do thing ${i + 1}.`).join('\n') + '\n'
    const result = parseSound(markdown)
    expect(result.runbook.steps.length).toBeLessThanOrEqual(2000)
    expect(checkResult(result, readSource(markdown))).toEqual([])
  }, 60_000)
})
