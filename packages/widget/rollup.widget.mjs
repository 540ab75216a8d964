// The widget's builds, imported by the root rollup.config.mjs (paths are relative to the repository root):
//   packages/widget/dist/index.js        ESM for npm users: Lit and @runbook-kit/core stay imports; types in dist/types
//   packages/widget/dist/runbook-kit.js  ESM for one <script type="module">: Lit, search and the <runbook-kit> shell
//                                        (core's search and bundle reader, no lunr), minified; it imports its chunks from its own folder:
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
 * (sessions with their parameter references, search, bundles): the parser and its
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
        `export * from ${file('bundle/index.ts')}`
      ].join('\n')
    }
  }
}

/**
 * lunr only builds indexes (core's `search/build.ts`); the browser loads
 * and searches the compact index without it. The one-file builds keep
 * `lunr` out: it is external and side-effect free, so the builder's module
 * is tree-shaken away with it, and a build whose code still imports lunr
 * fails.
 */
function noLunr() {
  return {
    name: 'runbook-kit-no-lunr',
    resolveId(id) {
      return id === 'lunr' ? {id, external: true, moduleSideEffects: false} : null
    },
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.imports.includes('lunr')) {
          this.error(`${chunk.fileName} imports lunr: browser code must not reach core's index builder (search/build.ts)`)
        }
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
  '/*! @runbook-kit/widget | MIT | bundles Lit (BSD-3-Clause, Copyright Google LLC) and stemmer (MIT, Copyright (c) 2014 Titus Wormer) */'

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

/** The browser builds: core's browser parts from source (TypeScript, no declarations), no lunr, minified. */
const oneFilePlugins = ({global = false} = {}) => [
  coreFromSource(),
  noLunr(),
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
