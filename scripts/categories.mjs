#!/usr/bin/env node
// The categories Runbook Kit infers for the files of the third-party corpus,
// counted per folder: how the zero-config category rule
// (packages/core/src/parse/metadata/category.ts) files real runbooks.
//
//   npm run build && node scripts/categories.mjs [--depth 2] [--list <folder prefix>]
//
// Reads the corpus from RUNBOOK_CORPUS (default ../shared/corpus beside the
// checkout) and the built package (packages/core/dist). Prints counts only,
// and with --list the file names and categories under one folder: never the
// files' text.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const {values} = parseArgs({options: {depth: {type: 'string', default: '2'}, list: {type: 'string'}}})
const corpus = path.resolve(root, process.env.RUNBOOK_CORPUS ?? '../shared/corpus')
const {parseRunbook, categories} = await import(path.join(root, 'packages/core/dist/index.js'))

const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === '_licenses') continue
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full)
    else if (/\.(md|markdown)(\.erb)?$/i.test(name) && dir !== corpus) files.push(path.relative(corpus, full))
  }
}
walk(corpus)

const depth = Number(values.depth)
const rows = new Map()
const total = Object.fromEntries([...categories, 'frontmatter'].map((category) => [category, 0]))
for (const file of files) {
  const {runbook} = parseRunbook(readFileSync(path.join(corpus, file), 'utf8'), {file})
  const inferred = runbook.meta.inferred?.includes('category')
  const key = inferred || runbook.meta.category === 'other' ? runbook.meta.category : 'frontmatter'
  const folder = path.dirname(file).split(path.sep).slice(0, depth).join('/')
  if (!rows.has(folder)) rows.set(folder, Object.fromEntries(Object.keys(total).map((category) => [category, 0])))
  rows.get(folder)[key]++
  total[key]++
  if (values.list && file.startsWith(values.list)) console.log(`${key.padEnd(18)} ${file}`)
}

const columns = Object.keys(total)
const short = {troubleshooting: 'trouble', onboarding: 'onboard', 'backup-restore': 'backup', 'incident-response': 'incident', other: 'other', frontmatter: 'given'}
console.log(`| folder | files | ${columns.map((column) => short[column]).join(' | ')} |`)
console.log(`|---|---:|${columns.map(() => '---:').join('|')}|`)
for (const [folder, counts] of [...rows].sort((a, b) => a[0].localeCompare(b[0]))) {
  const sum = Object.values(counts).reduce((a, b) => a + b, 0)
  console.log(`| ${folder} | ${sum} | ${columns.map((column) => counts[column] || '·').join(' | ')} |`)
}
console.log(`| **all** | ${files.length} | ${columns.map((column) => total[column]).join(' | ')} |`)
console.log(`\n"given": the frontmatter sets the category; the other columns are inferred ("other": nothing inferred).`)
