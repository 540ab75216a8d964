// Benchmark: how much graph building adds to Markdown parsing.
//
// Compiles every corpus file with `parseRunbook` (from the built dist) and, in
// the same run and interleaved round by round, parses the same files with bare
// unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter). Prints MB/s
// for both and the ratio (goal: ≤ 1.15).
//
// parseRunbook reads Markdown with those same three plugins, but leaves out
// GFM's literal-autolink constructs where a text cannot hold one (the tree is
// the same; packages/core/src/parse/guards/processors.ts), so its Markdown
// parse alone is faster than the bare one. To show what building the graph
// costs by itself, after the rounds the bare tree of each file is given to
// buildRunbook, timed apart ("graph building alone", median of the rounds).
//
//   npm run build && node bench/parse.mjs [--rounds 5] [--corpus DIR]
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {buildRunbook, parseRunbook} from '../packages/core/dist/index.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const {values} = parseArgs({options: {rounds: {type: 'string', default: '5'}, corpus: {type: 'string'}}})
const corpus = path.resolve(here, '..', values.corpus ?? process.env.RUNBOOK_CORPUS ?? '../shared/corpus')
const rounds = Number(values.rounds)

const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full)
    else if (/\.(md|markdown)(\.erb)?$/i.test(name)) files.push(full)
  }
}
try {
  walk(corpus)
} catch {
  console.error(`bench/parse: no corpus at ${corpus} (set RUNBOOK_CORPUS)`)
  process.exit(1)
}
const texts = files.map((file) => readFileSync(file, 'utf8'))
const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6
const bare = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml'])

// Interleave per file (alternating which goes first) so that both paths see
// the same machine load; sum each path's time over the corpus per round.
const timeRound = (round) => {
  let bareMs = 0
  let fullMs = 0
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index]
    const bareFirst = (index + round) % 2 === 0
    for (const which of bareFirst ? ['bare', 'full'] : ['full', 'bare']) {
      const start = performance.now()
      if (which === 'bare') bare.parse(text)
      else parseRunbook(text, {file: files[index]})
      const spent = performance.now() - start
      if (which === 'bare') bareMs += spent
      else fullMs += spent
    }
  }
  return [bareMs, fullMs]
}

timeRound(0) // warm-up
const bareTimes = []
const fullTimes = []
for (let round = 1; round <= rounds; round++) {
  const [bareMs, fullMs] = timeRound(round)
  bareTimes.push(bareMs)
  fullTimes.push(fullMs)
}
// Graph building alone: buildRunbook on the bare tree of each file (parsed untimed).
const buildTimes = []
for (let round = 1; round <= rounds; round++) {
  let buildMs = 0
  for (let index = 0; index < texts.length; index++) {
    const tree = bare.parse(texts[index])
    const start = performance.now()
    buildRunbook(tree, texts[index].replace(/^\uFEFF/, ''), {file: files[index]})
    buildMs += performance.now() - start
  }
  buildTimes.push(buildMs)
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const bareMs = median(bareTimes)
const fullMs = median(fullTimes)
const buildMs = median(buildTimes)
const ratio = fullMs / bareMs
console.log(`corpus: ${files.length} files, ${megabytes.toFixed(2)} MB, ${rounds} rounds (median)`)
console.log(`bare remark parse : ${bareMs.toFixed(0).padStart(6)} ms  ${(megabytes / (bareMs / 1000)).toFixed(2)} MB/s`)
console.log(`parseRunbook      : ${fullMs.toFixed(0).padStart(6)} ms  ${(megabytes / (fullMs / 1000)).toFixed(2)} MB/s`)
console.log(`  of which graph building alone: ${buildMs.toFixed(0)} ms (buildRunbook on the bare tree, ${(buildMs / bareMs).toFixed(3)} of the bare parse)`)
console.log(`ratio             : ${ratio.toFixed(3)} (goal ≤ 1.15)`)
