import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {promisify} from 'node:util'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {main} from '@runbook-kit/core/node'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Run the CLI in-process and capture its output. */
async function run(args: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: {write: (chunk: string) => (stdout += chunk)},
    stderr: {write: (chunk: string) => (stderr += chunk)},
    stdin: new PassThrough(),
    cwd,
    env: {}
  })
  return {code, stdout, stderr}
}

function fixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-cli-'))
  mkdirSync(path.join(dir, 'books'))
  writeFileSync(
    path.join(dir, 'books/printer.md'),
    '---\ntitle: Printer\ncategory: troubleshooting\n---\n## Online? {#online}\n\n- Yes: [queue](#queue)\n- No: [the network runbook](network.md)\n\n## Queue {#queue}\n\n```sh\nlpstat -t\n```\n'
  )
  writeFileSync(path.join(dir, 'books/network.md'), '# Network\n\n## Ping\n\nSee [gone](#gone).\n')
  writeFileSync(path.join(dir, 'books/broken.md'), '---\ntitle: [oops\n---\n# B\n\nx\n')
  return dir
}

describe('runbook CLI', () => {
  it('prints help for the program and each command', async () => {
    const dir = fixture()
    const top = await run(['--help'], dir)
    expect(top.code).toBe(0)
    expect(top.stdout).toMatch(/^Usage: runbook <command>/)
    for (const command of ['show', 'lint']) {
      const help = await run([command, '--help'], dir)
      expect(help.code).toBe(0)
      expect(help.stdout).toContain(`Usage: runbook ${command}`)
    }
    expect((await run([], dir)).code).toBe(2)
    const unknown = await run(['frobnicate'], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
  })

  it('show prints an outline, JSON and Mermaid', async () => {
    const dir = fixture()
    const outline = await run(['show', 'books/printer.md'], dir)
    expect(outline.code).toBe(0)
    expect(outline.stdout).toBe(
      ['Printer (troubleshooting, 2 steps)', '  1. Online?  [decision]', '       Yes → 2. Queue  [choice-list]', '       No → runbook network  [choice-list]', '  2. Queue  [end]', ''].join('\n')
    )
    // The linked neighbour is read to resolve the link, so no false dangling-link.
    expect(outline.stderr).toBe('')

    const json = await run(['show', 'books/printer.md', '--json'], dir)
    const parsed = JSON.parse(json.stdout) as {runbook: {id: string; steps: unknown[]}; diagnostics: unknown[]}
    expect(parsed.runbook.id).toBe('printer')
    expect(parsed.runbook.steps).toHaveLength(2)
    expect(parsed.diagnostics).toEqual([])

    const mermaid = await run(['show', 'books/printer.md', '--format', 'mermaid'], dir)
    expect(mermaid.stdout.split('\n')[0]).toBe('flowchart TD')
    expect(mermaid.stdout).toContain('s0 -->|"Yes"| s1')
  })

  it('show reports usage errors and missing files clearly', async () => {
    const dir = fixture()
    const bad = await run(['show', 'books/printer.md', '--format', 'pdf'], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown format "pdf"')
    const flag = await run(['show', '--nope', 'x.md'], dir)
    expect(flag.code).toBe(2)
    const missing = await run(['show', 'books/none.md'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/No such file or folder: books\/none\.md \[invalid-input\]/)
  })

  it('lint prints file:line:col severity message [rule] and exits 1 on errors', async () => {
    const dir = fixture()
    const result = await run(['lint', 'books'], dir)
    expect(result.code).toBe(1)
    expect(result.stdout.trim().split('\n')).toEqual([
      'books/broken.md:2:13 error Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [invalid-frontmatter]',
      'books/network.md:5:5 warning Link target "#gone" is not a step or heading [dangling-link]'
    ])
    expect(result.stderr).toBe('1 error, 1 warning in 3 files\n')

    const quiet = await run(['lint', 'books', '--quiet'], dir)
    expect(quiet.stdout.trim().split('\n')).toHaveLength(1)
    const json = JSON.parse((await run(['lint', 'books/network.md', '--format', 'json'], dir)).stdout) as {errors: number; warnings: number}
    expect(json).toMatchObject({files: 1, errors: 0, warnings: 1})
    expect((await run(['lint', 'books/network.md'], dir)).code).toBe(0)
    expect((await run(['lint', 'books/network.md', '--max-warnings', '0'], dir)).code).toBe(1)
  })

  it('runs as the installed `runbook` binary', async () => {
    const bin = path.join(root, 'packages/core/bin/runbook.js')
    if (!existsSync(path.join(root, 'packages/core/dist/node/cli.js'))) {
      throw new Error('packages/core/dist is missing: run `npm run build` (npm test does) before the tests')
    }
    const {stdout} = await promisify(execFile)(process.execPath, [bin, 'show', 'books/printer.md'], {cwd: fixture()})
    expect(stdout).toContain('Printer (troubleshooting, 2 steps)')
  })
})
