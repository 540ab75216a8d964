#!/usr/bin/env node
// `npm run fuzz`: the fuzz tests of test/reliability/fuzz.test.ts at full count.
//
//   node scripts/fuzz.mjs [--runs 100000] [--seed N]
//
// `npm test` runs the same properties with 2,000 cases and a fixed seed; this
// runs `--runs` cases in all (default 100,000), split between the properties
// as the test file says, with `--seed` (default: a new one, printed, so a
// failure can be replayed with the same seed).
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const {values} = parseArgs({options: {runs: {type: 'string', default: '100000'}, seed: {type: 'string'}}})
const runs = Number(values.runs)
const seed = values.seed ?? String(Date.now() % 2_147_483_647)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`fuzz: --runs must be a positive integer, not ${JSON.stringify(values.runs)}`)
  process.exit(2)
}
console.log(`fuzz: ${runs} cases, seed ${seed} (replay: node scripts/fuzz.mjs --runs ${runs} --seed ${seed})`)
const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/reliability/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: seed}
})
process.exit(result.status ?? 1)
