/**
 * `runbook run` without a terminal: the clear refusal, the scripted mode,
 * resuming, bundles, confirmations. In-process through `main`, with the
 * fixed clock so timelines are exact.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {main, type CliIo} from '@runbook-kit/core/node'
import {healthCheckFile, parseFile, root} from './helpers.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runbook-kit-run-'))
})
afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

const fixture = path.join(root, healthCheckFile)

/** Run the CLI in-process; `stdin` lines are written and the stream ended (or left open when `open`). */
async function run(args: string[], options: {stdin?: string[]; open?: boolean; env?: Record<string, string>} = {}) {
  let stdout = ''
  let stderr = ''
  const stdin = new PassThrough() as unknown as CliIo['stdin']
  const io: CliIo = {
    stdout: {write: (chunk: string) => (stdout += chunk), isTTY: false},
    stderr: {write: (chunk: string) => (stderr += chunk), isTTY: false},
    stdin,
    cwd: dir,
    env: {PATH: process.env.PATH, RUNBOOK_KIT_CLOCK: 'fixed', ...options.env}
  }
  if (options.stdin) for (const line of options.stdin) (stdin as unknown as PassThrough).write(line + '\n')
  if (!options.open) (stdin as unknown as PassThrough).end()
  const code = await main(['run', ...args], io)
  return {code, stdout, stderr}
}

async function script(name: string, lines: string[]) {
  const file = path.join(dir, name)
  await writeFile(file, lines.join('\n') + '\n')
  return file
}

