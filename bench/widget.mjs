#!/usr/bin/env node
// The goals of issue #14, measured in one run: what the widget costs on the wire and on screen,
// in headless Chromium, with generated runbooks, behind the gzip-ing server of `npm start`.
//
//   npm run build && node bench/widget.mjs [--runbooks 1000,10000] [--rounds 1] [--no-search-bench]
//
// Options:
//   --runbooks N,M,…     collection sizes (default 1000,10000; add 100000 if you have the time)
//   --first-query TEXT   the query typed for the bytes-on-the-wire figure (default "printer offline")
//   --rounds N           times the query mix is typed at each size (default 1: 20 queries)
//   --enters N           queries of the mix whose first result is opened with Enter (default 10)
//   --timeout S          seconds any one wait may take before the size is reported as failed (default 180)
//   --no-search-bench    skip `bench/search.mjs --json` (the search ÷ MiniSearch ratios)
//   --search-rounds N    passed to it as --rounds (its default: 5; fewer is faster and noisier)
//   --no-cache           build every runbook afresh (default: `runbook build --cache`, in
//                        node_modules/.cache/runbook-kit-bench, so a second run skips parsing)
//   --keep               keep the generated runbooks and sites (their folder is printed)
//   CHROMIUM_PATH        the browser (default /usr/bin/chromium)
//
// For each size it writes generated runbooks as Markdown files (bench/generate-runbooks.mjs),
// builds them as users do (`runbook build <dir> -o <site>/runbooks.bundle.json`: whatever files
// that writes, one or an entry with parts), serves the site with `<runbook-kit
// src="/runbooks.bundle.json">` and the widget's dist folder at /widget/ through
// scripts/start.mjs (gzip level 6), and in a fresh browser profile:
//
// 1. Bytes before the first search result: navigates, types --first-query into the search field
//    as soon as there is one, and sums the encoded (gzip'd) body sizes of every request started
//    between navigation and the frame that paints the first result row (PerformanceResourceTiming;
//    the page itself included). Prints each request.
// 2. Last key → results shown: then, in the same page, for each query of a fixed mix: puts all
//    but its last character in the field at once (one input event), waits for that answer, types
//    the last one, and takes the time from that keydown (its event timestamp) to the end of the
//    first frame that shows its answer. The
//    answer expected is computed in Node by core over the same bundle (`search`, or the bundle
//    reader's `search` once there is one, with the widget's limit of 8): that many result rows,
//    the first with the first result's titles, or the empty state; so the previous key's answer,
//    still on screen while an asynchronous search runs, is not taken for it. Paint: the check
//    runs in requestAnimationFrame, and a setTimeout queued there runs once that frame is painted.
// 3. Enter → first step painted: for the first --enters queries of the mix, their answer in the
//    field, then Enter, to the end of the frame that shows the walkthrough's step title (part
//    `step-title`) under the first result's runbook title; then back to the search.
//    Baseline in the same page and run, before each query: a keydown in a plain <input> to the
//    frame that paints it (the browser's floor for both figures).
// The search benchmark runs while the sites are built; the browser figures are taken after both.
//
// Scripts: the ES module build's entry `runbook-kit.js` and every file it imports statically is
// the "first script"; with what it imports dynamically (chunks beside it), "all scripts"; the
// classic build is `runbook-kit.iife.js`. Each file gzip'd alone at level 9, sizes summed.
// Search: `bench/search.mjs --json` run as a child process; its p50/p99 ratios to MiniSearch.
//
// KB = 1,000 bytes. Timings grow with machine load (the load average is printed).
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'
import {gzipSync} from 'node:zlib'
import {chromium} from 'playwright-core'
import {parseAst} from 'rollup/parseAst'
import {buildWidget, startServer} from '../scripts/start.mjs'
import {writeRunbooks} from './generate-runbooks.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'packages/widget/dist')
const cli = path.join(root, 'packages/core/bin/runbook.js')
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage']

