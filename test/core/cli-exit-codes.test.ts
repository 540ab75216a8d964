/**
 * The CLI's joins, as a new user meets them: `run` reads the bundle `build`
 * writes, `build -o` makes its folder, `show` reads folders, and one exit-code
 * scheme across commands (0 done, 1 findings, 2 usage or input/output error).
 */
import {mkdtempSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {createBundle, parseRunbook} from '@runbook-kit/core'
import {main} from '@runbook-kit/core/node'

async function run(args: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: {write: (chunk: string) => (stdout += chunk), isTTY: false},
    stderr: {write: (chunk: string) => (stderr += chunk), isTTY: false},
    stdin: new PassThrough(),
    cwd,
    env: {RUNBOOK_KIT_CLOCK: 'fixed'}
  })
  return {code, stdout, stderr}
}

function fixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-cli-codes-'))
  mkdirSync(path.join(dir, 'books'))
  writeFileSync(
    path.join(dir, 'books/disk-full.md'),
    '# Disk full\n\n## Check space {#check}\n\nRun `df -h`.\n\n- Full: [clean up](#clean)\n- Fine: [done](#done)\n\n## Clean up {#clean}\n\nDelete old logs.\n\n## Done {#done}\n\nNothing to do.\n'
  )
  writeFileSync(path.join(dir, 'books/printer.md'), '# Printer\n\n## Look at it\n\nIs it on?\n\n## Restart it\n\nPress the button.\n')
  return dir
}

describe('runbook CLI joins', () => {
  it('run reads the bundle build writes (version 2), through loadBundle', async () => {
    const dir = fixture()
    const built = await run(['build', 'books', '-o', 'bundle.json', '--no-cache'], dir)
    expect(built.code).toBe(0)
    expect(JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'))).toMatchObject({version: 2})
    writeFileSync(path.join(dir, 'answers.txt'), '1\nnext\nnext\n')
    const result = await run(['run', 'bundle.json', '--runbook', 'disk-full', '--script', 'answers.txt', '--state', 's.json'], dir)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('Runbook "Disk full" (3 steps)')
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toContain('Session finished')
  })

  it('run still reads a version 1 bundle', async () => {
    const dir = fixture()
    const runbook = parseRunbook(readFileSync(path.join(dir, 'books/printer.md'), 'utf8'), {file: 'books/printer.md'}).runbook
    writeFileSync(path.join(dir, 'v1.json'), JSON.stringify({format: 'runbook-kit/bundle', version: 1, runbooks: [runbook]}))
    writeFileSync(path.join(dir, 'answers.txt'), 'next\nnext\n')
    const result = await run(['run', 'v1.json', '--script', 'answers.txt', '--state', 's.json'], dir)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Runbook "Printer" (2 steps)')
  })

  it('run on a malformed or newer bundle is an input error (2) naming the problem', async () => {
    const dir = fixture()
    writeFileSync(path.join(dir, 'answers.txt'), 'next\n')
    writeFileSync(path.join(dir, 'newer.json'), JSON.stringify({...createBundle([]), version: 99}))
    const newer = await run(['run', 'newer.json', '--script', 'answers.txt'], dir)
    expect(newer.code).toBe(2)
    expect(newer.stderr).toContain('bundle version 99 is newer than this library reads')
    writeFileSync(path.join(dir, 'broken.json'), '{"format": ')
    const broken = await run(['run', 'broken.json', '--script', 'answers.txt'], dir)
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('broken.json')
    expect(broken.stderr).toContain('not valid JSON')
  })

  it('build -o creates missing folders', async () => {
    const dir = fixture()
    const result = await run(['build', 'books', '-o', 'public/data/runbooks.bundle.json', '--no-cache'], dir)
    expect(result.stderr).not.toContain('ENOENT')
    expect(result.code).toBe(0)
    expect(JSON.parse(readFileSync(path.join(dir, 'public/data/runbooks.bundle.json'), 'utf8'))).toMatchObject({format: 'runbook-kit/bundle'})
  })

  it('build into a place it cannot write is an output error (2), not "runbooks have errors" (1)', async () => {
    const dir = fixture()
    writeFileSync(path.join(dir, 'public'), 'a file, not a folder')
    const result = await run(['build', 'books', '-o', 'public/runbooks.bundle.json', '--no-cache'], dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^runbook build: cannot write public\/runbooks\.bundle\.json: /m)
    const missing = await run(['build', 'nowhere', '-o', 'out.json', '--no-cache'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('No such file or folder: nowhere')
  })

  it('show prints an outline per file of a folder and says what it did', async () => {
    const dir = fixture()
    const result = await run(['show', 'books'], dir)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Disk full (other, 3 steps)')
    expect(result.stdout).toContain('Printer (other, 2 steps)')
    expect(result.stdout.indexOf('Disk full')).toBeLessThan(result.stdout.indexOf('Printer'))
    expect(result.stdout).toContain('books/disk-full.md')
    expect(result.stdout).toContain('books/printer.md')
    expect(result.stderr).toContain('2 runbooks shown from books')
    const json = await run(['show', 'books', '--json'], dir)
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.stdout) as {runbooks: Array<{id: string}>}
    expect(parsed.runbooks.map((r) => r.id)).toEqual(['disk-full', 'printer'])
  })

  it('show on a missing file is an input error (2)', async () => {
    const dir = fixture()
    const missing = await run(['show', 'books/none.md'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('No such file or folder: books/none.md')
  })

  it('search: 0 with results, 1 when nothing is found, 2 on a malformed or missing bundle', async () => {
    const dir = fixture()
    expect((await run(['build', 'books', '-o', 'b.json', '--no-cache'], dir)).code).toBe(0)
    const found = await run(['search', 'b.json', 'disk'], dir)
    expect(found.code).toBe(0)
    expect(found.stdout).toContain('Disk full')
    const nothing = await run(['search', 'b.json', 'zebra'], dir)
    expect(nothing.code).toBe(1)
    expect(nothing.stderr).toBe('no matches\n')
    writeFileSync(path.join(dir, 'bad.json'), '{"format": "something-else"}')
    const bad = await run(['search', 'bad.json', 'disk'], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^runbook search: bad\.json: .*bundle\.format must be "runbook-kit\/bundle"/m)
    const missing = await run(['search', 'nope.json', 'disk'], dir)
    expect(missing.code).toBe(2)
  })

  it('lint: 0 clean, 1 findings, 2 when a path does not exist', async () => {
    const dir = fixture()
    expect((await run(['lint', 'books'], dir)).code).toBe(0)
    writeFileSync(path.join(dir, 'books/broken.md'), '---\ntitle: [oops\n---\n# B\n\nx\n')
    expect((await run(['lint', 'books'], dir)).code).toBe(1)
    const missing = await run(['lint', 'books/none.md'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stdout + missing.stderr).toContain('No such file or folder: books/none.md')
  })

  it('the top-level help states the exit-code scheme', async () => {
    const help = await run(['--help'], fixture())
    expect(help.stdout).toContain('Exit codes: 0 done, 1 findings')
  })
})
