#!/usr/bin/env node
// What a split bundle costs to serve and to read, from the built output, with generated runbooks
// (the same shape as bench/widget.mjs makes):
//
// - the files `runbook build` writes: one-file bundle, split entry, part counts, raw and gzip bytes;
// - bytes on the wire (gzip, as a compressing web server sends them) and requests for: opening the
//   bundle, a typical query (entry, index shards, the packs of the results), opening one runbook
//   by id, and the browse list; the one-file bundle is the baseline (a reader of it fetches it all).
// - with --threshold: the same at small sizes, to see where splitting starts to pay.
//
//   npm run build && node bench/bundle.mjs [--runbooks 1000,10000] [--threshold] [--corpus <dir>]
//
// --corpus measures a folder of real runbooks instead (e.g. RUNBOOK_CORPUS): generated runbooks
// compress far better than real ones (≈30× against ≈5×), so bytes per query differ.
//
// KB = 1,000 bytes; gzip level 6 (nginx's and most CDNs' default is 1 to 6).
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {gzipSync} from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/node/index.js')).href)
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : fallback
}
const sizes = args.includes('--threshold') ? [25, 50, 100, 200, 400, 800] : option('--runbooks', '1000,10000').split(',').map(Number)
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`
const gzip = (text) => gzipSync(text, {level: 6}).length
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const topics = ['printer', 'vpn', 'dns', 'backup', 'mailbox', 'laptop', 'firewall', 'database', 'badge', 'wifi']
const queries = ['printer', 'vpn not connecting', 'restart the service', 'journalctl', 'dns problem 4321', 'firewal', 'mailbox quota',
  'CHG10042', 'badge reader', 'check the client']

/** The runbook of bench/widget.mjs, numbered `i` (parsed once per topic, then numbered: parsing 100,000 would take minutes). */
function generator() {
  const templates = new Map()
  const source = (topic, i) => `---
title: ${topic} problem ${i}
id: rb-${i}
category: ${['troubleshooting', 'onboarding', 'backup-restore', 'incident-response'][i % 4]}
tags: [${topic}, generated, case-${i % 37}]
audience: [tier-1]
---

# ${topic} problem ${i}

Use this when the ${topic} of user ${i} stops working after change CHG${10000 + i}.

## Step 1: Find out who is affected {#scope}

Ask the user and check the queue for other ${topic} reports.

