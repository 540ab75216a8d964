// One build for the whole monorepo: each package contributes its entries here.
// `npm run build` (run by `npm install` through `prepare`) writes every `dist/`.
import {readFileSync} from 'node:fs'
import typescript from '@rollup/plugin-typescript'
import {pruneDeclarations, pruneStaleChunks} from './scripts/prune-dist.mjs'

const corePkg = JSON.parse(readFileSync('packages/core/package.json', 'utf8'))
const coreDeps = Object.keys(corePkg.dependencies ?? {})

/** Dependencies (and their subpaths) and Node built-ins stay imports. */
const external = (deps) => (id) =>
  id.startsWith('node:') || deps.some((dep) => id === dep || id.startsWith(dep + '/'))

/** @type {import('rollup').RollupOptions[]} */
const core = [
  {
    input: {
      index: 'packages/core/src/index.ts',
      'node/index': 'packages/core/src/node/index.ts',
      'node/cli': 'packages/core/src/node/cli.ts'
    },
    external: external(coreDeps),
    output: {
      dir: 'packages/core/dist',
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js'
    },
    plugins: [
      typescript({
        tsconfig: 'packages/core/tsconfig.build.json',
        outputToFilesystem: true
      }),
      // Chunks of earlier builds and declarations of internal modules that no entry's types reach stay out of the tarball.
      pruneStaleChunks('packages/core/dist'),
      pruneDeclarations('packages/core/dist', ['index.d.ts', 'node/index.d.ts'])
    ]
  }
]

let widget = []
try {
  // The widget package adds its own entries (ESM, IIFE) when it has any.
  widget = (await import('./packages/widget/rollup.widget.mjs')).default
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
}

export default [...core, ...widget]