describe('runbook run without a terminal', () => {
  test('refuses at once with a clear message instead of waiting on stdin', async () => {
    const result = await run([fixture], {open: true})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('stdin is not a terminal')
    expect(result.stderr).toContain('--script <file>')
    expect(result.stdout).toBe('')
  })

  test('a script walks the branch to the end, runs the confirmed command and writes the timeline', async () => {
    const answers = await script('walk.txt', ['# tick, run, take the failing branch', 'check 1', 'run 1', 'y', '2', 'note restarted by hand', 'run', 'n', 'next', 'next'])
    const result = await run([fixture, '--execute', '--script', answers, '--who', 'tester', '--timeline', 'walk.md', '--state', 'walk.json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('ok web\n(exit 0')
    expect(result.stdout).toContain('Not run.')
    expect(result.stdout).toContain('Session finished (100%) after 3 step(s).')
    expect(await readFile(path.join(dir, 'walk.md'), 'utf8')).toBe(`## Incident timeline: Service health check

| | |
| --- | --- |
| Runbook | Service health check (\`health-check\`) |
| Severity | sev3 |
| Who | tester |
| Start | 2026-01-01T00:00:00Z |
| End | 2026-01-01T00:00:07Z |
| Duration | 7s |
| Status | finished, 100% |

### Steps

1. 00:00:00Z **Step 1: Check the service** (3s), chose: It is failing
   - 00:00:01Z checked: Dashboard opened
   - 00:00:02Z ran \`echo ok web\`: exit 0
2. 00:00:03Z **Step 2: Restart the service** (3s)
   - 00:00:04Z note: restarted by hand
3. 00:00:06Z **Step 3: Close the incident** (1s)
`)
    const state = JSON.parse(await readFile(path.join(dir, 'walk.json'), 'utf8'))
    expect(state).toMatchObject({format: 'runbook-kit/session', version: 1, status: 'finished', path: ['check', 'restart', 'close']})
  })

  test('answers can come from stdin with --script -', async () => {
    const result = await run([fixture, '--script', '-', '--state', 'stdin.json'], {stdin: ['1', 'finish']})
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('→ It is healthy')
    expect(result.stdout).toContain('Session finished (100%)')
  })

  test('a script that ends early saves the session, and --resume continues it', async () => {
    const first = await script('first.txt', ['check 2', '1'])
    const stopped = await run([fixture, '--script', first, '--state', 'resume.json', '--who', 'tester'])
    expect(stopped.code).toBe(1)
    expect(stopped.stdout).toContain('The script ended before the runbook did.')
    expect(stopped.stdout).toContain('--resume resume.json')
    const saved = JSON.parse(await readFile(path.join(dir, 'resume.json'), 'utf8'))
    expect(saved).toMatchObject({status: 'paused', current: 'close', path: ['check', 'close']})

    const second = await script('second.txt', ['note all good', 'next'])
    const resumed = await run([fixture, '--script', second, '--resume', 'resume.json', '--timeline', 'resume.md'])
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toContain('Resuming "Service health check" at Close the incident.')
    const timeline = await readFile(path.join(dir, 'resume.md'), 'utf8')
    expect(timeline).toContain('1. 00:00:00Z **Step 1: Check the service** (2s), chose: It is healthy\n   - 00:00:01Z checked: Alerts acknowledged\n')
    expect(timeline).toContain(
      '2. 00:00:02Z **Step 3: Close the incident** (3s)\n   - 00:00:03Z paused\n   - 00:00:04Z resumed\n   - 00:00:05Z note: all good\n'
    )
    expect(timeline).toContain('| Who | tester |')
  })

  test('resuming a finished session only writes the timeline', async () => {
    const walk = await script('short.txt', ['1', 'next'])
    await run([fixture, '--script', walk, '--state', 'done.json'])
    const again = await run([fixture, '--script', walk, '--resume', 'done.json', '--timeline', 'done.md'])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('This session is already finished.')
    expect(await readFile(path.join(dir, 'done.md'), 'utf8')).toContain('| Status | finished, 100% |')
  })

  test('without --execute commands are shown, never run', async () => {
    const answers = await script('noexec.txt', ['run 1', 'quit'])
    const result = await run([fixture, '--script', answers, '--state', 'noexec.json'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('(shown only; add --execute to run them)')
    expect(result.stdout).toContain('Not run: commands run only with --execute. To run it yourself:\n  echo ok web')
    expect(result.stdout).not.toContain('(exit')
    expect(result.stdout).toContain('Stopped.')
  })

  test('a destructive command runs only after typing "yes"', async () => {
    const runbookFile = path.join(dir, 'wipe.md')
    await writeFile(
      runbookFile,
      '# Wipe scratch\n\n## Step 1: Wipe {#wipe}\n\n> [!CAUTION]\n> Deletes the scratch folder.\n\n```sh\necho would run rm -rf <folder>\n```\n\n## Step 2: Done {#done}\n\nEnd of runbook.\n'
    )
    const answers = await script('wipe.txt', ['run 1', '/tmp/scratch', 'y', 'run 1', 'yes', 'next', 'next'])
    const result = await run([runbookFile, '--execute', '--script', answers, '--state', 'wipe.json', '--timeline', 'wipe.md'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('destructive: deletes files recursively')
    expect(result.stdout).toContain('Value for folder: /tmp/scratch')
    expect(result.stdout).toContain('This command is destructive (deletes files recursively). Type "yes" to run it: y\nNot run.')
    expect(result.stdout).toContain('would run rm -rf /tmp/scratch\n(exit 0')
    const timeline = await readFile(path.join(dir, 'wipe.md'), 'utf8')
    expect(timeline.match(/ran `/g)).toHaveLength(1)
    expect(timeline).toContain('set `folder` = `/tmp/scratch`')
  })

  test('secret parameters given with --param are used but never saved', async () => {
    const runbookFile = path.join(dir, 'login.md')
    await writeFile(runbookFile, '---\nparams:\n  - name: pin\n    secret: true\n---\n\n# Login\n\n## Step 1: Log in\n\n```sh\necho pin=<pin>\n```\n')
    const answers = await script('login.txt', ['run 1', 'y', 'next'])
    const result = await run([runbookFile, '--execute', '--param', 'pin=7777-secret', '--script', answers, '--state', 'login.json', '--timeline', 'login.md'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('pin=7777-secret\n(exit 0')
    expect(result.stdout).toContain('$ echo pin=<pin:secret>')
    const files = (await readFile(path.join(dir, 'login.json'), 'utf8')) + (await readFile(path.join(dir, 'login.md'), 'utf8'))
    expect(files).not.toContain('7777-secret')
    expect(files).toContain('echo pin=<pin:secret>')
  })

  test('unknown answers and wrong choices are explained, not fatal', async () => {
    const answers = await script('bad.txt', ['dance', '9', 'next', 'goto nowhere', 'back', 'abandon not today'])
    const result = await run([fixture, '--script', answers, '--state', 'bad.json'])
    expect(result.stdout).toContain('Unknown answer "dance"')
    expect(result.stdout).toContain('Pick a choice from 1 to 2.')
    expect(result.stdout).toContain('No step "nowhere".')
    expect(result.stdout).toContain('This is the first step of the path: nothing to go back to.')
    expect(result.code).toBe(1)
    expect(JSON.parse(await readFile(path.join(dir, 'bad.json'), 'utf8')).status).toBe('abandoned')
  })
})

describe('runbook run ways out of a last step', () => {
  test('a loop back, a document to follow and "Otherwise, finish" are named as what they are', async () => {
    const file = path.join(dir, 'drain.md')
    await writeFile(
      file,
      [
        '# Drain the queue',
        '',
        '## Drain {#drain}',
        '',
        'Stop the consumers.',
        '',
        '## Check {#check}',
        '',
        '[Drain the queue](#drain) and repeat until it is empty. If it never empties, follow the steps in [the vendor guide](https://vendor.example/queues).',
        ''
      ].join('\n')
    )
    const answers = await script('drain.txt', ['next', '1', 'next', '3'])
    const result = await run([file, '--script', answers])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('(→ document https://vendor.example/queues)')
    expect(result.stdout).toMatch(/3\. Otherwise, finish \(→ end\)/)
    expect(result.stdout).not.toContain('undefined')
    expect(result.stdout).toContain('Session finished (100%)')
  })
})

describe('runbook run inputs', () => {
  test('a bundle JSON file: pick the runbook with --runbook', async () => {
    const bundle = path.join(dir, 'bundle.json')
    const runbooks = [parseFile(healthCheckFile), parseFile('runbooks/troubleshooting/printer-offline.md')]
    await writeFile(bundle, JSON.stringify({format: 'runbook-kit/bundle', version: 1, runbooks}))
    const answers = await script('bundle.txt', ['2', 'next', 'next'])
    const result = await run([bundle, '--runbook', 'health-check', '--script', answers, '--state', 'bundle-state.json'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Runbook "Service health check" (3 steps)')
    const ambiguous = await run([bundle, '--script', answers])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toContain('holds 2 runbooks; pick one with --runbook: health-check, printer-offline')
    const unknown = await run([bundle, '--runbook', 'nope', '--script', answers])
    expect(unknown.stderr).toContain('no runbook "nope"')
  })

  test('usage errors exit 2 with a message', async () => {
    expect((await run([])).code).toBe(2)
    const noScript = await run([fixture, '--script', 'missing.txt'])
    expect(noScript.code).toBe(2)
    expect(noScript.stderr).toContain('cannot read missing.txt')
    const badParam = await run([fixture, '--param', 'novalue', '--script', '-'])
    expect(badParam.stderr).toContain('--param expects name=value, got "novalue"')
    const badClock = await run([fixture, '--script', '-'], {env: {RUNBOOK_KIT_CLOCK: 'yesterday'}})
    expect(badClock.stderr).toContain('RUNBOOK_KIT_CLOCK must be "fixed" or an ISO date')
    const notJson = path.join(dir, 'empty.json')
    await writeFile(notJson, '{"runbooks": []}')
    const notBundle = await run([notJson, '--script', '-'])
    expect(notBundle.code).toBe(2)
    expect(notBundle.stderr).toContain('empty.json: bundle.format must be "runbook-kit/bundle"')
    await writeFile(notJson, '{"format": "runbook-kit/bundle", "version": 2, "runbooks": []}')
    expect((await run([notJson, '--script', '-'])).stderr).toContain('holds no runbooks')
    const missingFile = await run(['nope.md', '--script', '-'])
    expect(missingFile.code).toBe(2)
    expect(missingFile.stderr).toContain('No such file or folder: nope.md')
  })

  test('--help documents the keys, the script answers and the exit codes', async () => {
    let out = ''
    const code = await main(['run', '--help'], {
      stdout: {write: (c: string) => (out += c)},
      stderr: {write: () => true},
      stdin: new PassThrough() as unknown as CliIo['stdin'],
      cwd: dir,
      env: {}
    })
    expect(code).toBe(0)
    expect(out).toContain('Usage: runbook run <file|folder|bundle.json> [options]')
    expect(out).toContain('destructive ones ask you to type "yes"')
    expect(out).toContain('Exit codes: 0 finished')
  })
})
