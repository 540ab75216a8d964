import {fileURLToPath} from 'node:url'
import {defineConfig} from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      {find: /^@runbook-kit\/core\/node$/, replacement: here('./packages/core/src/node/index.ts')},
      {find: /^@runbook-kit\/core$/, replacement: here('./packages/core/src/index.ts')}
    ]
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default']
  }
})
