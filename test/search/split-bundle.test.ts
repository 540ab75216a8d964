/**
 * Split bundles: `runbook build` writes an entry and content-hashed parts;
 * `fetchBundle` (any fetch) and `readBundle` (paths) read them back equal to
 * the one-file bundle, fetching only what each call needs.
 */
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildIndex, createBundle, fetchBundle, loadBundle, openBundle, search, type BundleReader} from '@runbook-kit/core'
import {buildBundle, main, readBundle, writeBundle, type BuildBundleResult, type CliIo} from '@runbook-kit/core/node'
import {contentHash} from '../../packages/core/src/bundle/split-format.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const library = path.join(root, 'runbooks')
const scratch = mkdtempSync(path.join(tmpdir(), 'runbook-kit-split-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

const queries = ['printer offline', 'vpn', 'dns not resolving', 'restore', 'new hire laptop', 'spooler', 'mfa reset',
  'slow', 'outlook', 'phishing', 'nslookup', 'Get-Service', 'Get-PrintJob', 'wifi', 'backup', 'pass', 'windwos', 'qwxzv']

/** Small parts, so that the 21 runbooks of the library make several of each kind. */
const small = {packBytes: 20_000, summaryBytes: 2_000, directorySize: 4, shardBytes: 3_000}

let built: BuildBundleResult
let oneFile: string
beforeAll(async () => {
  built = await buildBundle(library, {cache: false})
  oneFile = JSON.stringify(built.bundle)
})

/** A split copy of the library's bundle in a fresh folder; returns the entry's path. */
async function writeSplit(name: string): Promise<string> {
  const output = path.join(scratch, name, 'runbooks.bundle.json')
  await writeBundle(output, built.bundle, built.index, {...small, split: true})
  return output
}

/** A fetch over the files below `scratch` that records what it was asked for. */
function countingFetch() {
  const requests: string[] = []
  const fetch = async (url: string) => {
    requests.push(path.basename(fileURLToPath(url)))
    const file = fileURLToPath(url)
    if (!existsSync(file)) return {ok: false, status: 404, text: async () => ''}
    const text = readFileSync(file, 'utf8')
    return {ok: true, status: 200, text: async () => text}
  }
  return {fetch, requests}
}

describe('a split bundle reads back equal to the one-file bundle', () => {
  let entry: string
  let split: BundleReader
  let whole: BundleReader
  beforeAll(async () => {
    entry = await writeSplit('equal')
    split = await readBundle(entry)
    whole = await fetchBundle('file:///bundle.json', {fetch: async () => ({ok: true, status: 200, text: async () => oneFile})})
  })

  it('writes an entry and parts of each kind in the folder named after it', () => {
    const names = readdirSync(path.join(path.dirname(entry), 'runbooks.bundle'))
    for (const kind of ['p', 'd', 's', 'i']) {
      expect(names.filter((name) => name.startsWith(kind)).length, kind).toBeGreaterThan(kind === 'i' ? 0 : 1)
    }
    for (const name of names) expect(name).toMatch(/^[pdsi]\d+\.[0-9a-f]{10}\.json$/)
    const json = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>
    expect(json).toMatchObject({format: 'runbook-kit/bundle', version: 3, layout: 'split', parts: 'runbooks.bundle', count: built.runbooks.length})
    // The entry holds no runbook text.
    expect(readFileSync(entry, 'utf8')).not.toContain(built.runbooks[0]!.title)
  })

  it('has the same version-independent facts: count, categories, summaries', async () => {
    expect(split.version).toBe(3)
    expect(whole.version).toBe(2)
    expect(split.count).toBe(whole.count)
    expect(split.categories).toEqual(whole.categories)
    expect(await split.summaries()).toEqual(await whole.summaries())
    for (const category of whole.categories) {
      const list = await split.summaries({category})
      expect(list.length, category).toBeGreaterThan(0)
      expect(list).toEqual(await whole.summaries({category}))
    }
    expect(await split.summaries({category: 'no-such-category'})).toEqual([])
    expect(await split.summaries({category: ''})).toEqual(await whole.summaries())
    expect(await whole.summaries({category: ''})).toHaveLength(whole.count)
  })

  it('gives every runbook equal to the one-file bundle’s', async () => {
    const loaded = loadBundle(oneFile)
    for (const runbook of loaded.runbooks) {
      expect(await split.has(runbook.id), runbook.id).toBe(true)
      expect(await split.runbook(runbook.id), runbook.id).toEqual(runbook)
    }
    expect(await split.has('no-such-runbook')).toBe(false)
    expect(await split.runbook('no-such-runbook')).toBeUndefined()
  })

  const strip = (results: Array<{summary: unknown}>) => results.map(({summary, ...result}) => (void summary, result))
  const variants = [{}, {perRunbook: 2, limit: 5}, {category: 'troubleshooting'}, {tags: ['Windows']}]

  it('answers every query as the whole index does, with summaries (typos aside)', async () => {
    // Typos are looked for among the terms of the shards a query loads (docs/search.md): without
    // typo tolerance a split search is the whole one.
    const fresh = await readBundle(entry)
    for (const query of queries) {
      for (const variant of variants) {
        const options = {...variant, fuzzy: false}
        const expected = search(built.index, query, options)
        const results = await fresh.search(query, options)
        expect(strip(results), query).toEqual(expected)
        for (const result of results) expect(result.summary.id).toBe(result.runbookId)
        expect(await whole.search(query, options), query).toEqual(results)
      }
    }
  })

  it('with every shard loaded, answers with typos as the whole index does', async () => {
    const fresh = await readBundle(entry)
    await fresh.load()
    for (const query of queries) {
      for (const options of variants) {
        expect(strip(await fresh.search(query, options)), query).toEqual(search(built.index, query, options))
      }
    }
  })

  it('load() gives every runbook and an index that searches alike', async () => {
    const loaded = await split.load()
    expect(loaded.runbooks).toEqual(loadBundle(oneFile).runbooks)
    for (const query of queries) expect(search(loaded.index, query)).toEqual(search(built.index, query))
  })
})

describe('a split bundle is read a part at a time', () => {
  it('opening reads the entry only; a runbook its directory part and its pack; again, nothing', async () => {
    const entry = await writeSplit('lazy')
    const {fetch, requests} = countingFetch()
    const reader = await fetchBundle(pathToFileURL(entry), {fetch})
    expect(requests).toEqual(['runbooks.bundle.json'])
    const id = built.runbooks[7]!.id
    await reader.runbook(id)
    expect(requests.slice(1).map((name) => name[0]).sort()).toEqual(['d', 'p'])
    await reader.runbook(id)
    await reader.has(id)
    expect(requests).toHaveLength(3)
  })

  it('a search reads a few index shards and the packs of its results, nothing else', async () => {
    const entry = await writeSplit('search-parts')
    const shards = readdirSync(path.join(path.dirname(entry), 'runbooks.bundle')).filter((name) => name.startsWith('i'))
    expect(shards.length).toBeGreaterThan(6)
    const {fetch, requests} = countingFetch()
    const reader = await fetchBundle(pathToFileURL(entry), {fetch})
    const results = await reader.search('restart the print spooler', {limit: 3})
    expect(results.length).toBeGreaterThan(0)
    const read = requests.slice(1)
    const shardsRead = read.filter((name) => name.startsWith('i'))
    expect(shardsRead.length).toBeGreaterThan(0)
    expect(shardsRead.length).toBeLessThanOrEqual(6)
    expect(read.filter((name) => name.startsWith('p')).length).toBeLessThanOrEqual(3)
    expect(read.filter((name) => /^[ds]/.test(name))).toEqual([])
    // The same query again, and opening its results, read nothing more (ids are unique: the packs give their numbers).
    await reader.search('restart the print spooler', {limit: 3})
    for (const result of results) expect((await reader.runbook(result.runbookId))?.id).toBe(result.runbookId)
    expect(requests.length).toBe(read.length + 1)
  })

  it('with an id used twice, the first runbook is the one opened, even after a search read the other', async () => {
    const [a, b, c] = built.runbooks
    const twin = {...c!, id: a!.id, title: 'Twin of the first'}
    const runbooks = [a!, b!, twin]
    const index = buildIndex(runbooks)
    const output = path.join(scratch, 'twins', 'runbooks.bundle.json')
    await writeBundle(output, createBundle(runbooks, {index}), index, {split: true, packBytes: 1})
    const reader = await readBundle(output)
    expect((await reader.search('twin of the first')).map((result) => result.title)).toContain('Twin of the first')
    expect((await reader.runbook(a!.id))?.title).toBe(a!.title)
    expect(await reader.summaries()).toHaveLength(3)
  })

  it('a missing part is an error naming it, and the reader still works for other parts', async () => {
    const entry = await writeSplit('missing')
    const folder = path.join(path.dirname(entry), 'runbooks.bundle')
    const pack0 = readdirSync(folder).find((name) => name.startsWith('p0.'))!
    unlinkSync(path.join(folder, pack0))
    const reader = await readBundle(entry)
    const first = built.runbooks[0]!.id
    const last = built.runbooks[built.runbooks.length - 1]!.id
    await expect(reader.runbook(first)).rejects.toThrow(new RegExp(`cannot read .*runbooks\\.bundle/${pack0.replace(/\./g, '\\.')}: no such file`))
    await expect(reader.load()).rejects.toThrow(/no such file/)
    expect((await reader.runbook(last))?.id).toBe(last)
  })

  it('a changed part is refused: its content does not match its name', async () => {
    const entry = await writeSplit('corrupt')
    const folder = path.join(path.dirname(entry), 'runbooks.bundle')
    const summaries0 = readdirSync(folder).find((name) => name.startsWith('s0.'))!
    const file = path.join(folder, summaries0)
    writeFileSync(file, readFileSync(file, 'utf8').replace('"title":"', '"title":"X'))
    const reader = await readBundle(entry)
    await expect(reader.summaries()).rejects.toThrow(`${summaries0}: its content does not match the hash in its name`)
  })

  /** Replace part `name` by `text` under the name its hash gives, and point the entry at it. */
  function swapPart(entry: string, prefix: string, table: 'packs' | 'directory' | 'summaries' | 'index', text: string) {
    const folder = path.join(path.dirname(entry), 'runbooks.bundle')
    const old = readdirSync(folder).find((name) => name.startsWith(`${prefix}0.`))!
    const hash = contentHash(text)
    writeFileSync(path.join(folder, `${prefix}0.${hash}.json`), text)
    const json = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, {hashes: string}>
    json[table]!.hashes = hash + json[table]!.hashes.slice(10)
    writeFileSync(entry, JSON.stringify(json))
    return old
  }

  it('a part that is not JSON, or another kind of part, is refused naming it', async () => {
    const entry = await writeSplit('wrong-kind')
    const folder = path.join(path.dirname(entry), 'runbooks.bundle')
    swapPart(entry, 's', 'summaries', '{"format": "runbook-kit/bundle-part", "kind": "summ')
    await expect((await readBundle(entry)).summaries()).rejects.toThrow(/runbooks\.bundle\/s0\.[0-9a-f]{10}\.json is not valid JSON/)
    const directory = readFileSync(path.join(folder, readdirSync(folder).find((name) => name.startsWith('d0.'))!), 'utf8')
    swapPart(entry, 'p', 'packs', directory)
    await expect((await readBundle(entry)).runbook(built.runbooks[0]!.id)).rejects.toThrow(/p0\.[0-9a-f]{10}\.json is not pack part 0 of a bundle/)
    const pack = JSON.parse(readFileSync(path.join(folder, readdirSync(folder).find((name) => name.startsWith('p1.'))!), 'utf8')) as {runbooks: Array<Record<string, unknown>>}
    pack.runbooks[0]!.body = '{"steps": "nope"}'
    const text = JSON.stringify({...pack, n: 0})
    swapPart(entry, 'p', 'packs', text)
    const id = (pack.runbooks[0]!.id as string)
    const reader = await readBundle(entry)
    // The pack is numbered 0 now, so its first runbook is number 0: look it up by the id at number 0.
    await expect(reader.runbook(built.runbooks[0]!.id)).rejects.toThrow(/p0\.[0-9a-f]{10}\.json: runbooks\[0\]\.start must be a string/)
    expect(id).not.toBe('')
  })

  it('an entry with a malformed table, another format or a newer version is refused naming the file', async () => {
    const entry = await writeSplit('entry')
    const json = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>
    const variants: Array<[Record<string, unknown> | string, RegExp]> = [
      [{...json, packs: {size: 2, hashes: 'xyz'}}, /runbooks\.bundle\.json: entry\.packs must be an object with a string of 10-digit hashes/],
      [{...json, parts: '../elsewhere'}, /entry\.parts must be a folder name, not "\.\.\/elsewhere"/],
      [{...json, count: 1000}, /entry\.packs must name \d+ parts/],
      [{...json, format: 'other/thing'}, /runbooks\.bundle\.json: bundle\.format must be "runbook-kit\/bundle", not "other\/thing"/],
      [{...json, version: 9}, /runbooks\.bundle\.json: bundle version 9 is newer than this library reads \(3\); upgrade/],
      ['{"format": ', /runbooks\.bundle\.json is not valid JSON/]
    ]
    for (const [variant, message] of variants) {
      writeFileSync(entry, typeof variant === 'string' ? variant : JSON.stringify(variant))
      await expect(readBundle(entry), message.source).rejects.toThrow(message)
    }
    await expect(readBundle(path.join(scratch, 'nowhere.json'))).rejects.toThrow(/cannot read .*nowhere\.json: no such file/)
  })

  it('openBundle and loadBundle say how to read a split entry', async () => {
    const entry = await writeSplit('sync')
    const text = readFileSync(entry, 'utf8')
    expect(() => openBundle(text)).toThrow(/split into an entry and parts .*fetchBundle\(url\).*readBundle\(path\)/)
    expect(() => loadBundle(text)).toThrow(TypeError)
  })

  it('HTTP errors name the URL and status; a thrown fetch names the URL', async () => {
    const failing = async () => ({ok: false, status: 503, text: async () => ''})
    await expect(fetchBundle('https://intranet.example/runbooks.bundle.json', {fetch: failing})).rejects.toThrow(
      'cannot read https://intranet.example/runbooks.bundle.json: failed (HTTP 503)'
    )
    const offline = async () => {
      throw new TypeError('fetch failed')
    }
    await expect(fetchBundle('https://intranet.example/b.json', {fetch: offline})).rejects.toThrow('cannot read https://intranet.example/b.json: fetch failed')
    await expect(fetchBundle('relative.json', {fetch: failing})).rejects.toThrow(TypeError)
    await expect(fetchBundle(42 as unknown as string)).rejects.toThrow(/runbook-kit: fetchBundle expects a URL, not 42/)
  })

  it('an aborted call rejects with the signal’s reason, and the part is still read for the next', async () => {
    const entry = await writeSplit('abort')
    const reader = await readBundle(entry)
    const controller = new AbortController()
    const reason = new Error('typed on')
    const pending = reader.search('printer', {signal: controller.signal})
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    expect((await reader.search('printer')).length).toBeGreaterThan(0)
    const aborted = AbortSignal.abort(reason)
    await expect(reader.runbook(built.runbooks[0]!.id, {signal: aborted})).rejects.toBe(reason)
    await expect(readBundle(entry, {signal: aborted})).rejects.toBe(reason)
  })
})

describe('fetchBundle reads version 1 bundles too', () => {
  it('whole runbooks inline: summaries, runbooks and search', async () => {
    const runbooks = loadBundle(oneFile).runbooks
    const v1 = JSON.stringify({format: 'runbook-kit/bundle', version: 1, runbooks, index: built.bundle.index})
    const reader = await fetchBundle('https://intranet.example/v1.json', {fetch: async () => ({ok: true, status: 200, text: async () => v1})})
    expect(reader.version).toBe(1)
    expect(reader.count).toBe(runbooks.length)
    expect((await reader.summaries())[0]).toEqual({id: runbooks[0]!.id, title: runbooks[0]!.title, ...(runbooks[0]!.description === undefined ? {} : {description: runbooks[0]!.description}), hash: runbooks[0]!.hash, meta: runbooks[0]!.meta})
    expect(await reader.runbook(runbooks[4]!.id)).toEqual(runbooks[4])
    const results = await reader.search('printer offline')
    expect(results.map(({summary, ...result}) => (void summary, result))).toEqual(search(built.index, 'printer offline'))
  })
})

describe('writeBundle', () => {
  it('splits above splitAbove bytes of one-file bundle, and not below', async () => {
    const dir = mkdtempSync(path.join(scratch, 'threshold-'))
    const big = await writeBundle(path.join(dir, 'a.json'), built.bundle, built.index, {splitAbove: oneFile.length - 1})
    expect(big).toMatchObject({split: true, folder: path.join(dir, 'a')})
    expect(big.parts).toBe(readdirSync(path.join(dir, 'a')).length)
    expect(big.written).toBe(big.parts)
    const small = await writeBundle(path.join(dir, 'b.json'), built.bundle, built.index, {splitAbove: oneFile.length + 1})
    expect(small).toMatchObject({split: false, bytes: Buffer.byteLength(oneFile), parts: 0})
    expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe(oneFile)
    // An output without .json gets a .parts folder; an unchanged rebuild writes no part again.
    const bare = await writeBundle(path.join(dir, 'bundle'), built.bundle, built.index, {split: true})
    expect(bare.folder).toBe(path.join(dir, 'bundle.parts'))
    expect((await writeBundle(path.join(dir, 'bundle'), built.bundle, built.index, {split: true})).written).toBe(0)
    expect((await readBundle(path.join(dir, 'bundle'))).count).toBe(built.runbooks.length)
  })
})

describe('runbook build writes split bundles; search and run read them', () => {
  function io(cwd: string) {
    let stdout = ''
    let stderr = ''
    const value: CliIo = {
      stdout: {write: (chunk: string) => (stdout += chunk), isTTY: false},
      stderr: {write: (chunk: string) => (stderr += chunk), isTTY: false},
      stdin: new PassThrough() as unknown as CliIo['stdin'],
      cwd,
      env: {RUNBOOK_KIT_CLOCK: 'fixed'}
    }
    return {io: value, out: () => stdout, err: () => stderr}
  }
  const cli = async (args: string[], cwd: string) => {
    const run = io(cwd)
    const code = await main(args, run.io)
    return {code, stdout: run.out(), stderr: run.err()}
  }

  it('the library stays one file by default; --split splits it; search answers the same from both', async () => {
    const dir = mkdtempSync(path.join(scratch, 'cli-'))
    cpSync(library, path.join(dir, 'runbooks'), {recursive: true})
    const one = await cli(['build', 'runbooks', '-o', 'one/runbooks.bundle.json', '--no-cache'], dir)
    expect(one.code, one.stderr).toBeLessThan(2)
    expect(existsSync(path.join(dir, 'one/runbooks.bundle'))).toBe(false)
    const split = await cli(['build', 'runbooks', '-o', 'public/runbooks.bundle.json', '--split', '--no-cache'], dir)
    expect(split.code, split.stderr).toBe(one.code)
    expect(split.stderr).toMatch(/→ public\/runbooks\.bundle\.json \([\d.]+ KiB \+ \d+ parts in public\/runbooks\.bundle\//)
    for (const query of ['restart the spooler', 'vpn', 'windwos update']) {
      const fromOne = await cli(['search', 'one/runbooks.bundle.json', query, '--json'], dir)
      const fromSplit = await cli(['search', 'public/runbooks.bundle.json', query, '--json'], dir)
      expect(fromSplit.code).toBe(fromOne.code)
      expect(JSON.parse(fromSplit.stdout)).toEqual(JSON.parse(fromOne.stdout))
      expect(JSON.parse(fromSplit.stdout).length).toBeGreaterThan(0)
    }
    expect((await cli(['build', 'runbooks', '-o', 'x.json', '--split', '--no-split'], dir)).code).toBe(2)
  })

  it('search and run name a missing part', async () => {
    const dir = mkdtempSync(path.join(scratch, 'cli-missing-'))
    cpSync(library, path.join(dir, 'runbooks'), {recursive: true})
    await cli(['build', 'runbooks', '-o', 'runbooks.bundle.json', '--split', '--no-cache'], dir)
    const folder = path.join(dir, 'runbooks.bundle')
    for (const name of readdirSync(folder)) if (/^[ip]/.test(name)) unlinkSync(path.join(folder, name))
    const searched = await cli(['search', 'runbooks.bundle.json', 'vpn'], dir)
    expect(searched.code).toBe(2)
    expect(searched.stderr).toMatch(/cannot read runbooks\.bundle\/[ip]\d+\.[0-9a-f]{10}\.json: no such file/)
    const ran = await cli(['run', 'runbooks.bundle.json', '--runbook', 'printer-offline', '--script', '-'], dir)
    expect(ran.code).toBe(2)
    expect(ran.stderr).toMatch(/cannot read runbooks\.bundle\/p\d+\.[0-9a-f]{10}\.json: no such file/)
  })

  it('run walks a runbook of a split bundle', async () => {
    const dir = mkdtempSync(path.join(scratch, 'cli-run-'))
    cpSync(library, path.join(dir, 'runbooks'), {recursive: true})
    await cli(['build', 'runbooks', '-o', 'runbooks.bundle.json', '--split', '--no-cache'], dir)
    writeFileSync(path.join(dir, 'answers.txt'), 'next\n'.repeat(40))
    const result = await cli(['run', 'runbooks.bundle.json', '--runbook', 'printer-offline', '--script', 'answers.txt', '--state', 's.json'], dir)
    expect(result.stdout).toContain('Runbook "')
    expect(result.code, result.stderr).toBeLessThan(2)
    const ambiguous = await cli(['run', 'runbooks.bundle.json', '--script', 'answers.txt'], dir)
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(/holds \d+ runbooks; pick one with --runbook: /)
  })

  it('a rebuild rewrites a part that was cut short, instead of keeping it for its name', async () => {
    const dir = mkdtempSync(path.join(scratch, 'cli-repair-'))
    cpSync(library, path.join(dir, 'runbooks'), {recursive: true})
    const build = () => cli(['build', 'runbooks', '-o', 'runbooks.bundle.json', '--no-cache', '--split'], dir)
    expect((await build()).code).toBe(0)
    const folder = path.join(dir, 'runbooks.bundle')
    const pack = readdirSync(folder).find((name) => name.startsWith('p'))!
    writeFileSync(path.join(folder, pack), '')
    await expect((await readBundle(path.join(dir, 'runbooks.bundle.json'))).load()).rejects.toThrow(pack)
    expect((await build()).code).toBe(0)
    const loaded = await (await readBundle(path.join(dir, 'runbooks.bundle.json'))).load()
    expect(loaded.runbooks).toHaveLength(built.runbooks.length)
  })

  it('keeps the parts out of the runbooks folder when the output is named after it', async () => {
    const dir = mkdtempSync(path.join(scratch, 'cli-same-folder-'))
    cpSync(library, path.join(dir, 'runbooks'), {recursive: true})
    // A file named like a part among the runbooks: the build's cleanup must never reach it.
    writeFileSync(path.join(dir, 'runbooks', 'p0.0123456789.json'), '{}')
    const before = readdirSync(path.join(dir, 'runbooks')).sort()
    for (const flag of ['--split', '--no-split', '--no-split']) {
      expect((await cli(['build', 'runbooks', '-o', 'runbooks.json', '--no-cache', flag], dir)).code).toBe(0)
      expect(readdirSync(path.join(dir, 'runbooks')).sort()).toEqual(before)
    }
    expect((await cli(['build', 'runbooks', '-o', 'runbooks.json', '--no-cache', '--split'], dir)).code).toBe(0)
    expect(readdirSync(path.join(dir, 'runbooks.parts')).length).toBeGreaterThan(0)
    expect((await (await readBundle(path.join(dir, 'runbooks.json'))).load()).runbooks).toHaveLength(built.runbooks.length)
  })

  it('a rebuild removes parts neither it nor the build before names; --no-split removes them all', async () => {
    const dir = mkdtempSync(path.join(scratch, 'cli-stale-'))
    cpSync(library, path.join(dir, 'runbooks'), {recursive: true})
    const folder = path.join(dir, 'runbooks.bundle')
    const build = (...flags: string[]) => cli(['build', 'runbooks', '-o', 'runbooks.bundle.json', '--no-cache', ...flags], dir)
    const names = () => readdirSync(folder).sort()
    const edit = (n: number) => {
      const file = path.join(dir, 'runbooks/troubleshooting/printer-offline.md')
      writeFileSync(file, readFileSync(file, 'utf8') + `\nEdited ${n}.\n`)
    }
    writeFileSync(path.join(dir, 'notes.txt'), '')
    await build('--split')
    const first = names()
    writeFileSync(path.join(folder, 'README.txt'), 'not a part: left alone')
    edit(1)
    await build('--split')
    const second = names()
    // Both builds' parts are there (pages that opened the first still find theirs).
    expect(second).toEqual(expect.arrayContaining(first))
    expect(second.length).toBeGreaterThan(first.length)
    edit(2)
    await build('--split')
    const third = names()
    // The first build's parts that the second changed are gone.
    const gone = first.filter((name) => !third.includes(name))
    expect(gone.length).toBeGreaterThan(0)
    expect(third.length).toBeLessThan(second.length + (third.length - second.length) + gone.length)
    expect(third).toContain('README.txt')
    // The current entry still reads.
    expect((await readBundle(path.join(dir, 'runbooks.bundle.json'))).count).toBe(built.runbooks.length)
    await build('--no-split')
    await build('--no-split')
    expect(readdirSync(folder)).toEqual(['README.txt'])
    expect(JSON.parse(readFileSync(path.join(dir, 'runbooks.bundle.json'), 'utf8'))).toMatchObject({version: 2})
  })
})
