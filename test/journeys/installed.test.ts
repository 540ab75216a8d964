/**
 * Journeys from the packed packages: both tarballs installed into a fresh
 * project (see `./pack.ts`), then used as a new user would: a Node ESM
 * script, a strict TypeScript file, and the installed `runbook` CLI.
 */
import {existsSync} from 'node:fs'
import {cp, mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type InstalledProject, packAndInstall, root} from './pack.js'

let project: InstalledProject

beforeAll(async () => {
  project = await packAndInstall()
  await cp(path.join(root, 'runbooks'), path.join(project.dir, 'runbooks'), {recursive: true})
}, 180_000)

afterAll(async () => {
  await project?.cleanup()
})

describe('a Node ESM script', () => {
  it('parses, collects, indexes, searches, walks a session with complete(choice) and renders a timeline', async () => {
    const script = `
import {readFileSync} from 'node:fs'
import {parseRunbook, createCollection, buildIndex, search, createSession, renderTimeline, timelineToJSON} from '@runbook-kit/core'
import {loadRunbooks} from '@runbook-kit/core/node'

const file = 'runbooks/troubleshooting/printer-offline.md'
const parsed = parseRunbook(readFileSync(file, 'utf8'), {file})
const loaded = await loadRunbooks('runbooks')
const collection = createCollection(loaded.runbooks)
const index = buildIndex(collection.runbooks)
const results = search(index, 'printer offline')
let clock = Date.UTC(2026, 0, 1)
const session = createSession(collection.get('printer-offline'), {now: () => clock, info: {who: 'ana'}})
const walked = [session.current.id]
while (session.status === 'active') {
  clock += 60_000
  const choices = session.choices()
  session.complete(choices.length > 0 ? choices[choices.length - 1] : undefined)
  if (session.status === 'active') walked.push(session.current.id)
}
console.log(JSON.stringify({
  title: parsed.runbook.title,
  steps: parsed.runbook.steps.length,
  runbooks: collection.runbooks.length,
  errors: loaded.diagnostics.filter((d) => d.severity === 'error').length,
  top: results[0] && results[0].runbookId,
  walked,
  status: session.status,
  timeline: renderTimeline(session).split('\\n')[0],
  entries: timelineToJSON(session).steps.length
}))
`
    await writeFile(path.join(project.dir, 'journey.mjs'), script)
    const result = await project.run(process.execPath, ['journey.mjs'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const out = JSON.parse(result.stdout) as Record<string, unknown>
    expect(out).toMatchObject({
      title: 'Printer offline or not printing',
      steps: 10,
      errors: 0,
      top: 'printer-offline',
      status: 'finished',
      timeline: '## Incident timeline: Printer offline or not printing'
    })
    expect(out.runbooks).toBeGreaterThan(10)
    expect((out.walked as string[])[0]).toBe('scope')
    expect(out.entries).toBe((out.walked as string[]).length)
  })
})

describe('a strict TypeScript project (skipLibCheck: false)', () => {
  const source = `
import {createSession, parseRunbook, type Choice, type Runbook, type SearchResult, type Session} from '@runbook-kit/core'
import {loadRunbooks, type LoadResult} from '@runbook-kit/core/node'
import {RunbookKit, RunbookSearch, RunbookWalkthrough, defaultStrings, type RunbookEventMap, type RunbookSelectDetail, type Strings} from '@runbook-kit/widget'

const {runbook}: {runbook: Runbook} = parseRunbook('# A\\n\\n## One\\n\\nx\\n')
const session: Session = createSession(runbook)
const first: Choice | undefined = session.choices()[0]
session.complete(first)
const results: SearchResult[] = []
export const loaded: Promise<LoadResult> = loadRunbooks('runbooks')

const kit: RunbookKit = document.createElement('runbook-kit')
kit.src = '/runbooks.bundle.json'
kit.runbookId = 'printer-offline'
const search: HTMLElementTagNameMap['runbook-search'] = document.createElement('runbook-search')
const walkthrough: RunbookWalkthrough = document.createElement('runbook-walkthrough')
kit.addEventListener('runbook-select', (event) => {
  const detail: RunbookSelectDetail = event.detail
  if (detail.runbookId === 'x') event.preventDefault()
})
document.addEventListener('runbook-complete', (event) => console.log(event.detail.timeline, event.detail.durationMs))
document.addEventListener('runbook-step-change', (event) => console.log(event.detail.cause, event.detail.percent))
document.addEventListener('runbook-escalate', (event) => console.log(event.detail.target.type))
const names: Array<keyof RunbookEventMap> = ['runbook-select', 'runbook-step-change', 'runbook-complete', 'runbook-escalate']
const strings: Partial<Strings> = {...defaultStrings}
// @ts-expect-error: the detail of runbook-select has no durationMs
kit.addEventListener('runbook-select', (event) => event.detail.durationMs)
export {results, search, walkthrough, names, strings, RunbookSearch}
`
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc')

  it.each([
    ['node16', {module: 'node16', moduleResolution: 'node16'}],
    ['bundler', {module: 'esnext', moduleResolution: 'bundler'}]
  ])('compiles under moduleResolution %s', async (name, resolution) => {
    const dir = path.join(project.dir, `ts-${name}`)
    await mkdir(dir, {recursive: true})
    await writeFile(path.join(dir, 'main.ts'), source)
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({type: 'module'}))
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          target: 'es2022',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: [],
          strict: true,
          skipLibCheck: false,
          noEmit: true
        },
        files: ['main.ts']
      })
    )
    const result = await project.run(process.execPath, [tsc, '-p', 'tsconfig.json'], {cwd: dir})
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })
})

