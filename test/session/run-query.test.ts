/**
 * `runbook run --execute` never hands a query (a command with `shell:
 * 'none'`: SQL, PromQL, a Rails console line) to a shell: it shows it to
 * type in its own console.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {main, type CliIo} from '@runbook-kit/core/node'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runbook-kit-query-'))
})
afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

test('a SQL command is shown, not run, even with --execute', async () => {
  const runbookFile = path.join(dir, 'orders.md')
  await writeFile(runbookFile, '# Orders\n\n## Step 1: Count {#count}\n\n```sql\nSELECT count(*) FROM orders;\n```\n\n## Step 2: Done {#done}\n\nEnd of runbook.\n')
  const answers = path.join(dir, 'answers.txt')
  await writeFile(answers, 'run 1\nquit\n')
  let stdout = ''
  const stdin = new PassThrough()
  stdin.end()
  const io: CliIo = {
    stdout: {write: (chunk: string) => (stdout += chunk), isTTY: false},
    stderr: {write: () => true, isTTY: false},
    stdin: stdin as unknown as CliIo['stdin'],
    cwd: dir,
    env: {PATH: process.env.PATH, RUNBOOK_KIT_CLOCK: 'fixed'}
  }
  const code = await main(['run', runbookFile, '--execute', '--script', answers, '--state', path.join(dir, 'state.json')], io)
  expect(code).toBe(0)
  expect(stdout).toContain('Not run: this is a sql command; type it in its own console:\n  SELECT count(*) FROM orders;')
  expect(stdout).not.toContain('(exit')
})
