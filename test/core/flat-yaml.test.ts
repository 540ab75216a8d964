/**
 * `readFlatYaml`: flat frontmatter read without the YAML parser. Wherever it
 * answers, its answer must be what the `yaml` package reads (with nothing to
 * report); everything else it must leave to the parser.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {parseDocument} from 'yaml'
import {describe, expect, it} from 'vitest'
import {readFlatYaml} from '../../packages/core/src/parse/flat-yaml.js'

/** What the YAML parser reads, or undefined when it reports anything. */
function parsed(text: string): unknown {
  const document = parseDocument(text, {uniqueKeys: true, logLevel: 'silent'})
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined
  return document.toJS()
}

describe('readFlatYaml', () => {
  it('reads one key and value a line: plain text, whole numbers, quoted text, nothing', () => {
    const text = [
      'title: Restart the print spooler',
      'owner: "Service desk, tier 1"',
      "summary: 'Get printing again'",
      'review_in: 6 months',
      'last_reviewed_on: 2026-05-11',
      'weight: 10',
      'version: 1.0.2',
      'url: https://wiki.example.com/printers',
      '# a comment line',
      '',
      'estimate:'
    ].join('\n')
    const read = readFlatYaml(text)
    expect(read).toEqual({
      title: 'Restart the print spooler',
      owner: 'Service desk, tier 1',
      summary: 'Get printing again',
      review_in: '6 months',
      last_reviewed_on: '2026-05-11',
      weight: 10,
      version: '1.0.2',
      url: 'https://wiki.example.com/printers',
      estimate: null
    })
    expect(read).toEqual(parsed(text))
    expect(Object.keys(read!)).toEqual(Object.keys(parsed(text) as object))
  })

  it.each([
    ['a list', 'tags:\n  - printer\n  - queue'],
    ['a flow list', 'tags: [printer, queue]'],
    ['a nested map', 'params:\n  printer: Host name'],
    ['a comment after a value', 'title: Printer # draft'],
    ['a value with ": "', 'title: Step: restart'],
    ['true', 'draft: true'],
    ['null', 'owner: null'],
    ['a signed number', 'weight: -2'],
    ['a leading zero', 'weight: 0123'],
    ['a decimal', 'weight: 1.5'],
    ['hex', 'weight: 0x1F'],
    ['an escape', 'title: "Printer\\toffline"'],
    ['a quote inside quotes', "title: 'It''s down'"],
    ['a repeated key', 'title: A\ntitle: B'],
    ['a tab', 'title:\tPrinter'],
    ['CRLF line ends', 'title: Printer\r\nowner: Desk'],
    ['an unsafe key', '__proto__: x'],
    ['an anchor', 'title: &name Printer'],
    ['a block scalar', 'description: |\n  Two\n  lines'],
    ['a document marker', '---\ntitle: Printer'],
    ['only comments', '# nothing here']
  ])('leaves %s to the YAML parser', (_, text) => {
    expect(readFlatYaml(text)).toBeUndefined()
  })

  it('agrees with the YAML parser on generated flat-looking lines', () => {
    const piece = fc.constantFrom(
      'a', 'Z', '0', '1', '9', ' ', ':', '#', '-', '+', '.', 'e', 'x', 'o', "'", '"', '\\', '[', ']', '{', '}', ',',
      '&', '*', '!', '|', '>', '%', '@', '`', '?', '~', 'null', 'true', 'False', '\u00a0', 'é', '\n'
    )
    const value = fc.array(piece, {maxLength: 8}).map((pieces) => pieces.join(''))
    const line = fc.tuple(fc.constantFrom('title', 'id', 'k_1', 'a.b', 'x-y', 'Null', 'e'), value).map(([key, written]) => `${key}: ${written}`)
    let answered = 0
    fc.assert(
      fc.property(fc.array(line, {minLength: 1, maxLength: 4}), (lines) => {
        const text = lines.join('\n')
        const read = readFlatYaml(text)
        if (read !== undefined) {
          answered++
          expect(read).toEqual(parsed(text))
          expect(Object.keys(read)).toEqual(Object.keys(parsed(text) as object))
        }
      }),
      {numRuns: 3000}
    )
    expect(answered).toBeGreaterThan(100)
  })

  const corpus = path.resolve(process.env.RUNBOOK_CORPUS ?? '../shared/corpus')
  const hasCorpus = (() => {
    try {
      return statSync(corpus).isDirectory()
    } catch {
      return false
    }
  })()
  if (!hasCorpus) console.log(`flat-yaml.test: no corpus at ${corpus} (set RUNBOOK_CORPUS); corpus check skipped`)
  it.skipIf(!hasCorpus)('agrees with the YAML parser on every frontmatter of the corpus it reads', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.(md|markdown)(\.erb)?$/i.test(name)) files.push(full)
      }
    }
    walk(corpus)
    let read = 0
    for (const file of files) {
      // The frontmatter block, as remark-frontmatter finds it in most files (the rest are skipped).
      const yaml = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))?.[1]
      if (yaml === undefined) continue
      const flat = readFlatYaml(yaml)
      if (flat === undefined) continue
      read++
      expect(flat, file).toEqual(parsed(yaml))
    }
    expect(read).toBeGreaterThan(0)
  })
})