const {values} = parseArgs({
  options: {
    runbooks: {type: 'string', default: '1000,10000'},
    'first-query': {type: 'string', default: 'printer offline'},
    rounds: {type: 'string', default: '1'},
    enters: {type: 'string', default: '10'},
    timeout: {type: 'string', default: '180'},
    'no-search-bench': {type: 'boolean', default: false},
    'search-rounds': {type: 'string'},
    'no-cache': {type: 'boolean', default: false},
    keep: {type: 'boolean', default: false}
  }
})
const counts = values.runbooks.split(',').map((n) => Number(n.replace(/_/g, '')))
if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new TypeError(`bench/widget: --runbooks wants sizes like 1000,10000, not ${values.runbooks}`)
const firstQuery = values['first-query']
const rounds = Math.max(1, Number(values.rounds))
const enterQueries = Math.max(1, Number(values.enters))
const timeoutMs = Number(values.timeout) * 1000

/** What on-call people type: words of the generated runbooks, a typo, a half-typed word, an alert name. */
const queryMix = [
  'restart',
  'dns',
  'printer offline',
  'postgres replication lag',
  'KubeCrashLooping',
  'certificate expired',
  'disk full',
  'kubectl get pods',
  'ssh permission denied',
  'failover',
  'etcd',
  'certficate',
  'kuberntes node',
  'prome',
  'redis latency',
  'ERR_CONNECTION_REFUSED',
  'mailbox not syncing',
  'vault token renew',
  'okta mfa reset',
  'journalctl'
]

/** The issue's goals: `at` is the size a figure is judged at. */
const goals = {
  wire: {figure: 'bytes before the first search result, 10,000 runbooks', at: 10_000, max: 300_000, show: kb},
  wireRatio: {figure: 'the same, 10,000 ÷ 1,000 runbooks', max: 2, show: times},
  firstScript: {figure: 'first script, gzip', max: 25_000, show: kb, note: 'CI fails above 30 KB'},
  allScripts: {figure: 'all scripts together, gzip', max: 45_000, show: kb},
  classic: {figure: 'classic one-file build, gzip', max: 40_000, show: kb, note: 'CI fails above'},
  lastKey: {figure: 'last key → results shown, 10,000 runbooks (median)', at: 10_000, max: 50, show: ms},
  enter: {figure: 'Enter → first step painted, 10,000 runbooks (median)', at: 10_000, max: 100, show: ms},
  searchP50: {figure: 'search p50 ÷ MiniSearch, 20,000 steps', max: 1, show: times},
  searchP99: {figure: 'search p99 ÷ MiniSearch, 20,000 steps', max: 1, show: times}
}

function kb(bytes) {
  return `${(bytes / 1000).toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1})} KB`
}
function ms(value) {
  return `${value.toFixed(1)} ms`
}
function times(value) {
  return `${value.toFixed(2)}×`
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const p90 = (list) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * 0.9))]
const gzipSize = (bytes, level = 9) => gzipSync(bytes, {level}).length
const log = (line = '') => console.log(line)
const number = (n) => n.toLocaleString('en-US')

