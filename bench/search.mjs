// Benchmark: our index (built by lunr.Builder, searched in its compact form) against MiniSearch (and stock lunr, for reference).
//
// For two document sets, the corpus (RUNBOOK_CORPUS, default ../shared/corpus)
// and 20,000 generated steps, each engine indexes the same documents (one per
// runbook: title, tags+id, intro; one per step: title, body, commands) with
// the same field boosts, in the same run, each phase interleaved across the
// engines so that machine load hits them alike. Reported per engine: build time,
// serialized size (raw and gzip), load time (JSON.parse included), heap of
// the loaded index, and query latency p50/p99 over a fixed query mix (prefix
// on the last word, one typo allowed in words of 5+ letters). "ours" is the
// whole `search()` (with snippets); "ours (limit 1)" the same with one snippet.
// Ratios are ours / MiniSearch: the goal is ≤ 1.0.
//
//   npm run build && node bench/search.mjs [--steps 20000] [--rounds 5] [--corpus DIR] [--json]
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {gzipSync} from 'node:zlib'
import lunr from 'lunr'
import {toString} from 'mdast-util-to-string'
import MiniSearch from 'minisearch'
import {buildIndex, loadIndex, search} from '../packages/core/dist/index.js'
import {loadRunbooks} from '../packages/core/dist/node/index.js'
import {itWords, random} from './generate-runbooks.mjs'

// Heap figures need gc(): run again with --expose-gc if it is missing.
if (typeof globalThis.gc !== 'function') {
  const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit'
  })
  process.exit(result.status ?? 1)
}

const here = path.dirname(fileURLToPath(import.meta.url))
const {values} = parseArgs({
  options: {
    steps: {type: 'string', default: '20000'},
    rounds: {type: 'string', default: '5'},
    corpus: {type: 'string'},
    json: {type: 'boolean', default: false}
  }
})
const corpusDir = path.resolve(here, '..', values.corpus ?? process.env.RUNBOOK_CORPUS ?? '../shared/corpus')
const rounds = Number(values.rounds)

/** The fixed query mix: what on-call people type, typos and half-typed words included. */
const queries = [
  'restart',
  'dns',
  'vpn disconnects',
  'restore postgres',
  'KubePodCrashLooping',
  'pod crash looping',
  'ERR_CONNECTION_REFUSED',
  '0x80070005',
  '192.168',
  'certificate expired',
  'disk full',
  'kubectl get pods',
  'backup',
  'printer offline',
  'replication lag',
  'high memory usage',
  'rotate credentials',
  'windows update',
  'ssh permission denied',
  'failover',
  'etcd',
  'certficate',
  'kuberntes node',
  'prome',
  'node not ready',
  'redis latency'
]

const boosts = {t: 10, s: 6, g: 5, b: 1, c: 2}
const fields = Object.keys(boosts)

// ---------------------------------------------------------------- documents

/** Plain text of an mdast tree; `code: false` leaves code blocks out. */
function text(node, code = true) {
  if (!node || typeof node !== 'object') return ''
  if (node.type === 'code') return code ? node.value : ''
  if (node.type === 'yaml' || node.type === 'html') return ''
  if (['root', 'list', 'listItem', 'blockquote', 'table', 'tableRow'].includes(node.type)) {
    return node.children.map((child) => text(child, code)).join(' ')
  }
  return toString(node, {includeHtml: false, includeImageAlt: false})
}

/** The documents every engine indexes (the same as `buildIndex` makes). */
function documents(runbooks) {
  const docs = []
  for (const runbook of runbooks) {
    docs.push({
      id: docs.length,
      t: runbook.title,
      s: '',
      g: `${runbook.meta.tags.join(' ')} ${runbook.id}`,
      b: `${runbook.description ?? ''} ${text(runbook.intro)}`,
      c: ''
    })
    for (const step of runbook.steps) {
      docs.push({
        id: docs.length,
        t: '',
        s: step.title,
        g: '',
        b: text(step.content, false),
        c: step.commands.map((c) => c.code).join('\n')
      })
    }
  }
  return docs
}

// ---------------------------------------------------------------- generated runbooks

const alertNames = ['KubePodCrashLooping', 'KubeNodeNotReady', 'EtcdHighCommitDurations', 'TargetDown', 'NodeFilesystemSpaceFillingUp', 'PostgresReplicationLagHigh', 'RedisDown', 'CertificateExpiringSoon']

