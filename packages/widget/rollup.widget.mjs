// The widget's builds, imported by the root rollup.config.mjs (paths are relative to the repository root):
//   packages/widget/dist/index.js        ESM for npm users: Lit and @runbook-kit/core stay imports; types in dist/types
//   packages/widget/dist/runbook-kit.js  ESM for one <script type="module">: Lit, search and the <runbook-kit> shell
//                                        (lunr, core's search), minified; it imports its chunks from its own folder:
//   packages/widget/dist/runbook-kit.<name>-<hash>.js  the walkthrough, sessions, timeline and Markdown renderer,
//                                        loaded when a runbook is opened (`import()` relative to the script's URL)
//   packages/widget/dist/runbook-kit.iife.js  everything in one classic script, for pages without modules
//   packages/widget/dist/custom-elements.json  the custom-elements manifest, from the components' doc comments
import {execFile} from 'node:child_process'
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import {pruneDeclarations, pruneStaleChunks} from '../../scripts/prune-dist.mjs'

const dist = 'packages/widget/dist'
const coreSource = path.resolve('packages/core/src')

/**
 * `@runbook-kit/core` is compiled from source into the widget, through a
 * virtual entry that re-exports only the browser parts the widget uses
 * (sessions, search, bundles, parameter tokens): the parser and its
 * dependencies (unified, micromark, yaml) are never loaded.
 */
function coreFromSource() {
  const virtual = '\0runbook-kit-core-browser'
  const file = (name) => JSON.stringify(path.join(coreSource, name))
  return {
    name: 'runbook-kit-core-from-source',
    resolveId(id) {
      return id === '@runbook-kit/core' ? virtual : null
    },
    load(id) {
      if (id !== virtual) return null
      return [
        `export * from ${file('session/index.ts')}`,
        `export * from ${file('search/index.ts')}`,
        `export {findParamTokens} from ${file('parse/commands/commands.ts')}`
      ].join('\n')
    }
  }
}

/**
 * lunr 2.3.9 is UMD (CommonJS): wrap it as an ES module whose default export
 * is `module.exports`. Core runs only part of lunr in the browser: the
 * `Index` it assembles itself (core's `hydrate`, not `lunr.Index.load`),
 * `Vector` (BM25 scores), `TokenSet` (wildcard and fuzzy expansion),
 * `Pipeline`, `Token` and the Porter `stemmer`; it evaluates queries itself
 * (core's `evaluate`, not `idx.query()`) and tokenizes with its own
 * tokenizer and stop words. The parts it never runs are left out, for size,
 * each from its first line to the first line of what follows it.
 */
const lunrUnused = [
  // \`lunr(config)\` builds an index with the Builder, and \`lunr.version\`: never used by core.
  ['  var builder = new lunr.Builder', '}\n\nlunr.version'],
  ['lunr.version = ', '/*!\n * lunr.utils'],
  // utils.warn: only the pipeline's registry warns (see `lunrStubs`).
  ['lunr.utils.warn = (function', 'lunr.utils.asString = function'],
  // utils.asString, utils.clone, FieldRef, Set, idf: used by the builder and idx.query() only.
  ['lunr.utils.asString = function', 'lunr.Token = function'],
  // Token.clone and the tokenizer (core tokenizes itself).
  ['lunr.Token.prototype.clone = function', 'lunr.Pipeline = function'],
  // A pipeline is only registered and given to the index: core runs its functions itself.
  ['lunr.Pipeline.load = function', 'lunr.Pipeline.prototype.add = function'],
  ['lunr.Pipeline.prototype.after = function', 'lunr.Vector = function'],
  // Vector arithmetic: core scores with its own query vectors (`evaluate`); it only makes field vectors.
  ['lunr.Vector.prototype.positionForIndex = function', 'lunr.stemmer = '],
  // The English stop word list and the trimmer (core filters with its own list).
  ['lunr.generateStopWordFilter = function', 'lunr.TokenSet = function'],
  // TokenSet.fromArray, its Builder and toString (core builds the index's token set itself: `termSet`).
  ['lunr.TokenSet.fromArray = function', 'lunr.TokenSet.fromFuzzyString = function'],
  ['lunr.TokenSet.prototype.toString = function', 'lunr.TokenSet.prototype.intersect = function'],
  ['lunr.TokenSet.Builder = function', 'lunr.Index = function'],
  // idx.search, idx.query, idx.toJSON, Index.load, Builder, MatchData, Query and the query-string
  // parser (core builds queries itself because the parser throws on everyday text).
  ['lunr.Index.prototype.search = function', '/**\n   * export the module via AMD']
]

/**
 * Parts of lunr that core calls in the browser but whose work nobody uses
 * there, replaced (first line to the first line of what follows) by the
 * little that is. A pipeline is registered and handed to `new lunr.Index`,
 * but never run, loaded or serialized in the browser (those are in
 * `lunrUnused`): the registry of named functions and its warnings go; a
 * pipeline still holds its functions and a registered function its label.
 */