/** Reject with a message naming `what` when `promise` takes longer than `limit` ms (default: the --timeout). */
function within(promise, what, limit = timeoutMs) {
  let timer
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${limit / 1000} s: ${what}`)), limit)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

// ---------------------------------------------------------------- scripts

/** Relative specifiers a module imports: `static` (import/export … from) and `dynamic` (import("…")). */
function importsOf(code) {
  const found = {static: [], dynamic: []}
  const visit = (node) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(visit)
    if (/^(Import|ExportAll|ExportNamed)Declaration$/.test(node.type) && node.source) found.static.push(node.source.value)
    if (node.type === 'ImportExpression') {
      if (node.source.type === 'Literal') found.dynamic.push(node.source.value)
      else found.dynamic.push(null) // computed: cannot follow
    }
    for (const key in node) if (key !== 'type' && typeof node[key] === 'object') visit(node[key])
  }
  visit(parseAst(code))
  return found
}

/**
 * The files an ES module entry loads: `first` what it imports statically (itself included), `all`
 * with what those import dynamically, transitively. Bare specifiers (`lit`) are listed in `bare`.
 */
function moduleGraph(entry) {
  const edges = new Map()
  const bare = new Set()
  let computed = 0
  const load = (file) => {
    if (edges.has(file)) return edges.get(file)
    const found = importsOf(readFileSync(file, 'utf8'))
    const resolve = (list) =>
      list.flatMap((specifier) => {
        if (specifier === null) return computed++, []
        if (!specifier.startsWith('.') && !specifier.startsWith('/')) return bare.add(specifier), []
        return [path.resolve(path.dirname(file), specifier.split(/[?#]/)[0])]
      })
    const resolved = {static: resolve(found.static), dynamic: resolve(found.dynamic)}
    edges.set(file, resolved)
    return resolved
  }
  const closure = (starts, kinds) => {
    const seen = new Set()
    const queue = [...starts]
    while (queue.length > 0) {
      const file = queue.shift()
      if (seen.has(file) || !existsSync(file)) continue
      seen.add(file)
      for (const kind of kinds) queue.push(...load(file)[kind])
    }
    return [...seen]
  }
  const first = closure([entry], ['static'])
  const all = closure([entry], ['static', 'dynamic'])
  return {first, all, bare: [...bare], computed}
}

function measureScripts() {
  const entry = path.join(dist, 'runbook-kit.js')
  const classic = path.join(dist, 'runbook-kit.iife.js')
  const graph = moduleGraph(entry)
  const size = (files) => ({
    files: files.map((file) => path.relative(dist, file)),
    raw: files.reduce((sum, file) => sum + statSync(file).size, 0),
    gzip: files.reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0)
  })
  return {
    first: size(graph.first),
    all: size(graph.all),
    classic: existsSync(classic) ? size([classic]) : undefined,
    bare: graph.bare,
    computed: graph.computed
  }
}

function printScripts(scripts) {
  log('Scripts (packages/widget/dist, each file gzip -9):')
  const line = (label, s) =>
    log(`  ${label.padEnd(24)} ${kb(s.gzip).padStart(9)} gzip  ${kb(s.raw).padStart(9)} raw  ${s.files.length} file${s.files.length === 1 ? '' : 's'}: ${s.files.join(', ')}`)
  line('first script', scripts.first)
  line('all scripts', scripts.all)
  if (scripts.classic) line('classic one-file build', scripts.classic)
  else log('  classic one-file build   not built (no runbook-kit.iife.js)')
  if (scripts.bare.length) log(`  note: imports left to the page: ${scripts.bare.join(', ')}`)
  if (scripts.computed) log(`  note: ${scripts.computed} import() with a computed URL not followed`)
}

// ---------------------------------------------------------------- site

/** Run a command; resolves to its exit code, output and duration. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {cwd: root, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr, ms: performance.now() - started}))
  })
}

const pageHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Runbook Kit widget benchmark</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/widget/runbook-kit.js"></script>
  </head>
  <body>
    <runbook-kit src="/runbooks.bundle.json" storage="none"></runbook-kit>
    <input id="baseline" aria-label="Baseline: a plain field" autocomplete="off" />
  </body>
</html>
`

/** Generate `count` runbooks, build them with the CLI into a site folder, add the page. */
async function makeSite(count, work) {
  const sources = path.join(work, `runbooks-${count}`)
  const site = path.join(work, `site-${count}`)
  mkdirSync(site, {recursive: true})
  const {bytes} = writeRunbooks(sources, count)
  const cache = values['no-cache'] ? ['--no-cache'] : ['--cache', path.join(root, 'node_modules/.cache/runbook-kit-bench')]
  const built = await run(process.execPath, [cli, 'build', sources, '-o', path.join(site, 'runbooks.bundle.json'), '--quiet', ...cache])
  if (built.code !== 0) {
    const problems = built.stderr.trim().split('\n')
    if (built.code !== 1 || !existsSync(path.join(site, 'runbooks.bundle.json'))) {
      throw new Error(`runbook build exited with ${built.code}: ${problems.slice(-3).join(' / ')}`)
    }
    log(`  warning: runbook build reports errors in the generated runbooks (${problems.length} lines), e.g. ${problems[0]}`)
  }
  const files = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else files.push({name: path.relative(site, full), raw: statSync(full).size, gzip: gzipSize(readFileSync(full), 6)})
    }
  }
  walk(site)
  writeFileSync(path.join(site, 'index.html'), pageHtml)
  return {site, markdownBytes: bytes, buildMs: built.ms, files}
}