describe('the installed runbook CLI', () => {
  const bin = () => path.join(project.dir, 'node_modules/.bin/runbook')
  const runbook = (...args: string[]) => project.run(bin(), args, {env: {RUNBOOK_KIT_CLOCK: 'fixed'}})

  it('builds into a folder that does not exist, lints, searches, runs the bundle, resumes and writes a timeline', async () => {
    const built = await runbook('build', 'runbooks', '-o', 'public/data/runbooks.bundle.json', '--no-cache')
    expect(built.stderr).toMatch(/runbooks?, \d+ steps → public\/data\/runbooks\.bundle\.json .*; 0 errors/)
    expect(built.code).toBe(0)
    const bundle = JSON.parse(await readFile(path.join(project.dir, 'public/data/runbooks.bundle.json'), 'utf8')) as {version: number}
    expect(bundle.version).toBe(2)

    const lint = await runbook('lint', 'runbooks')
    expect(lint.code).toBe(0)
    expect(lint.stderr).toMatch(/^0 errors, \d+ warnings? in \d+ files\n$/)

    const found = await runbook('search', 'public/data/runbooks.bundle.json', 'printer', 'offline')
    expect(found.code).toBe(0)
    expect(found.stdout.split('\n')[0]).toContain('printer-offline')
    const nothing = await runbook('search', 'public/data/runbooks.bundle.json', 'zzyzx')
    expect(nothing.code).toBe(1)

    // First answer only: the script ends early, the session is saved (exit 1); --resume finishes it.
    await writeFile(path.join(project.dir, 'first.txt'), '1\n')
    const started = await runbook('run', 'public/data/runbooks.bundle.json', '--runbook', 'printer-offline', '--script', 'first.txt', '--state', 'session.json')
    expect(started.stderr).toBe('')
    expect(started.stdout).toContain('Runbook "Printer offline or not printing"')
    expect(started.code).toBe(1)
    expect(started.stdout).toContain('The script ended before the runbook did.')

    await writeFile(path.join(project.dir, 'rest.txt'), 'finish\n')
    const resumed = await runbook(
      'run', 'public/data/runbooks.bundle.json', '--runbook', 'printer-offline',
      '--resume', 'session.json', '--script', 'rest.txt', '--timeline', 'timeline.md'
    )
    expect(resumed.stderr).toBe('')
    expect(resumed.stdout).toContain('Resuming "Printer offline or not printing" at Check the printer\'s display.')
    expect(resumed.code).toBe(0)
    const timeline = await readFile(path.join(project.dir, 'timeline.md'), 'utf8')
    expect(timeline).toMatch(/^## Incident timeline: Printer offline or not printing\n/)
    expect(timeline).toContain('Check the printer')
  })

  it('exits 2 on a malformed bundle, with the file named', async () => {
    await writeFile(path.join(project.dir, 'broken.json'), '{"format": "runbook-kit/bundle", "version": 2}')
    const result = await runbook('search', 'broken.json', 'printer')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('broken.json: bundle.runbooks must be an array')
  })
})

describe('the tarballs', () => {
  it('ship a LICENSE, a self-contained README, package metadata and nothing unused', async () => {
    for (const name of ['@runbook-kit/core', '@runbook-kit/widget']) {
      const {files} = project.tarballs[name]!
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']))
      const installed = path.join(project.dir, 'node_modules', name)
      expect(await readFile(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Runbook Kit contributors\n/)
      expect(await readFile(path.join(installed, 'README.md'), 'utf8')).not.toMatch(/\]\((?!https?:|#|\.\/LICENSE)[^)]*\)/)
      const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>
      expect(manifest).toMatchObject({
        license: 'MIT',
        repository: {type: 'git', url: 'git+https://github.com/runbook-kit/runbook-kit.git', directory: name.replace('@runbook-kit/', 'packages/')},
        bugs: {url: 'https://github.com/runbook-kit/runbook-kit/issues'}
      })
      expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/runbook-kit\/runbook-kit\//)
      expect((manifest.keywords as string[]).length).toBeGreaterThan(3)
      // Only the chunks of one build, and only declarations an entry reaches.
      expect(files.filter((file) => /^dist\/chunks\//.test(file)).map((file) => file.replace(/-[\w-]{8}\.js$/, ''))).toEqual(
        [...new Set(files.filter((file) => /^dist\/chunks\//.test(file)).map((file) => file.replace(/-[\w-]{8}\.js$/, '')))]
      )
      expect(files.filter((file) => /\.map$|\.tsbuildinfo$|(^|\/)test\//.test(file))).toEqual([])
    }
    const widget = project.tarballs['@runbook-kit/widget']!.files
    expect(widget.filter((file) => file.startsWith('dist/types/core/'))).toEqual([])
    expect(project.tarballs['@runbook-kit/core']!.files.filter((file) => /dist\/node\/commands\/|run-terminal|misuse/.test(file))).toEqual([])
  })

  it("the widget's bundler entry imports @runbook-kit/core instead of a copy; the one-file builds keep it inside", async () => {
    const dist = path.join(project.dir, 'node_modules/@runbook-kit/widget/dist')
    const entry = await readFile(path.join(dist, 'index.js'), 'utf8')
    expect(entry).toMatch(/from ['"]@runbook-kit\/core['"]/)
    // One core in the app: the widget's dependency is the core installed beside it.
    expect(existsSync(path.join(project.dir, 'node_modules/@runbook-kit/widget/node_modules/@runbook-kit/core'))).toBe(false)
    expect(entry).not.toMatch(/lunr\.(?:Index|Pipeline) = function/)
    expect(entry).not.toMatch(/function (?:createSession|openBundle|search)\(/)
    for (const name of ['runbook-kit.js', 'runbook-kit.iife.js']) {
      const code = await readFile(path.join(dist, name), 'utf8')
      expect(code.match(/\bfrom\s*["']@runbook-kit\/core["']/)?.[0]).toBeUndefined()
      expect(code).toContain('bundle.runbooks must be an array')
    }
    // The classic script is one file; the module script imports only its own chunks, which the tarball ships beside it.
    expect((await readFile(path.join(dist, 'runbook-kit.iife.js'), 'utf8')).match(/\bimport\s*\(/)?.[0]).toBeUndefined()
    const chunks = [...(await readFile(path.join(dist, 'runbook-kit.js'), 'utf8')).matchAll(/\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g)].map((m) => m[1]!)
    expect(chunks.length).toBeGreaterThan(0)
    for (const chunk of chunks) expect(existsSync(path.join(dist, chunk))).toBe(true)
  })

  it('publint and arethetypeswrong find nothing', async () => {
    for (const dir of ['packages/core', 'packages/widget']) {
      const result = await project.run(process.execPath, [path.join(root, 'node_modules/publint/src/cli.js'), path.join(root, dir), '--strict'])
      expect(result.stdout + result.stderr).toContain('All good!')
      expect(result.code).toBe(0)
    }
    const attw = path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js')
    for (const [name, extra] of [
      ['@runbook-kit/core', []],
      // The classic script has no exports to type: it only defines the elements and window.RunbookKit.
      ['@runbook-kit/widget', ['--exclude-entrypoints', 'runbook-kit.iife.js', 'custom-elements.json']]
    ] as const) {
      const result = await project.run(process.execPath, [attw, project.tarballs[name]!.file, '--profile', 'esm-only', '--format', 'ascii', ...extra])
      expect(result.code, result.stdout).toBe(0)
      // ESM-only: node10 and require() are out of scope; every entry resolves with types under node16 and bundlers.
      const verdicts = result.stdout.split('\n').filter((line) => /^(?:node16 \(from ESM\)|bundler):/.test(line))
      expect(verdicts.length, result.stdout).toBeGreaterThanOrEqual(4)
      expect(verdicts.filter((line) => !line.includes('🟢')), name).toEqual([])
    }
  })
})