const lunrStubs = [
  [
    'lunr.Pipeline = function',
    'lunr.Vector = function',
    'lunr.Pipeline = function () {\n  this._stack = [];\n};\n\n' +
      'lunr.Pipeline.registerFunction = function (fn, label) {\n  fn.label = label;\n};\n\n' +
      'lunr.Pipeline.prototype.add = function () {\n  this._stack.push.apply(this._stack, arguments);\n};\n\n'
  ]
]

/** lunr as an ES module without the parts in `lunrUnused` and with `lunrStubs` (test/widget/lunr-trim.test.ts checks searches match). */
function lunrAsEsm() {
  return {
    name: 'runbook-kit-lunr-esm',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]lunr[\\/]lunr\.js$/.test(id)) return null
      let trimmed = code
      for (const [from, to, stub = ''] of [...lunrUnused, ...lunrStubs]) {
        const start = trimmed.indexOf(from)
        const end = trimmed.indexOf(to, start)
        if (start < 0 || end < 0) {
          trimmed = undefined
          break
        }
        trimmed = trimmed.slice(0, start) + stub + trimmed.slice(end)
      }
      if (trimmed === undefined) this.warn('lunr.js is not the expected 2.3.9 source: bundled whole')
      else code = trimmed
      // Its section notices (\`/*!\`) would survive minification: the banner carries lunr's copyright once.
      code = code.replaceAll('/*!', '/*')
      return {
        code: `var module = {exports: {}}, exports = module.exports, define;\n${code}\nexport default module.exports;\n`,
        map: null
      }
    }
  }
}

/**
 * Collapse the indentation inside the widget's own template literals (Lit
 * `html` and `css`): a newline plus indentation becomes a newline, which
 * HTML and CSS read as the same whitespace. Code outside templates is
 * minified by terser anyway; no template of the widget has significant
 * leading spaces (its <pre> templates are on one line).
 *
 * Kept rather than the Lit team's `@lit-labs/rollup-plugin-minify-html-literals`
 * (html-minifier-next and lightningcss, a native binary): measured on
 * 2026-12-04, that plugin gave a first script 0.2 KB gzip larger (22.6 vs
 * 22.4 KB) and a classic build 0.2 KB larger, because lightningcss refuses
 * the theme's stylesheet (`Invalid qualified rule`: a Lit `${…}` where CSS
 * expects a rule) and leaves it whole, and it does not shorten the private
 * `--_rk-*` names. This touches only the widget's own templates, never a
 * dependency's source.
 */
function collapseTemplateWhitespace() {
  const widgetSource = path.resolve('packages/widget/src') + path.sep
  const tokens = new Map()
  const tokenName = (name) => {
    let short = tokens.get(name)
    if (short === undefined) {
      const n = tokens.size
      short = '--_' + (n < 26 ? String.fromCharCode(97 + n) : String.fromCharCode(97 + Math.floor(n / 26) - 1, 97 + (n % 26)))
      tokens.set(name, short)
    }
    return short
  }
  return {
    name: 'runbook-kit-collapse-template-whitespace',
    buildStart() {
      // Names in the order the theme declares them, so every build names them alike.
      for (const [name] of readFileSync(path.join(widgetSource, 'internal/theme.styles.ts'), 'utf8').matchAll(/--_rk-[\w-]+/g)) tokenName(name)
    },
    transform(code, id) {
      if (!id.startsWith(widgetSource)) return null
      code = code.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n')
      // Style modules hold only CSS in their templates: drop the whitespace around punctuation too,
      // the leading zeros of numbers (`0.5em` is `.5em`), and shorten `#ffffff` to `#fff`.
      // The private token names (`--_rk-color-bg`, set from the public `--rk-color-bg`) become
      // `--_` plus a letter or two: they are never read or set outside these style modules.
      if (id.endsWith('.styles.ts')) {
        code = code
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/`\s+|\s+`/g, (m) => m.trim())
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/ \* /g, '*')
          .replace(/([\s:(,])0\.(\d)/g, '$1.$2')
          .replace(/#([\da-f])\1([\da-f])\2([\da-f])\3\b/gi, '#$1$2$3')
          .replace(/--_rk-[\w-]+/g, tokenName)
      }
      return {code, map: null}
    }
  }
}

const treeshake = {
  // Core's own modules are side-effect free (package.json "sideEffects": false).
  moduleSideEffects: (id) => !id.startsWith(coreSource)
}

const banner =
  '/*! @runbook-kit/widget | MIT | bundles Lit (BSD-3-Clause, Copyright Google LLC) and lunr (MIT, Copyright (C) 2020 Oliver Nightingale) */'