/** `<runbook-search>`'s default `limit`: the most results it shows. */
const widgetLimit = 8

/**
 * What the widget should show for each query, computed in Node with the same core build over the
 * same bundle: the number of rows and the first one's titles. The page waits for exactly that,
 * so an answer still on screen from the previous key is not taken for the new one. Rejects when
 * core cannot read the bundle (the caller then has the page wait for any change instead).
 */
async function expectedAnswers(site, queries) {
  const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href)
  const entry = path.join(site, 'runbooks.bundle.json')
  let searchFor
  if (typeof core.fetchBundle === 'function') {
    const fetch = async (url) => {
      const text = await readFile(fileURLToPath(url), 'utf8').catch(() => undefined)
      return {ok: text !== undefined, status: text === undefined ? 404 : 200, text: async () => text}
    }
    const reader = await core.fetchBundle(pathToFileURL(entry), {fetch})
    searchFor = (query) => reader.search(query, {limit: widgetLimit})
  } else {
    const {index} = core.openBundle(readFileSync(entry, 'utf8')).load()
    searchFor = (query) => core.search(index, query, {limit: widgetLimit})
  }
  const answers = new Map()
  for (const query of queries) {
    const results = await searchFor(query)
    answers.set(query, {count: results.length, title: results[0]?.title, stepTitle: results[0]?.stepTitle})
  }
  return answers
}

// ---------------------------------------------------------------- in the page