function generate(steps) {
  const rand = random(42)
  const pick = (list) => list[Math.floor(rand() * list.length)]
  // A long tail of rarer words, Zipf-like, so the vocabulary looks real.
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'sa', 'ti', 'vu', 'ze', 'pa', 'qu', 'do', 'fe', 'gi', 'ha', 'ju']
  const rare = Array.from({length: 8000}, () => Array.from({length: 2 + Math.floor(rand() * 3)}, () => pick(syllables)).join(''))
  const word = () => (rand() < 0.7 ? pick(itWords) : rare[Math.floor(rare.length * rand() ** 2)])
  const words = (n) => Array.from({length: n}, word).join(' ')
  const paragraph = (value) => ({type: 'paragraph', children: [{type: 'text', value}]})
  const commandFor = () =>
    pick([
      `kubectl get pods -n ${word()} --field-selector=status.phase!=Running`,
      `systemctl restart ${word()}.service`,
      `ping -c 4 10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.1`,
      `Get-Service -Name ${word()} | Restart-Service`,
      `journalctl -u ${word()} --since "1 hour ago"`,
      `psql -h <host> -c "SELECT * FROM pg_stat_replication"`
    ])
  const runbooks = []
  const perRunbook = 20
  for (let r = 0; r * perRunbook < steps; r++) {
    const title = r % 10 === 0 ? pick(alertNames) + ` ${word()}` : words(3 + Math.floor(rand() * 3))
    const runbookSteps = []
    for (let s = 0; s < perRunbook && r * perRunbook + s < steps; s++) {
      const code = rand() < 0.6 ? commandFor() : undefined
      const body = words(30 + Math.floor(rand() * 50))
      const children = [paragraph(body)]
      if (code) children.push({type: 'code', lang: 'sh', value: code})
      if (rand() < 0.1) children.push(paragraph(`Error: ${pick(['0x80070005', 'ERR_CONNECTION_REFUSED', 'ECONNRESET', 'E_ACCESSDENIED'])}`))
      runbookSteps.push({
        id: `step-${s + 1}`,
        title: words(2 + Math.floor(rand() * 4)),
        kind: 'task',
        content: {type: 'root', children},
        commands: code ? [{code, shell: 'posix', params: [], destructive: false}] : [],
        checklist: [],
        callouts: [],
        params: [],
        edges: []
      })
    }
    runbooks.push({
      id: `generated-${r}`,
      title,
      hash: String(r),
      structure: 'step-headings',
      meta: {category: 'troubleshooting', tags: [word(), word()], audience: [], extra: {}},
      params: [],
      intro: {type: 'root', children: [paragraph(words(20))]},
      outro: {type: 'root', children: []},
      start: 'step-1',
      steps: runbookSteps,
      anchors: {},
      links: []
    })
  }
  return runbooks
}

// ---------------------------------------------------------------- engines

const miniOptions = {
  fields,
  idField: 'id',
  searchOptions: {
    boost: boosts,
    prefix: (term, i, terms) => i === terms.length - 1,
    fuzzy: (term) => (term.length >= 5 ? 1 : false)
  }
}

function engines(runbooks, docs) {
  return {
    ours: {
      build: () => buildIndex(runbooks),
      serialize: (index) => JSON.stringify(index),
      load: (json) => loadIndex(JSON.parse(json), runbooks),
      query: (index, q) => search(index, q).length
    },
    minisearch: {
      build: () => {
        const mini = new MiniSearch(miniOptions)
        mini.addAll(docs)
        return mini
      },
      serialize: (mini) => JSON.stringify(mini),
      load: (json) => MiniSearch.loadJSON(json, miniOptions),
      query: (mini, q) => mini.search(q).length
    },
    'stock lunr': {
      build: () =>
        lunr(function () {
          this.ref('id')
          for (const field of fields) this.field(field, {boost: boosts[field]})
          for (const doc of docs) this.add(doc)
        }),
      serialize: (idx) => JSON.stringify(idx),
      load: (json) => lunr.Index.load(JSON.parse(json)),
      query: (idx, q) => {
        try {
          return idx.search(q).length
        } catch {
          return 0
        }
      }
    }
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)]

