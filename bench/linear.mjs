// Benchmark: parse time grows linearly with input size.
//
// For several shapes of runbook (step headings, a long ordered list, big code
// blocks, dense links, deep nesting, one long line, a corpus concatenation),
// builds inputs of 1x, 2x and 4x a base size, parses each with `parseRunbook`
// from the built dist, and reports the ratios t(2x)/t(1x) and t(4x)/t(2x).
// Goal: each ratio at most about 2 (we flag > 2.6, which allows for noise on a
// loaded machine). Sizes are measured in the same run, interleaved, best of
// `--rounds`, so machine load hits all sizes alike.
//
// The step limit would cut large step-heading inputs short (and make them look
// faster), so maxSteps is raised here; the default is tested in
// test/reliability/limits.test.ts.
//
//   npm run build && node bench/linear.mjs [--rounds 5] [--base 100000] [--json]
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {parseRunbook} from '../packages/core/dist/index.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const {values} = parseArgs({
  options: {rounds: {type: 'string', default: '5'}, base: {type: 'string', default: '100000'}, json: {type: 'boolean', default: false}}
})
const rounds = Math.max(1, Number(values.rounds))
const base = Math.max(1000, Number(values.base))
/** Above this a doubling is reported as not linear. */
const flagAt = 2.6

/** Repeat `unit(i)` until the text has at least `size` characters. */
function fill(size, head, unit) {
  const parts = [head]
  let length = head.length
  for (let index = 0; length < size; index++) {
    const part = unit(index)
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

function corpusText() {
  const dir = path.resolve(here, '..', process.env.RUNBOOK_CORPUS ?? '../shared/corpus')
  const texts = []
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.') || name === '_licenses') continue
      const full = path.join(folder, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.(md|markdown)(\.erb)?$/i.test(name)) texts.push(readFileSync(full, 'utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''))
    }
  }
  try {
    walk(dir)
  } catch {
    return undefined
  }
  return texts.join('\n\n')
}

const corpus = corpusText()

/** Shapes: name → size → Markdown of about that many characters. */
const shapes = {
  'step headings': (size) =>
    fill(size, '# Runbook\n\n', (i) => `## Step ${i + 1}: Check service ${i}\n\nRun this and [go back](#step-1-check-service-0) if it fails.\n\n\`\`\`sh\nsystemctl status svc-${i}\n\`\`\`\n\n- [ ] Item ${i}\n\n`),
  'ordered list': (size) => fill(size, '# Runbook\n\n', (i) => `${i + 1}. Do thing ${i} with \`tool --flag ${i}\` and check the [log](https://example.com/${i}).\n`),
  'code blocks': (size) => fill(size, '# Runbook\n\n## Step 1: Run\n\n', (i) => `\`\`\`sh\n$ echo line ${i} <host> \${TOKEN}\noutput ${i}\n\`\`\`\n\n`),
  'dense links': (size) => fill(size, '# Runbook\n\n## Step 1: Links\n\n', (i) => `[a${i}](#x${i}) [b][r${i % 50}] <https://e.x/${i}> `) + '\n',
  'nested lists': (size) => fill(size, '# Runbook\n\n## Step 1: Nest\n\n', (i) => `${'  '.repeat(i % 12)}- item ${i}\n`),
  'one long line': (size) => fill(size, '# Runbook\n\n', (i) => `word${i} `) + '\n',
  'tables': (size) => fill(size, '# Runbook\n\n## Step 1: Table\n\n| a | b | c |\n|---|---|---|\n', (i) => `| ${i} | \`x${i}\` | [l](#a) |\n`)
}
if (corpus) shapes['corpus text'] = (size) => fill(size, '', (i) => corpus.slice((i * 7919) % corpus.length).slice(0, 20000) + '\n\n')

function time(text) {
  const start = performance.now()
  parseRunbook(text, {maxSteps: 1_000_000})
  return performance.now() - start
}

const multiples = [1, 2, 4]
const results = []
for (const [name, make] of Object.entries(shapes)) {
  const inputs = multiples.map((k) => make(base * k))
  time(inputs[0]) // warm up
  const best = multiples.map(() => Infinity)
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so a burst of load does not favour one size.
    const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0]
    for (const index of order) best[index] = Math.min(best[index], time(inputs[index]))
  }
  const ratios = [best[1] / best[0], best[2] / best[1]]
  results.push({
    shape: name,
    chars: inputs.map((text) => text.length),
    ms: best.map((ms) => Number(ms.toFixed(1))),
    ratios: ratios.map((r) => Number(r.toFixed(2))),
    linear: ratios.every((r) => r <= flagAt)
  })
}

if (values.json) {
  console.log(JSON.stringify({base, rounds, flagAt, results}, null, 2))
} else {
  console.log(`parse time vs size (best of ${rounds}; base ${base} chars; ratios should be about 2, flagged above ${flagAt})\n`)
  const pad = (text, width) => String(text).padEnd(width)
  console.log(pad('shape', 16) + pad('1x ms', 10) + pad('2x ms', 10) + pad('4x ms', 10) + pad('2x/1x', 8) + pad('4x/2x', 8))
  for (const r of results) {
    console.log(pad(r.shape, 16) + pad(r.ms[0], 10) + pad(r.ms[1], 10) + pad(r.ms[2], 10) + pad(r.ratios[0], 8) + pad(r.ratios[1], 8) + (r.linear ? '' : '  NOT LINEAR'))
  }
}
process.exitCode = results.every((r) => r.linear) ? 0 : 1