/** Installed in every page before its scripts: records requests and keys, and finds the widget's parts. */
function instrument() {
  const bench = (window.__bench = {lastKey: 0, resources: [], mutated: false})
  performance.setResourceTimingBufferSize(100_000)
  new PerformanceObserver((list) => bench.resources.push(...list.getEntries())).observe({type: 'resource', buffered: true})
  addEventListener(
    'keydown',
    (event) => {
      const now = performance.now()
      bench.lastKey = event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now
    },
    true
  )
  const kit = () => document.querySelector('runbook-kit')
  const visible = (element) => !!element && element.getClientRects().length > 0
  bench.search = () => document.querySelector('runbook-search') ?? kit()?.shadowRoot?.querySelector('runbook-search') ?? null
  bench.input = () => bench.search()?.shadowRoot?.querySelector('input') ?? null
  bench.walkthrough = () => document.querySelector('runbook-walkthrough') ?? kit()?.shadowRoot?.querySelector('runbook-walkthrough') ?? null
  /** The results of `query` are on screen: the first row shows the element's first result. */
  bench.resultsShown = (query) => {
    const search = bench.search()
    if (bench.input()?.value !== query) return false
    const results = search.results
    if (!Array.isArray(results) || results.length === 0) return false
    const row = search.shadowRoot.querySelector('[part~="result"]')
    return visible(row) && row.textContent.includes(results[0].stepTitle ?? results[0].title)
  }
  /** `query` has an answer on screen: its results, or the empty state. */
  bench.answered = (query) => {
    if (bench.resultsShown(query)) return true
    return bench.input()?.value === query && visible(bench.search().shadowRoot.querySelector('[part~="empty"]'))
  }
  /** Exactly the expected answer to `query` is on screen (`expected` from Node; without it, any answer after a change). */
  bench.shows = (query, expected) => {
    if (!expected) return bench.mutated && bench.answered(query)
    if (bench.input()?.value !== query) return false
    const root = bench.search().shadowRoot
    if (expected.count === 0) return visible(root.querySelector('[part~="empty"]'))
    const rows = [...root.querySelectorAll('[part~="result"]')].filter(visible)
    const first = rows[0]?.textContent ?? ''
    return rows.length === expected.count && first.includes(expected.title) && first.includes(expected.stepTitle ?? '')
  }
  /** The walkthrough shows a step (of the runbook titled `title`, when given). */
  bench.stepShown = (title) => {
    const root = bench.walkthrough()?.shadowRoot
    const step = root?.querySelector('[part~="step-title"]')
    if (!visible(step) || step.textContent.trim() === '') return false
    return !title || (root.querySelector('[part~="title"]')?.textContent ?? '').includes(title)
  }
  /** The error the widget shows instead of a search or a step (its role="alert" text), if any. */
  bench.problem = () => {
    const alerts = [kit()?.shadowRoot, bench.search()?.shadowRoot].map((root) => root?.querySelector('[role="alert"]'))
    const walkthrough = bench.walkthrough()?.shadowRoot
    if (walkthrough && !walkthrough.querySelector('[part~="step-title"]')) alerts.push(walkthrough.querySelector('[role="alert"]'))
    const shown = alerts.find((alert) => visible(alert))
    return shown ? shown.textContent.trim().replace(/\s+/g, ' ') : undefined
  }
  /**
   * Resolves to the time the frame in which `predicate` first holds has been painted; rejects with
   * the widget's error when it shows one instead.
   */
  bench.whenPainted = (predicate) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (predicate()) setTimeout(() => resolve(performance.now()))
        else if (bench.problem()) reject(new Error(`the widget shows: ${bench.problem()}`))
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
  /** From now on, note any change inside the search element (so a stale answer is not taken for the new one). */
  bench.arm = () => {
    bench.observer?.disconnect()
    bench.mutated = false
    bench.observer = new MutationObserver(() => (bench.mutated = true))
    bench.observer.observe(bench.search().shadowRoot, {childList: true, subtree: true, characterData: true})
  }
}

/** Requests started before `until` (ms since navigation), the page's own first. */
async function requestsBefore(page, until) {
  return page.evaluate((until) => {
    const origin = location.origin
    const entries = [...performance.getEntriesByType('navigation'), ...window.__bench.resources]
    return entries
      .filter((entry) => entry.startTime <= until)
      .map((entry) => ({
        url: entry.name.startsWith(origin) ? entry.name.slice(origin.length) : entry.name,
        encoded: entry.encodedBodySize,
        decoded: entry.decodedBodySize,
        transfer: entry.transferSize,
        late: entry.responseEnd > until
      }))
  }, until)
}

/** The search field, once the widget has rendered one; throws the widget's error if it shows one instead. */
async function searchField(page) {
  await within(page.evaluate(() => window.__bench.whenPainted(() => window.__bench.input() !== null)), 'the search field')
  return page.locator('runbook-kit runbook-search input[part~="input"]').or(page.locator('runbook-search input[part~="input"]')).first()
}

/** A wait of one query: at most a minute (the --timeout when shorter). */
const queryWithin = (promise, what) => within(promise, what, Math.min(timeoutMs, 60_000))

/** Put `text` in the search field at once (one input event) and wait for its answer on screen. */
async function fillQuery(page, text, expected) {
  await (await searchField(page)).fill(text)
  await page.evaluate(() => window.__bench.arm())
  await queryWithin(page.evaluate(([q, answer]) => window.__bench.whenPainted(() => window.__bench.shows(q, answer)), [text, expected.get(text)]), `answer for "${text}"`)
}