- Several people: [check the service](#service)
- Only this user: [check the client](#client)

## Step 2: Check the service {#service}

\`\`\`sh
$ systemctl status ${topic}-${i}.service
$ journalctl -u ${topic}-${i} --since "-1h" | tail -n 50
\`\`\`

- [ ] Service is running
- [ ] No errors in the last hour

Now go to [verify](#verify).

## Step 3: Check the client {#client}

> [!WARNING]
> Restarting the client drops open sessions.

Restart the ${topic} client on <host> and retry.

## Step 4: Verify {#verify}

Confirm with the user that ${topic} works again. End of runbook.
`
  return (i) => {
    const topic = topics[i % topics.length]
    const key = `${topic}/${i % 4}/${i % 37}`
    let template = templates.get(key)
    if (!template) {
      // 7 digits that appear nowhere else stand for the number.
      template = JSON.stringify(core.parseRunbook(source(topic, 9999999), {file: 'rb-9999999.md'}).runbook)
      templates.set(key, template)
    }
    const runbook = JSON.parse(template.replaceAll('10009999', String(10000 + i)).replaceAll('9999999', String(i)))
    runbook.hash = `${runbook.hash.slice(0, 6)}${String(i).padStart(8, '0')}`
    return runbook
  }
}

const corpus = option('--corpus', undefined)
// Part sizes to try (default: writeBundle's): --pack-bytes, --shard-bytes.
const partSizes = {packBytes: Number(option('--pack-bytes', 0)) || undefined, shardBytes: Number(option('--shard-bytes', 0)) || undefined}
if (corpus) {
  const started = Date.now()
  const {bundle, index, runbooks} = await core.buildBundle(corpus, {cache: false})
  const picks = runbooks.filter((_, i) => i % Math.ceil(runbooks.length / 10) === 0)
  // Queries from the corpus itself: the first two words of every tenth runbook's title.
  const own = picks.map((runbook) => runbook.title.split(/\s+/).slice(0, 2).join(' '))
  await measure(`${runbooks.length.toLocaleString('en')} runbooks of ${corpus}`, bundle, index, Date.now() - started, own, runbooks[Math.floor(runbooks.length / 3)].id)
} else {
  const make = generator()
  for (const count of sizes) {
    const started = Date.now()
    const runbooks = Array.from({length: count}, (_, i) => make(i))
    const index = core.buildIndex(runbooks)
    const bundle = core.createBundle(runbooks, {index})
    await measure(`${count.toLocaleString('en')} runbooks (generated)`, bundle, index, Date.now() - started, queries, `rb-${Math.floor(count / 3)}`)
  }
}

async function measure(label, bundle, index, built, queries, someId) {
  const count = bundle.runbooks.length
  const site = mkdtempSync(path.join(tmpdir(), 'runbook-kit-bundle-bench-'))
  try {
    const one = path.join(site, 'one', 'runbooks.bundle.json')
    const split = path.join(site, 'split', 'runbooks.bundle.json')
    const writeStarted = Date.now()
    // Above 20,000 runbooks the one file is not written (hundreds of MB in one string).
    if (count <= 20_000) await core.writeBundle(one, bundle, index, {split: false})
    const oneWritten = Date.now() - writeStarted
    await core.writeBundle(split, bundle, index, {split: true, ...partSizes})
    const splitWritten = Date.now() - writeStarted - oneWritten
    const oneText = count <= 20_000 ? readFileSync(one, 'utf8') : ''
    const entryText = readFileSync(split, 'utf8')
    const folder = path.join(site, 'split', 'runbooks.bundle')
    const parts = readdirSync(folder)
    const byKind = {}
    let partsRaw = 0
    for (const name of parts) {
      const kind = {p: 'packs', d: 'id directory', s: 'summaries', i: 'index shards'}[name[0]]
      const raw = readFileSync(path.join(folder, name)).length
      byKind[kind] ??= {files: 0, raw: 0}
      byKind[kind].files++
      byKind[kind].raw += raw
      partsRaw += raw
    }
    const entry = JSON.parse(entryText)

    /** A reader of the split bundle that records the files it reads, with their gzip sizes. */
    const open = async (file) => {
      const read = []
      const byKindRead = {}
      const sizes = new Map()
      const fetch = async (url) => {
        const text = readFileSync(fileURLToPath(url), 'utf8')
        if (!sizes.has(url)) sizes.set(url, gzip(text))
        read.push(sizes.get(url))
        const kind = path.basename(fileURLToPath(url))[0]
        byKindRead[kind] = (byKindRead[kind] ?? 0) + sizes.get(url)
        return {ok: true, status: 200, text: async () => text}
      }
      const reader = await core.fetchBundle(pathToFileURL(file), {fetch})
      return {reader, read, byKindRead, total: () => read.reduce((a, b) => a + b, 0)}
    }

    const perQuery = []
    for (const query of queries) {
      const {reader, read, total, byKindRead} = await open(split)
      const t0 = performance.now()
      const results = await reader.search(query, {limit: 8})
      perQuery.push({query, bytes: total(), requests: read.length, results: results.length, ms: performance.now() - t0, shards: byKindRead.i ?? 0, packs: byKindRead.p ?? 0})
    }
    const byId = await open(split)
    await byId.reader.runbook(someId)
    const browse = await open(split)
    await browse.reader.summaries()
    const afterSearch = await open(split)
    await afterSearch.reader.search(queries[0], {limit: 8})
    const before = afterSearch.total()
    const requestsBefore = afterSearch.read.length
    const [first] = await afterSearch.reader.search(queries[0], {limit: 8})
    if (first) await afterSearch.reader.runbook(first.runbookId)

    const oneGzip = gzip(oneText)
    console.log(`\n${label} (indexed and bundled in ${(built / 1000).toFixed(1)} s)`)
    console.log(oneText ? `  one file:  ${kb(oneText.length)} raw, ${kb(oneGzip)} gzip  (written in ${oneWritten} ms)` : '  one file:  not written (too large for one string)')
    console.log(`  split:     entry ${kb(entryText.length)} raw, ${kb(gzip(entryText))} gzip; ${parts.length} parts, ${kb(partsRaw)} raw  (written in ${splitWritten} ms)`)
    console.log(`             entry: index head ${kb(JSON.stringify(entry.index.head).length)} raw, part tables ${kb(JSON.stringify([entry.packs, entry.directory, entry.summaries, entry.index.hashes]).length)} raw`)
    for (const [kind, {files, raw}] of Object.entries(byKind)) {
      console.log(`             ${kind.padEnd(13)} ${String(files).padStart(5)} files, ${kb(raw / files).padStart(9)} raw each on average`)
    }
    console.log(`             ${entry.packs.size} runbooks a pack, ${entry.summaries.size} summaries a part`)
    const bytes = perQuery.map((q) => q.bytes)
    console.log(`  a query (fresh reader, limit 8), gzip bytes incl. the entry: median ${kb(median(bytes))}, max ${kb(Math.max(...bytes))}; ` +
      `requests median ${median(perQuery.map((q) => q.requests))}, max ${Math.max(...perQuery.map((q) => q.requests))}  ` +
      (oneText ? `(one file: ${kb(oneGzip)}, 1 request; ratio ${(oneGzip / median(bytes)).toFixed(1)}×)` : ''))
    console.log(`    of which index shards median ${kb(median(perQuery.map((q) => q.shards)))}, packs median ${kb(median(perQuery.map((q) => q.packs)))}`)
    for (const q of perQuery) console.log(`    ${q.query.padEnd(24)} ${kb(q.bytes).padStart(9)}  ${String(q.requests).padStart(2)} requests  ${q.results} results  ${q.ms.toFixed(0)} ms in Node`)
    console.log(`  open one runbook by id (fresh reader): ${kb(byId.total())} in ${byId.read.length} requests`)
    console.log(`  open a search result after the search: ${kb(afterSearch.total() - before)} more in ${afterSearch.read.length - requestsBefore} more requests`)
    console.log(`  browse list (every summary):           ${kb(browse.total())} in ${browse.read.length} requests`)
  } finally {
    rmSync(site, {recursive: true, force: true})
  }
}