/**
 * Measure every engine. Each phase is interleaved across engines (build
 * round 1 of each, then round 2 …; each query timed on every engine in
 * turn), so a busy machine slows them alike and the ratios hold.
 */
function measureAll(all) {
  const names = Object.keys(all)
  const rows = Object.fromEntries(names.map((name) => [name, {engine: name, build: [], load: [], heap: [], query: []}]))
  const json = {}
  const repeat = Math.max(1, Math.min(3, rounds))
  for (let i = 0; i < repeat; i++) {
    for (const name of names) {
      globalThis.gc()
      const start = performance.now()
      const built = all[name].build()
      rows[name].build.push(performance.now() - start)
      json[name] ??= all[name].serialize(built)
    }
  }
  const loaded = {}
  for (let i = 0; i < repeat; i++) {
    for (const name of names) {
      loaded[name] = undefined
      globalThis.gc()
      globalThis.gc()
      const before = process.memoryUsage().heapUsed
      const start = performance.now()
      loaded[name] = all[name].load(json[name])
      rows[name].load.push(performance.now() - start)
      globalThis.gc()
      globalThis.gc()
      rows[name].heap.push(process.memoryUsage().heapUsed - before)
    }
  }
  const variants = [...names.map((name) => [name, name, (q) => all[name].query(loaded[name], q)])]
  variants.splice(1, 0, ['ours (limit 1)', 'ours', (q) => search(loaded.ours, q, {limit: 1})])
  rows['ours (limit 1)'] = {engine: 'ours (limit 1)', query: []}
  for (const [, , query] of variants) for (const q of queries) query(q) // warm up
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      for (const [label, , query] of variants) {
        const start = performance.now()
        query(q)
        rows[label].query.push(performance.now() - start)
      }
    }
  }
  return variants.map(([label, name]) => {
    const row = rows[label]
    const times = row.query.sort((x, y) => x - y)
    const result = {engine: label, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99)}
    if (label !== name) return result
    return {
      engine: label,
      buildMs: median(row.build),
      rawBytes: Buffer.byteLength(json[name]),
      gzipBytes: gzipSync(json[name]).length,
      loadMs: median(row.load),
      heapBytes: median(row.heap),
      ...result
    }
  })
}

function run(label, runbooks) {
  const docs = documents(runbooks)
  const rows = measureAll(engines(runbooks, docs))
  const ours = rows[0]
  const mini = rows.find((r) => r.engine === 'minisearch')
  const ratios = {}
  for (const key of ['buildMs', 'rawBytes', 'gzipBytes', 'loadMs', 'heapBytes', 'p50Ms', 'p99Ms']) {
    ratios[key] = Math.round((ours[key] / mini[key]) * 100) / 100
  }
  return {label, runbooks: runbooks.length, documents: docs.length, rows, ratios}
}

const fmt = (key, value) => {
  if (value === undefined) return ''
  if (key.endsWith('Bytes')) return `${(value / 1024 / 1024).toFixed(2)} MB`
  return `${value.toFixed(key === 'buildMs' || key === 'loadMs' ? 0 : 2)} ms`
}

function print(result) {
  console.log(`\n${result.label}: ${result.runbooks} runbooks, ${result.documents} documents`)
  const keys = ['buildMs', 'rawBytes', 'gzipBytes', 'loadMs', 'heapBytes', 'p50Ms', 'p99Ms']
  const head = ['engine', 'build', 'raw', 'gzip', 'load', 'heap', 'p50', 'p99']
  const table = [head, ...result.rows.map((row) => [row.engine, ...keys.map((k) => fmt(k, row[k]))])]
  table.push(['ours/minisearch', ...keys.map((k) => `${result.ratios[k].toFixed(2)}×`)])
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)))
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '))
}

const results = []
const loadedCorpus = await loadRunbooks(corpusDir).catch(() => undefined)
if (loadedCorpus && loadedCorpus.runbooks.length > 0) results.push(run(`corpus (${corpusDir})`, loadedCorpus.runbooks))
else console.error(`bench/search: no corpus at ${corpusDir} (set RUNBOOK_CORPUS); generated set only`)
results.push(run(`generated (${values.steps} steps)`, generate(Number(values.steps))))

if (values.json) console.log(JSON.stringify(results, null, 2))
else for (const result of results) print(result)
