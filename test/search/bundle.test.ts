import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {createBundle, loadBundle, openBundle, search, type BundledRunbook, type Runbook, type RunbookBundle} from '@runbook-kit/core'
import {buildBundle, main, type CliIo} from '@runbook-kit/core/node'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const library = path.join(root, 'runbooks')
const scratch = mkdtempSync(path.join(tmpdir(), 'runbook-kit-bundle-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

const queries = ['printer offline', 'vpn', 'dns not resolving', 'restore', 'new hire laptop', 'spooler', 'mfa reset',
  'slow', 'outlook', 'phishing', 'nslookup', 'Get-Service', 'Get-PrintJob', 'wifi', 'backup', 'pass', 'windwos']

function io(cwd = root) {
  const out: string[] = []
  const err: string[] = []
  const value: CliIo = {
    stdout: {write: (chunk: string) => out.push(chunk)},
    stderr: {write: (chunk: string) => err.push(chunk)},
    stdin: process.stdin,
    cwd,
    env: {}
  }
  return {io: value, out: () => out.join(''), err: () => err.join('')}
}

describe('bundle of runbooks/', async () => {
  const built = await buildBundle(library, {cache: false})
  const text = JSON.stringify(built.bundle)

  it('has every runbook of the library and its index', () => {
    expect(built.bundle.format).toBe('runbook-kit/bundle')
    expect(built.bundle.version).toBe(2)
    expect(built.runbooks.length).toBeGreaterThanOrEqual(10)
    expect(built.bundle.runbooks.map((r) => r.id)).toEqual(built.runbooks.map((r) => r.id))
    expect(built.files.every((file) => file.endsWith('.md'))).toBe(true)
  })

  it('leaves out positions and default mdast fields', () => {
    expect(text).not.toContain('"position"')
    expect(text).not.toContain('\\"position\\"')
    expect(text).not.toContain('\\"spread\\":false')
    expect(text).not.toContain(':null')
    // …but keeps what renderers need.
    expect(text).toContain('\\"type\\":\\"root\\"')
  })

  it('stores each runbook as its summary plus the rest as JSON text', () => {
    const entry = built.bundle.runbooks[0] as BundledRunbook
    const runbook = built.runbooks[0]!
    expect(Object.keys(entry)).toEqual(['id', 'title', ...(runbook.description === undefined ? [] : ['description']), 'hash', 'meta', 'body'])
    expect(entry).toMatchObject({id: runbook.id, title: runbook.title, hash: runbook.hash, meta: runbook.meta})
    const body = JSON.parse(entry.body) as Record<string, unknown>
    for (const key of ['id', 'title', 'description', 'hash', 'meta']) expect(body, key).not.toHaveProperty(key)
    expect(body.start).toBe(runbook.start)
    expect((body.steps as unknown[]).length).toBe(runbook.steps.length)
  })

  it('loads with loadBundle and answers searches identically to the in-memory index', () => {
    const loaded = loadBundle(text)
    expect(loaded.runbooks).toHaveLength(built.runbooks.length)
    for (const query of queries) {
      const expected = search(built.index, query, {perRunbook: 2})
      expect(expected.length, query).toBeGreaterThan(0)
      expect(search(loaded.index, query, {perRunbook: 2}), query).toEqual(expected)
    }
    // Parsed JSON works as well as text.
    expect(search(loadBundle(JSON.parse(text)).index, 'vpn')).toEqual(search(built.index, 'vpn'))
  })

  it('createBundle gives the same bundle as buildBundle', () => {
    expect(JSON.stringify(createBundle(built.runbooks))).toBe(text)
    expect(() => createBundle('x' as never)).toThrow(/runbook-kit: createBundle expects an array/)
  })
})

describe('loadBundle refuses what is not a bundle, naming the problem', async () => {
  const {bundle} = await buildBundle(library, {cache: false})
  const variant = (change: (b: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(bundle)) as Record<string, unknown>
    change(copy)
    return copy
  }
  const runbooksOf = (b: Record<string, unknown>) => b.runbooks as Array<Record<string, unknown>>
  const editBody = (entry: Record<string, unknown>, change: (body: Record<string, unknown>) => void) => {
    const body = JSON.parse(entry.body as string) as Record<string, unknown>
    change(body)
    entry.body = JSON.stringify(body)
  }

  it.each([
    ['{not json', /runbook-kit: bundle is not valid JSON/],
    [[], /runbook-kit: bundle must be an object, not an array/],
    [null, /runbook-kit: bundle must be an object, not null/],
    [variant((b) => (b.format = 'other/thing')), /bundle\.format must be "runbook-kit\/bundle", not "other\/thing"/],
    [variant((b) => delete b.format), /bundle\.format must be "runbook-kit\/bundle", not undefined/],
    [variant((b) => (b.version = 3)), /bundle version 3 is newer than this library reads \(2\)/],
    [variant((b) => (b.version = '1')), /bundle\.version must be an integer, not "1"/],
    [variant((b) => (b.runbooks = {})), /bundle\.runbooks must be an array, not an object/],
    [variant((b) => (runbooksOf(b)[2]!.id = 7)), /bundle\.runbooks\[2\]\.id must be a string, not 7/],
    [variant((b) => editBody(runbooksOf(b)[0]!, (body) => delete (body.steps as Array<Record<string, unknown>>)[1]!.content)), /bundle\.runbooks\[0\]\.steps\[1\]\.content must be an mdast root/],
    [variant((b) => editBody(runbooksOf(b)[1]!, (body) => delete body.start)), /bundle\.runbooks\[1\]\.start must be a string, not undefined/],
    [variant((b) => (runbooksOf(b)[3]!.body = {steps: []})), /bundle\.runbooks\[3\]\.body must be a string of JSON, not an object/],
    [variant((b) => (runbooksOf(b)[0]!.body = '{"steps": [')), /bundle\.runbooks\[0\]\.body is not valid JSON/],
    [variant((b) => (runbooksOf(b)[0]!.body = '[1, 2]')), /bundle\.runbooks\[0\]\.body must hold an object, not an array/],
    [variant((b) => ((runbooksOf(b)[4]!.meta as Record<string, unknown>).audience = 'all')), /bundle\.runbooks\[4\]\.meta\.audience must be an array, not "all"/],
    [variant((b) => (runbooksOf(b)[1]!.meta = null)), /bundle\.runbooks\[1\]\.meta must be an object, not null/],
    [variant((b) => delete b.index), /bundle\.index must be an object, not undefined/],
    [variant((b) => ((b.index as Record<string, unknown>).version = 9)), /bundle\.index version 9 is not supported/],
    [variant((b) => (b.runbooks = runbooksOf(b).slice(1))), /bundle\.index does not fit bundle\.runbooks/]
  ])('%#', (input, message) => {
    expect(() => loadBundle(typeof input === 'string' ? input : (input as unknown as RunbookBundle))).toThrow(message)
    expect(() => loadBundle(input)).toThrow(TypeError)
  })
})

describe('openBundle reads only what is asked for', async () => {
  const built = await buildBundle(library, {cache: false})
  const text = JSON.stringify(built.bundle)

  it('gives every summary at once, and a runbook equal to the loaded one on request', () => {
    const opened = openBundle(text)
    expect(opened.version).toBe(2)
    expect(opened.summaries.map((s) => s.id)).toEqual(built.runbooks.map((r) => r.id))
    const id = built.runbooks[3]!.id
    const runbook = opened.runbook(id)
    expect(runbook).toEqual(loadBundle(text).runbooks[3])
    expect(opened.runbook(id)).toBe(runbook) // read once
    expect(opened.runbook('no-such-runbook')).toBeUndefined()
    expect(opened.load().runbooks[3]).toBe(runbook)
    expect(opened.load()).toBe(opened.load())
  })

  it("an opened bundle's index writes back the postings it was opened from; a loaded one indexes again, to the same", () => {
    const opened = openBundle(JSON.parse(text) as unknown)
    const fromOpened = opened.load().index.toJSON()
    expect(fromOpened).toEqual(built.bundle.index)
    const fromLoaded = loadBundle(text).index.toJSON()
    expect(fromLoaded).toEqual(built.bundle.index)
    expect(fromLoaded).not.toBe(fromOpened)
    for (const query of queries) expect(search(opened.load().index, query)).toEqual(search(loadBundle(text).index, query))
  })

  it('reports a malformed runbook only when that runbook (or the index) is needed', () => {
    const bundle = JSON.parse(text) as {runbooks: BundledRunbook[]; index: unknown}
    bundle.runbooks[1]!.body = '{"steps": "nope"}'
    bundle.index = {broken: true}
    const opened = openBundle(bundle)
    expect(opened.runbook(built.runbooks[0]!.id)?.steps.length).toBe(built.runbooks[0]!.steps.length)
    expect(() => opened.runbook(built.runbooks[1]!.id)).toThrow(/bundle\.runbooks\[1\]\.start must be a string/)
    expect(() => opened.load()).toThrow(TypeError)
  })

  it('still reads version 1 bundles (whole runbooks inline)', () => {
    const loaded = loadBundle(text)
    const v1 = JSON.parse(JSON.stringify({...built.bundle, version: 1, runbooks: loaded.runbooks})) as RunbookBundle
    const again = loadBundle(v1)
    expect(again.version).toBe(1)
    expect(again.runbooks).toEqual(loaded.runbooks)
    expect(search(again.index, 'vpn')).toEqual(search(built.index, 'vpn'))
    expect(openBundle(v1).runbook(loaded.runbooks[2]!.id)).toEqual(loaded.runbooks[2])
    const broken = JSON.parse(JSON.stringify(v1)) as {runbooks: Array<Partial<Runbook>>}
    delete broken.runbooks[0]!.steps
    expect(() => loadBundle(broken)).toThrow(/bundle\.runbooks\[0\]\.steps must be an array/)
  })
})

describe('buildBundle cache', () => {
  it('skips parsing unchanged files and re-parses changed ones', async () => {
    const dir = path.join(scratch, 'library')
    const cache = path.join(scratch, 'cache')
    cpSync(library, dir, {recursive: true})
    const first = await buildBundle(dir, {cache})
    expect(first.cached).toBe(0)
    const second = await buildBundle(dir, {cache})
    expect(second.cached).toBe(first.files.length)
    expect(JSON.stringify(second.bundle)).toBe(JSON.stringify(first.bundle))

    const changed = path.resolve(root, first.runbooks[0]!.file!)
    const original = readFileSync(changed, 'utf8')
    writeFileSync(changed, `${original}\n\nZebra crossing checkpoint: look both ways.\n`)
    const third = await buildBundle(dir, {cache})
    expect(third.cached).toBe(first.files.length - 1)
    expect(search(third.index, 'zebra')[0]?.runbookId).toBe(first.runbooks[0]!.id)
  })

  it('reports progress and a missing folder as a diagnostic', async () => {
    const seen: string[] = []
    const result = await buildBundle(library, {cache: false, onProgress: (p) => seen.push(p.phase)})
    expect(seen).toContain('parse')
    expect(seen).toContain('index')
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(0)
    const missing = await buildBundle(path.join(scratch, 'nope'), {cache: false})
    expect(missing.runbooks).toEqual([])
    expect(missing.diagnostics[0]).toMatchObject({ruleId: 'invalid-input', severity: 'error'})
    await expect(buildBundle('' as string)).rejects.toThrow(TypeError)
  })
})

describe('runbook build and runbook search', () => {
  const out = path.join(scratch, 'bundle.json')

  it('build writes a bundle that loads, with a summary on stderr', async () => {
    const run = io()
    const code = await main(['build', 'runbooks', '-o', out, '--cache', path.join(scratch, 'cli-cache')], run.io)
    const summary = run.err()
    expect(summary).toMatch(/\d+ runbooks, \d+ steps → .*bundle\.json/)
    expect(summary).toMatch(/\d+ errors?, \d+ warnings?/)
    expect(code).toBe(/ 0 errors/.test(summary) ? 0 : 1)
    expect(loadBundle(readFileSync(out, 'utf8')).runbooks.length).toBeGreaterThanOrEqual(10)
  })

  it('build exits 1 when runbooks have errors and 2 on usage errors', async () => {
    const dir = path.join(scratch, 'broken')
    cpSync(path.join(library, 'troubleshooting'), dir, {recursive: true})
    writeFileSync(path.join(dir, 'dup.md'), '# Dup\n\n## A {#a}\n\nx\n\n## B {#a}\n\ny\n')
    const run = io()
    expect(await main(['build', dir, '-o', path.join(scratch, 'broken.json'), '--no-cache'], run.io)).toBe(1)
    expect(run.err()).toMatch(/error .*\[duplicate-step-id\]/)
    expect(await main(['build', dir], io().io)).toBe(2)
    expect(await main(['build'], io().io)).toBe(2)
  })

  it('search prints runbook › step, score and snippet', async () => {
    const run = io()
    expect(await main(['search', out, 'restart the spooler', '--limit', '2'], run.io)).toBe(0)
    const lines = run.out().split('\n')
    expect(lines[0]).toMatch(/^.+ › .+ {2}\(\d+\.\d\d, [\w-]+#[\w-]+\)$/)
    expect(lines[1]).toMatch(/^ {4}\S/)
    expect(run.out().match(/ › /g)?.length).toBeLessThanOrEqual(2)
  })

  it('search --json prints results, and reads a folder too', async () => {
    const run = io()
    expect(await main(['search', 'runbooks', 'vpn', '--json'], run.io)).toBe(0)
    const results = JSON.parse(run.out()) as Array<{runbookId: string; snippet: {highlights: unknown[]}}>
    expect(results.length).toBeGreaterThan(0)
    expect(results[0]!.snippet.highlights.length).toBeGreaterThan(0)
  })

  it('search exits 1 on no match and 2 on usage errors', async () => {
    expect(await main(['search', out, 'qwxzv'], io().io)).toBe(1)
    expect(await main(['search', out], io().io)).toBe(2)
    expect(await main(['search', path.join(scratch, 'missing.json'), 'x'], io().io)).toBe(2)
    expect(await main(['search', out, 'x', '--limit', 'zero'], io().io)).toBe(2)
  })
})
