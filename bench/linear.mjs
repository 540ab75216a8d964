// Benchmark: parse time grows linearly with input size.
//
// For several shapes of runbook (step headings, a long ordered list, big code
// blocks, dense links, one conditional sentence of links, deep nesting, one long line, a corpus concatenation),
// builds inputs of 1x, 2x and 4x a base size, parses each with `parseRunbook`
// from the built dist, and reports the ratios t(2x)/t(1x) and t(4x)/t(2x).
// Goal: each ratio at most about 2 (we flag > 2.6, which allows for noise on a
// loaded machine). Sizes are measured in the same run, interleaved, best of
// `--rounds`, so machine load hits all sizes alike.
//
// Baseline: the bare Markdown parser on the same inputs, measured in the same
// rounds (`unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter)
// .parse()`, what parseRunbook used before it parsed long texts in pieces).
// Where the bare parser's ratios are as high as ours, the growth is inside
// micromark, not in our code.
//
// The step limit would cut large step-heading inputs short (and make them look
// faster), so maxSteps is raised here; the default is tested in
// test/reliability/limits.test.ts.
//
//   npm run build && node bench/linear.mjs [--rounds 5] [--base 100000] [--shape dense] [--no-bare] [--json]
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {loadavg} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {parseRunbook} from '../packages/core/dist/index.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const {values} = parseArgs({
  options: {
    rounds: {type: 'string', default: '5'},
    base: {type: 'string', default: '100000'},
    shape: {type: 'string', multiple: true},
    'no-bare': {type: 'boolean', default: false},
    json: {type: 'boolean', default: false}
  }
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
  'conditional sentence': (size) => fill(size, '# Runbook\n\n## Step 1: If\n\nIf ', (i) => `the [light](#x${i % 50}) is off and `) + '\n',
  'one long line': (size) => fill(size, '# Runbook\n\n', (i) => `word${i} `) + '\n',
  'tables': (size) => fill(size, '# Runbook\n\n## Step 1: Table\n\n| a | b | c |\n|---|---|---|\n', (i) => `| ${i} | \`x${i}\` | [l](#a) |\n`)
}
if (corpus) shapes['corpus text'] = (size) => fill(size, '', (i) => corpus.slice((i * 7919) % corpus.length).slice(0, 20000) + '\n\n')

const bare = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze()
const parsers = {runbook: (text) => parseRunbook(text, {maxSteps: 1_000_000}), ...(values['no-bare'] ? {} : {bare: (text) => bare.parse(text)})}

function time(parse, text) {
  const start = performance.now()
  parse(text)
  return performance.now() - start
}

const multiples = [1, 2, 4]
const results = []
const started = new Date()
const loadBefore = loadavg()[0]
for (const [name, make] of Object.entries(shapes)) {
  if (values.shape && !values.shape.some((wanted) => name.startsWith(wanted))) continue
  const inputs = multiples.map((k) => make(base * k))
  const best = {}
  for (const [parser, parse] of Object.entries(parsers)) {
    time(parse, inputs[0]) // warm up
    best[parser] = multiples.map(() => Infinity)
  }
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so a burst of load does not favour one size.
    const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0]
    for (const index of order) {
      for (const [parser, parse] of Object.entries(parsers)) best[parser][index] = Math.min(best[parser][index], time(parse, inputs[index]))
    }
  }
  const ratiosOf = (ms) => [ms[1] / ms[0], ms[2] / ms[1]].map((r) => Number(r.toFixed(2)))
  const ratios = ratiosOf(best.runbook)
  const result = {
    shape: name,
    chars: inputs.map((text) => text.length),
    ms: best.runbook.map((ms) => Number(ms.toFixed(1))),
    ratios,
    linear: ratios.every((r) => r <= flagAt)
  }
  if (best.bare) result.bare = {ms: best.bare.map((ms) => Number(ms.toFixed(1))), ratios: ratiosOf(best.bare)}
  results.push(result)
}
const load = [loadBefore, loadavg()[0]].map((l) => Number(l.toFixed(2)))

if (values.json) {
  console.log(JSON.stringify({started: started.toISOString(), base, rounds, flagAt, load, results}, null, 2))
} else {
  console.log(`parse time vs size (${started.toISOString()}; best of ${rounds}; base ${base} chars; load average ${load.join(' → ')})`)
  console.log(`parseRunbook ratios should be about 2, flagged above ${flagAt}; "bare" is remark-parse + remark-gfm + remark-frontmatter alone\n`)
  const pad = (text, width) => String(text).padEnd(width)
  let header = pad('shape', 22) + pad('1x ms', 10) + pad('2x ms', 10) + pad('4x ms', 10) + pad('2x/1x', 8) + pad('4x/2x', 8)
  if (parsers.bare) header += '| ' + pad('bare 1x', 10) + pad('bare 2x', 10) + pad('bare 4x', 10) + pad('2x/1x', 8) + pad('4x/2x', 8)
  console.log(header)
  for (const r of results) {
    let row = pad(r.shape, 22) + pad(r.ms[0], 10) + pad(r.ms[1], 10) + pad(r.ms[2], 10) + pad(r.ratios[0], 8) + pad(r.ratios[1], 8)
    if (r.bare) row += '| ' + pad(r.bare.ms[0], 10) + pad(r.bare.ms[1], 10) + pad(r.bare.ms[2], 10) + pad(r.bare.ratios[0], 8) + pad(r.bare.ratios[1], 8)
    console.log(row + (r.linear ? '' : '  NOT LINEAR'))
  }
}
process.exitCode = results.every((r) => r.linear) ? 0 : 1