// `pure_getters`: terser may drop or reorder a property read as if it had no side effect. Safe here:
// the getters this bundle reads (Session's copies, Lit's, the DOM's) only return values, and no code
// reads a property only for its effect (no forced reflow; `localStorage`, whose read can throw, is
// read for its value, inside its try).
// `global`: the classic script's one global (`var RunbookKit = …`) must keep its name, so top-level
// names are not mangled there (everything else is inside the IIFE's function and still is).
const minify = ({global = false} = {}) =>
  terser({
    ecma: 2020,
    module: !global,
    compress: {passes: 3, unsafe_arrows: true, pure_getters: true},
    mangle: {toplevel: !global},
    format: {comments: /^!/}
  })

/** Generate custom-elements.json from the doc comments with @custom-elements-manifest/analyzer. */
function manifest() {
  return {
    name: 'runbook-kit-custom-elements-manifest',
    async writeBundle() {
      const cli = path.resolve('node_modules/@custom-elements-manifest/analyzer/cem.js')
      try {
        await promisify(execFile)(
          process.execPath,
          [cli, 'analyze', '--litelement', '--globs', 'src/components/**/*.component.ts', '--outdir', 'dist'],
          {cwd: path.resolve('packages/widget')}
        )
        // Internal state (`_name`, Lit's `state: true`) is not public API.
        const file = path.resolve(dist, 'custom-elements.json')
        const json = JSON.parse(readFileSync(file, 'utf8'))
        for (const module of json.modules ?? []) {
          for (const declaration of module.declarations ?? []) {
            for (const key of ['attributes', 'members']) {
              if (Array.isArray(declaration[key])) {
                declaration[key] = declaration[key].filter((m) => !m.name?.startsWith('_') && m.privacy !== 'private' && !m.name?.startsWith('#'))
              }
            }
          }
        }
        writeFileSync(file, JSON.stringify(json, null, 2) + '\n')
      } catch (error) {
        this.warn(`custom-elements.json not generated: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }
}

/** The browser builds: core's browser parts from source (TypeScript, no declarations), lunr trimmed, minified. */
const oneFilePlugins = ({global = false} = {}) => [
  coreFromSource(),
  lunrAsEsm(),
  nodeResolve({browser: true, exportConditions: ['production']}),
  typescript({tsconfig: 'packages/widget/tsconfig.onefile.json'}),
  collapseTemplateWhitespace(),
  minify({global})
]

/** The script's chunks: `runbook-kit.<name>-<hash>.js` beside it. */
const scriptChunk = /^runbook-kit\.[\w-]+-[\w-]{8}\.js$/

/** After a build of the script, delete the chunks of earlier builds (their names carry another hash). */
function pruneStaleScriptChunks() {
  return {
    name: 'runbook-kit-prune-stale-script-chunks',
    writeBundle(_options, bundle) {
      for (const name of readdirSync(dist)) if (scriptChunk.test(name) && !(name in bundle)) rmSync(path.join(dist, name))
    }
  }
}

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    // An app that imports both packages gets one copy of core: the widget's entry imports it.
    input: {index: 'packages/widget/src/index.ts'},
    external: (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/') || id === '@runbook-kit/core',
    treeshake,
    output: {dir: dist, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js'},
    plugins: [
      nodeResolve({browser: true, exportConditions: ['production']}),
      typescript({tsconfig: 'packages/widget/tsconfig.build.json', outputToFilesystem: true}),
      collapseTemplateWhitespace(),
      {
        name: 'runbook-kit-types-entry',
        generateBundle() {
          this.emitFile({type: 'asset', fileName: 'index.d.ts', source: "export * from './types/widget/src/index.js'\n"})
          this.emitFile({type: 'asset', fileName: 'runbook-kit.d.ts', source: "export * from './types/widget/src/script.js'\n"})
        }
      },
      manifest(),
      pruneStaleChunks(dist),
      pruneDeclarations(dist, ['index.d.ts', 'runbook-kit.d.ts'])
    ]
  },
  {
    // The script for one <script type="module">: from source (src/script.ts), core compiled in (only its browser
    // parts). The walkthrough is a dynamic import, so rollup splits it (and what only it uses) into chunks; the
    // entry keeps what both use (Lit, strings), which the chunks import from it.
    input: {'runbook-kit': 'packages/widget/src/script.ts'},
    // The chunks import what they share with the entry from the entry itself (no third file on the first load).
    preserveEntrySignatures: 'allow-extension',
    treeshake,
    output: {
      dir: dist,
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: 'runbook-kit.[name]-[hash].js',
      banner: (chunk) => (chunk.isEntry ? banner : '')
    },
    plugins: [...oneFilePlugins(), pruneStaleScriptChunks()]
  },
  {
    // Built from dist/index.js (above): everything in one file (the walkthrough's `import()` is inlined).
    input: `${dist}/index.js`,
    treeshake,
    output: {file: `${dist}/runbook-kit.iife.js`, format: 'iife', name: 'RunbookKit', banner},
    plugins: oneFilePlugins({global: true})
  }
]
