/**
 * `runbook run` in a real pseudo-terminal (node-pty), from the built CLI:
 * arrow keys and letters, a command run after a y/N confirmation, Ctrl-C
 * that saves, --resume that continues, and the timeline at the end.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import pty from 'node-pty'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {healthCheckFile, root} from './helpers.js'

const bin = path.join(root, 'packages/core/bin/runbook.js')
const cli = path.join(root, 'packages/core/dist/node/cli.js')

/** Build the CLI once when dist is missing or older than the sources; returns why not, if it cannot. */
function ensureBuilt(): string | undefined {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir).map((name) => {
      const full = path.join(dir, name)
      const stat = statSync(full)
      return stat.isDirectory() ? newest(full) : stat.mtimeMs
    }))
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(path.join(root, 'packages/core/src'))) return undefined
  try {
    execFileSync('npx', ['rollup', '-c', '--silent'], {cwd: root, stdio: 'pipe', timeout: 180_000})
    return undefined
  } catch (error) {
    return `could not build the CLI (npx rollup -c): ${(error as Error).message.split('\n')[0]}`
  }
}

const notBuilt = ensureBuilt()
if (notBuilt) console.warn(`\n  ⚠ runbook run pty test SKIPPED: ${notBuilt}\n`)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runbook-kit-pty-'))
})
afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

/** Start `runbook run <fixture> …args` in a pty; `until` waits for text printed after the last match. */
function start(args: string[]) {
  const term = pty.spawn(process.execPath, [bin, 'run', path.join(root, healthCheckFile), ...args], {
    name: 'xterm',
    cols: 100,
    rows: 40,
    cwd: dir,
    env: {...process.env, RUNBOOK_KIT_CLOCK: 'fixed', NO_COLOR: '1'}
  })
  let output = ''
  let mark = 0
  const listeners = new Set<() => void>()
  term.onData((data) => {
    output += data
    for (const listener of listeners) listener()
  })
  const exited = new Promise<number>((resolve) => term.onExit(({exitCode}) => resolve(exitCode)))
  return {
    exited,
    output: () => output,
    write: (keys: string) => term.write(keys),
    until(text: string, timeout = 8000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const at = output.indexOf(text, mark)
          if (at < 0) return false
          mark = at + text.length
          listeners.delete(check)
          clearTimeout(timer)
          resolve()
          return true
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          term.kill()
          reject(new Error(`timed out waiting for ${JSON.stringify(text)}; last output:\n${output.slice(-1500)}`))
        }, timeout)
        if (!check()) listeners.add(check)
      })
    }
  }
}

const DOWN = '\x1b[B'
const CTRL_C = '\x03'

describe.skipIf(notBuilt !== undefined)('runbook run in a pseudo-terminal', () => {
  test('walk a branch with --execute, interrupt with Ctrl-C, resume, and get the expected timeline', async () => {
    const first = start(['--execute', '--who', 'tester', '--incident', 'INC-7', '--state', 'state.json', '--timeline', 'timeline.md'])
    await first.until('Step 1: Check the service')
    await first.until('Choose (Up/Down and Enter, or a number):')
    // Tick the first checklist item.
    first.write('c')
    await first.until('Item number (1-2): ')
    first.write('1\r')
    await first.until('[x] Dashboard opened')
    // Run the step's command: shown with its parameter filled in, then confirmed.
    first.write('r')
    await first.until('$ echo ok web')
    await first.until('Run it? [y/N] ')
    first.write('y\r')
    await first.until('ok web')
    await first.until('(exit 0')
    // Arrow down to the second choice and take it.
    first.write(DOWN)
    await first.until('❯ 2. It is failing')
    first.write('\r')
    await first.until('Step 2: Restart the service')
    first.write('n')
    await first.until('Note: ')
    first.write('restarted by hand\r')
    await first.until('Note added.')
    // Ctrl-C saves and stops.
    first.write(CTRL_C)
    expect(await first.exited).toBe(130)
    expect(first.output()).toContain('Interrupted.')
    expect(first.output()).toContain('--resume state.json')
    const saved = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8'))
    expect(saved).toMatchObject({status: 'paused', current: 'restart', path: ['check', 'restart']})

    const second = start(['--execute', '--resume', 'state.json', '--timeline', 'timeline.md'])
    await second.until('Resuming "Service health check" at Restart the service.')
    await second.until('Next: Close the incident (Enter continues)')
    second.write('r')
    await second.until('Run it? [y/N] ')
    second.write('y\r')
    await second.until('restarted web')
    await second.until('(exit 0')
    second.write('\r')
    await second.until('Step 3: Close the incident')
    await second.until('This is an end of the runbook: Enter finishes.')
    second.write('\r')
    expect(await second.exited).toBe(0)
    expect(second.output()).toContain('Session finished (100%) after 3 step(s).')

    expect(await readFile(path.join(dir, 'timeline.md'), 'utf8')).toBe(`## Incident timeline: Service health check

| | |
| --- | --- |
| Runbook | Service health check (\`health-check\`) |
| Severity | sev3 |
| Who | tester |
| Incident | INC-7 |
| Start | 2026-01-01T00:00:00Z |
| End | 2026-01-01T00:00:09Z |
| Duration | 8s |
| Status | finished, 100% |

### Steps

1. 00:00:00Z **Step 1: Check the service** (3s), chose: It is failing
   - 00:00:01Z checked: Dashboard opened
   - 00:00:02Z ran \`echo ok web\`: exit 0
2. 00:00:03Z **Step 2: Restart the service** (4s)
   - 00:00:04Z note: restarted by hand
   - 00:00:05Z paused
   - 00:00:06Z resumed
   - 00:00:07Z ran \`echo restarted web\`: exit 0
3. 00:00:08Z **Step 3: Close the incident** (1s)
`)
  }, 20_000)

  test('Ctrl-C while a command runs stops the command, not the session', async () => {
    const term = start(['--execute', '--state', 'sleep.json', '--param', 'service=$(sleep 30)'])
    await term.until('Choose (Up/Down and Enter, or a number):')
    term.write('r')
    await term.until('Run it? [y/N] ')
    term.write('y\r')
    await new Promise((resolve) => setTimeout(resolve, 300))
    term.write(CTRL_C)
    await term.until('(stopped by SIGINT)')
    term.write('q')
    expect(await term.exited).toBe(0)
    const saved = JSON.parse(await readFile(path.join(dir, 'sleep.json'), 'utf8'))
    expect(saved.events.find((e: {type: string}) => e.type === 'command')).toMatchObject({command: 'echo ok $(sleep 30)', exitCode: null, signal: 'SIGINT'})
  }, 20_000)

  test('a secret parameter is typed without echo and never saved', async () => {
    const term = start(['--state', 'secret.json'])
    await term.until('Choose (Up/Down and Enter, or a number):')
    term.write('p')
    await term.until('Parameter name: ')
    term.write('api_token\r')
    await term.until('Value for api_token: ')
    term.write('hunter22\r')
    await term.until('api_token set (secret: kept in memory only).')
    term.write('q')
    expect(await term.exited).toBe(0)
    expect(term.output()).toContain('Value for api_token: ********')
    expect(term.output()).not.toContain('hunter22')
    const saved = await readFile(path.join(dir, 'secret.json'), 'utf8')
    expect(saved).not.toContain('hunter22')
    expect(JSON.parse(saved)).toMatchObject({status: 'paused', secretParams: ['api_token']})
  }, 20_000)
})
