/**
 * The widget's one-file builds carry no lunr: lunr only builds indexes
 * (packages/widget/rollup.widget.mjs, `noLunr`). This test bundles core's
 * browser search with that same plugin, checks that the bundle reaches no
 * lunr, and that it loads a bundle and answers searches (exact, prefix,
 * fuzzy, filtered) exactly as core from source does.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {createBundle, loadBundle, search} from '@runbook-kit/core'
import {loadRunbooks} from '@runbook-kit/core/node'
import nodeResolve from '@rollup/plugin-node-resolve'
import {type Plugin, rollup} from 'rollup'
import ts from 'typescript'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import widgetConfigs from '../../packages/widget/rollup.widget.mjs'

type Core = {loadBundle: typeof loadBundle; search: typeof search}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const scratch = mkdtempSync(path.join(tmpdir(), 'core-browser-'))

/** Core's TypeScript, compiled file by file (no type-check: that is `npm run typecheck`'s job). */
const transpile: Plugin = {
  name: 'test-transpile',
  async resolveId(source, importer) {
    if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null
    return this.resolve(`${source.slice(0, -3)}.ts`, importer, {skipSelf: true})
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null
    const options = {target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true}
    return {code: ts.transpileModule(code, {compilerOptions: options, fileName: id}).outputText, map: null}
  }
}

let bundled: Core
let code = ''

beforeAll(async () => {
  // The one-file builds bundle core (the npm entry imports @runbook-kit/core).
  const plugins = (widgetConfigs as Array<{plugins: Plugin[]}>).flatMap((config) => config.plugins)
  const noLunr = plugins.find((p) => p.name === 'runbook-kit-no-lunr')!
  const entry = '\0entry'
  const build = await rollup({
    input: entry,
    onwarn(warning) {
      throw new Error(`rollup: ${warning.message}`)
    },
    plugins: [
      {
        name: 'test-entry',
        resolveId: (id) => (id === entry ? entry : null),
        load: (id) =>
          id === entry ? `export {loadBundle, search} from ${JSON.stringify(path.join(root, 'packages/core/src/search/index.ts'))}` : null
      },
      noLunr,
      nodeResolve({browser: true}),
      transpile
    ]
  })
  const {output} = await build.generate({format: 'esm'})
  code = output[0].code
  const file = path.join(scratch, 'core-browser.mjs')
  writeFileSync(file, code)
  bundled = (await import(pathToFileURL(file).href)) as Core
}, 60_000)

afterAll(() => rmSync(scratch, {recursive: true, force: true}))

describe('core’s browser search', () => {
  it('reaches no lunr: neither its source nor an import of it', () => {
    expect(code).not.toMatch(/from ['"]lunr['"]|import ['"]lunr['"]/)
    for (const part of ['lunr.Builder', 'lunr.Index', 'TokenSet', 'QueryParser']) expect(code).not.toContain(part)
    // The stemmer it needs comes from the stemmer package.
    expect(code).toContain('ational')
  })

  it('answers searches exactly as core from source', async () => {
    const {runbooks, diagnostics} = await loadRunbooks(path.join(root, 'runbooks'))
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(runbooks.length).toBeGreaterThan(3)
    const json = JSON.stringify(createBundle(runbooks))
    const whole = loadBundle(json)
    const part = bundled.loadBundle(json)
    expect(part.runbooks.map((r) => r.id)).toEqual(whole.runbooks.map((r) => r.id))

    const words = new Set<string>()
    for (const runbook of runbooks) {
      for (const word of runbook.title.toLowerCase().split(/\W+/)) if (word.length > 2) words.add(word)
    }
    const queries = [...words].slice(0, 40)
    // Prefixes while typing, misspellings (fuzzy), several words, nothing to find.
    queries.push(...queries.slice(0, 10).map((w) => w.slice(0, 3)), ...queries.slice(0, 10).map((w) => `${w}x`))
    queries.push('printer offline', 'restore backup database', 'zzzzqqq', '')
    const category = runbooks[0]!.meta.category
    let answered = 0
    for (const query of queries) {
      for (const options of [undefined, {fuzzy: false}, {prefix: false}, {category}]) {
        const expected = search(whole.index, query, options)
        expect(bundled.search(part.index, query, options), `${query} ${JSON.stringify(options)}`).toEqual(expected)
        if (expected.length > 0) answered++
      }
    }
    expect(answered).toBeGreaterThan(queries.length)
  })
})