/** The browser's floor: a key in a plain field to the end of the frame that paints it (ms). */
async function baselineKey(page) {
  await page.fill('#baseline', '')
  await page.focus('#baseline')
  await page.keyboard.type('x')
  return page.evaluate(() => window.__bench.whenPainted(() => document.querySelector('#baseline').value === 'x').then((t) => t - window.__bench.lastKey))
}

/**
 * 1. Navigate, type the first query key by key as soon as there is a field, and list the requests
 * started before its results were painted.
 */
async function measureWire(page, url, count, expected) {
  await page.goto(url, {waitUntil: 'commit'})
  await (await searchField(page)).focus()
  await page.keyboard.type(firstQuery)
  const answer = expected.get(firstQuery)
  if (answer?.count === 0) throw new Error(`--first-query "${firstQuery}" finds nothing`)
  const shownAt = await within(
    page.evaluate(([q, answer]) => window.__bench.whenPainted(() => (answer ? window.__bench.shows(q, answer) : window.__bench.resultsShown(q))), [firstQuery, answer]),
    `results for "${firstQuery}" (${count} runbooks)`
  )
  // Requests still on the wire when the result showed are listed once they are done.
  await page.waitForLoadState('networkidle', {timeout: timeoutMs}).catch(() => undefined)
  return {shownAt, requests: await requestsBefore(page, shownAt)}
}

/** 2. Each query of the mix: its prefix at once, then the last key, timed to its answer painted. */
async function measureKeys(page, expected, samples) {
  for (const query of queryMix) {
    samples.floors.push(await baselineKey(page))
    try {
      await fillQuery(page, query.slice(0, -1), expected)
      await page.evaluate(() => window.__bench.arm())
      await page.keyboard.type(query.slice(-1))
      const shown = await queryWithin(
        page.evaluate(
          ([q, answer]) =>
            window.__bench.whenPainted(() => window.__bench.shows(q, answer)).then((t) => ({ms: t - window.__bench.lastKey, hits: window.__bench.resultsShown(q)})),
          [query, expected.get(query)]
        ),
        `answer for "${query}"`
      )
      samples.keys.push({query, ...shown})
    } catch (error) {
      samples.skipped.push(`"${query}": ${error.message}`)
    }
  }
}

/** 3. Enter on the results of the first `enterQueries` queries that have some, timed to the first step painted; then back. */
async function measureEnters(page, expected, samples) {
  const queries = queryMix.filter((q) => expected.get(q)?.count !== 0).slice(0, enterQueries)
  for (const query of queries) {
    samples.floors.push(await baselineKey(page))
    try {
      await fillQuery(page, query, expected)
      await page.keyboard.press('Enter')
      const ms = await queryWithin(
        page.evaluate((title) => window.__bench.whenPainted(() => window.__bench.stepShown(title)).then((t) => t - window.__bench.lastKey), expected.get(query)?.title),
        `first step after Enter on "${query}"`
      )
      samples.enters.push({query, ms})
    } catch (error) {
      samples.skipped.push(`Enter on "${query}": ${error.message}`)
    }
    await page.evaluate(() => {
      const kit = document.querySelector('runbook-kit')
      const back = kit?.shadowRoot?.querySelector('[part~="back-button"]')
      if (back) back.click()
      else kit?.removeAttribute('runbook-id')
    })
    await queryWithin(page.evaluate(() => window.__bench.whenPainted(() => window.__bench.input() !== null && !window.__bench.walkthrough())), 'back to the search')
  }
}

/** Bytes before the first result, then key and Enter latencies with their baseline, in one fresh browser profile. */
async function measureSize(browser, url, count, expected) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(String(error)))
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
  try {
    await page.addInitScript(instrument)
    const wire = await measureWire(page, url, count, expected)
    const samples = {keys: [], enters: [], floors: [], skipped: []}
    for (let round = 0; round < rounds; round++) {
      await measureKeys(page, expected, samples)
      await measureEnters(page, expected, samples)
    }
    if (samples.keys.length < queryMix.length / 2) throw new Error(`too many queries failed: ${samples.skipped.slice(0, 3).join('; ')}`)
    return {...wire, ...samples, problems}
  } catch (error) {
    const shown = await page.evaluate(() => window.__bench?.problem()).catch(() => undefined)
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new Error(shown && !message.includes(shown) ? `${message} (the widget shows: ${shown})` : message)
  } finally {
    await context.close()
  }
}

function printSize(result) {
  const {requests, keys, enters, floors, shownAt, problems} = result
  const total = requests.reduce((sum, r) => sum + r.encoded, 0)
  log(`  first result for "${firstQuery}" painted ${number(Math.round(shownAt))} ms after navigation, after ${requests.length} requests:`)
  const width = Math.max(...requests.map((r) => r.url.length))
  for (const r of requests) {
    log(`    ${r.url.padEnd(width)} ${kb(r.encoded).padStart(11)}${r.encoded !== r.decoded ? ` (${kb(r.decoded)} decoded)` : ''}${r.late ? '  (still loading when the result showed)' : ''}`)
  }
  log(`    ${'total on the wire (encoded bodies)'.padEnd(width)} ${kb(total).padStart(11)}`)
  const hits = keys.filter((k) => k.hits).length
  log(`  query mix (${keys.length} queries typed, ${hits} with results), median / p90 / max:`)
  const row = (label, list) =>
    log(`    ${label.padEnd(34)} ${list.length ? [median(list), p90(list), Math.max(...list)].map((v) => ms(v).padStart(9)).join(' ') : '     none'}`)
  row('last key → results shown', keys.map((k) => k.ms))
  row(`Enter → first step painted (${enters.length})`, enters.map((e) => e.ms))
  row('baseline: key in a plain <input>', floors)
  const slowest = [...keys].sort((a, b) => b.ms - a.ms).slice(0, 3)
  log(`    slowest keys: ${slowest.map((k) => `"${k.query}" ${ms(k.ms)}`).join(', ')}`)
  if (result.skipped.length) log(`  queries skipped: ${result.skipped.join('; ')}`)
  if (problems.length) log(`  page errors: ${[...new Set(problems)].slice(0, 3).join(' | ')}`)
  return {total, lastKey: keys.length ? median(keys.map((k) => k.ms)) : undefined, enter: enters.length ? median(enters.map((e) => e.ms)) : undefined}
}

// ---------------------------------------------------------------- search ratios

async function searchRatios() {
  const rounds = values['search-rounds'] ? ['--rounds', values['search-rounds']] : []
  const child = await run(process.execPath, [path.join(root, 'bench/search.mjs'), '--json', ...rounds])
  if (child.code !== 0) throw new Error(`bench/search.mjs exited with ${child.code}: ${child.stderr.trim().split('\n').slice(-2).join(' / ')}`)
  return {results: JSON.parse(child.stdout), ms: child.ms}
}

// ---------------------------------------------------------------- main

const started = performance.now()
const measured = {}
log(`Runbook Kit widget benchmark (issue #14): ${new Date().toISOString()}, ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`)
buildWidget()
const scripts = measureScripts()
printScripts(scripts)

// The search benchmark runs while the sites are built (both in Node, one core each); the browser
// figures are taken after both, so that neither disturbs them.
const searchRun = values['no-search-bench'] ? undefined : searchRatios().catch((error) => error)
const work = mkdtempSync(path.join(tmpdir(), 'runbook-kit-widget-bench-'))
const bySize = new Map()
try {
  log(`\nSites (work folder ${work}${values.keep ? ', kept' : ''}):`)
  const sites = new Map()
  for (const count of counts) {
    try {
      const made = await makeSite(count, work)
      const bundle = made.files.reduce((sum, f) => ({raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip}), {raw: 0, gzip: 0})
      const largest = [...made.files].sort((a, b) => b.raw - a.raw).slice(0, 3)
      log(
        `  ${number(count)} runbooks: ${kb(made.markdownBytes)} of Markdown → runbook build ${(made.buildMs / 1000).toFixed(1)} s → ` +
          `${made.files.length} file${made.files.length === 1 ? '' : 's'}, ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip ` +
          `(largest: ${largest.map((f) => `${f.name} ${kb(f.gzip)}`).join(', ')})`
      )
      const expectedStarted = performance.now()
      const queries = [firstQuery, ...queryMix.flatMap((q) => [q.slice(0, -1), q])]
      const expected = await expectedAnswers(made.site, queries).catch((error) => {
        log(`    note: core cannot compute the expected answers (${error.message}); the page waits for any change instead`)
        return new Map()
      })
      log(`    expected answers from core in Node: ${((performance.now() - expectedStarted) / 1000).toFixed(1)} s`)
      sites.set(count, {...made, expected})
    } catch (error) {
      log(`  ${number(count)} runbooks: FAILED: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      if (!values.keep) rmSync(path.join(work, `runbooks-${count}`), {recursive: true, force: true})
    }
  }

  if (searchRun) {
    log('\nSearch: bench/search.mjs --json, in the same run')
    const search = await searchRun
    if (search instanceof Error) log(`  FAILED: ${search.message}`)
    else {
      for (const result of search.results) {
        log(`  ${result.label}: ${number(result.documents)} documents, ours ÷ MiniSearch p50 ${times(result.ratios.p50Ms)}, p99 ${times(result.ratios.p99Ms)}`)
      }
      log(`  (${(search.ms / 1000).toFixed(0)} s)`)
      const generated = search.results.find((r) => r.label.startsWith('generated'))
      measured.searchP50 = generated?.ratios.p50Ms
      measured.searchP99 = generated?.ratios.p99Ms
    }
  }

  if (!existsSync(executablePath)) log(`\nBrowser figures SKIPPED: no Chromium at ${executablePath} (set CHROMIUM_PATH)`)
  else if (sites.size > 0) {
    const browser = await chromium.launch({executablePath, args: launchArgs})
    log(`\nChromium ${browser.version()}, headless, a fresh profile per size; server: scripts/start.mjs (gzip level 6)`)
    try {
      for (const [count, site] of sites) {
        log(`\n${number(count)} runbooks`)
        const {server} = await startServer({port: 0, siteDir: site.site})
        try {
          const sizeStarted = performance.now()
          const result = await measureSize(browser, `http://127.0.0.1:${server.address().port}/`, count, site.expected)
          bySize.set(count, printSize(result))
          log(`  (${((performance.now() - sizeStarted) / 1000).toFixed(0)} s)`)
        } catch (error) {
          log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`)
        } finally {
          server.close()
        }
      }
    } finally {
      await browser.close()
    }
  }
} finally {
  if (!values.keep) rmSync(work, {recursive: true, force: true})
}

// ---------------------------------------------------------------- goals

measured.firstScript = scripts.first.gzip
measured.allScripts = scripts.all.gzip
measured.classic = scripts.classic?.gzip
const at = (count, key) => bySize.get(count)?.[key]
measured.wire = at(goals.wire.at, 'total')
if (at(1000, 'total') && at(10_000, 'total')) measured.wireRatio = at(10_000, 'total') / at(1000, 'total')
measured.lastKey = at(goals.lastKey.at, 'lastKey')
measured.enter = at(goals.enter.at, 'enter')

log('\nGoals (issue #14)')
const rows = Object.entries(goals).map(([key, goal]) => {
  const value = measured[key]
  const verdict = value === undefined ? 'not measured' : value <= goal.max ? 'met' : 'NOT met'
  return [goal.figure, value === undefined ? '—' : goal.show(value), `≤ ${goal.show(goal.max)}${goal.note ? ` (${goal.note})` : ''}`, verdict]
})
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)))
for (const r of rows) log(`  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  goal ${r[2].padEnd(widths[2])}  ${r[3]}`)
log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average now ${loadavg().map((n) => n.toFixed(1)).join(' ')}`)
