/**
 * `runbook run`: follow a runbook in a terminal, one step at a time, with
 * its commands (run only with `--execute` and a confirmation each), its
 * checklist, notes and escalations; progress saved after every answer and
 * an incident timeline at the end. Without a terminal it reads answers from
 * a script, never from a stdin nobody writes to.
 *
 * @module
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {destructiveReason} from '../../commands.js'
import {formatDiagnostic} from '../../diagnostics.js'
import {createSession, type Session} from '../../session/session.js'
import {isSecretParam} from '../../session/params.js'
import {restoreSession} from '../../session/restore.js'
import {renderTimeline} from '../../session/timeline.js'
import type {Runbook} from '../../types.js'
import {parseCommandArgs, UsageError} from '../args.js'
import type {CliCommand, CliIo} from '../io.js'
import {loadRunbooks} from '../load.js'
import {writeJsonAtomic} from '../session-file-storage.js'
import {type Input, Interrupted, type Key, keyboardInput, scriptInput, stepText} from './run-terminal.js'


const help = `Usage: runbook run <file|folder|bundle.json> [options]

Walk through a runbook step by step: read each step, run its commands,
tick its checklist, take notes and choose where to go next. Progress is
saved after every answer; Ctrl-C saves and stops, --resume continues.

Options:
  --runbook <id>       which runbook, when the file or bundle holds several
  --param <k=v>        a parameter value (repeatable); secret ones are never saved
  --execute            allow running commands (each one asks y/N first;
                       destructive ones ask you to type "yes")
  --resume <file>      continue the session saved in <file>
  --state <file>       where to save progress (default: the --resume file,
                       else runbook-session-<runbook id>.json)
  --timeline <file>    write the incident timeline when the session ends
                       (Markdown; JSON when <file> ends in .json)
  --script <file|->    read answers from a file (or - for stdin), one per line
  --who <name>         who is following the runbook (default: $USER)
  --severity <s>       the incident's severity (default: the runbook's)
  --incident <ref>     an incident or ticket reference for the timeline
  -h, --help           show this help

Keys (terminal):
  Up/Down, Enter       pick a choice (or a number 1-9); Enter alone continues
  r  run a command     c  tick/untick a checklist item    n  add a note
  p  set a parameter   e  escalate                        b  back
  g  go to a step      f  finish here                     a  abandon
  q  save and quit     ?  help                            Ctrl-C save and stop

Script answers (one per line, # starts a comment):
  1, 2, …              take that choice        (empty), next   continue
  run N                run command N (the next line answers the y/N prompt)
  check N, uncheck N   note TEXT               param NAME=VALUE
  escalate person|team|runbook NAME: REASON
  back, goto STEP-ID, finish, abandon [REASON], quit

Without a terminal, --script is required (stdin is never waited on
otherwise). Exit codes: 0 finished or saved on request, 1 abandoned or the
script ended first, 2 usage error, 130 interrupted (Ctrl-C).

RUNBOOK_KIT_CLOCK=fixed (or an ISO date) makes times deterministic: the
clock starts at 2026-01-01T00:00:00Z and moves 1 s per answer.`

/** The clock of a run: real, or fixed for reproducible timelines. */
interface RunClock {
  now: () => number
  /** Called once per answer. */
  tick: () => void
  /** Move a fixed clock to at least `at` (after resuming). */
  seed: (at: number) => void
  fixed: boolean
}

function makeClock(spec: string | undefined): RunClock {
  if (!spec) return {now: Date.now, tick() {}, seed() {}, fixed: false}
  const base = spec === 'fixed' ? Date.UTC(2026, 0, 1) : Date.parse(spec)
  if (Number.isNaN(base)) throw new UsageError(`RUNBOOK_KIT_CLOCK must be "fixed" or an ISO date, got "${spec}"`)
  let t = base
  return {
    now: () => t,
    tick() {
      t += 1000
    },
    seed(at) {
      t = Math.max(t, at)
    },
    fixed: true
  }
}

/** Read the runbooks of a Markdown file, a folder, or a JSON bundle (`{runbooks: […]}`). */
async function readRunbooks(file: string, io: CliIo): Promise<Runbook[]> {
  if (/\.json$/i.test(file)) {
    let data: unknown
    try {
      data = JSON.parse(await readFile(path.resolve(io.cwd, file), 'utf8'))
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
    }
    const record = (typeof data === 'object' && data !== null ? data : {}) as {runbooks?: unknown; runbook?: unknown; steps?: unknown}
    const list = Array.isArray(record.runbooks) ? record.runbooks : record.runbook ? [record.runbook] : Array.isArray(record.steps) ? [data] : []
    const runbooks = list.filter(
      (r): r is Runbook => typeof r === 'object' && r !== null && Array.isArray((r as Runbook).steps) && (r as Runbook).steps.length > 0
    )
    if (runbooks.length === 0) throw new UsageError(`${file} holds no runbooks (expected {"runbooks": […]})`)
    return runbooks
  }
  const loaded = await loadRunbooks([file], {cwd: io.cwd})
  const fatal = loaded.diagnostics.find((d) => d.ruleId === 'invalid-input')
  if (fatal) throw new UsageError(formatDiagnostic(fatal))
  return loaded.runbooks.filter((r) => r.steps.length > 0)
}

function pickRunbook(runbooks: Runbook[], id: string | undefined, file: string): Runbook {
  if (id !== undefined) {
    const found = runbooks.find((r) => r.id === id)
    if (!found) throw new UsageError(`no runbook "${id}" in ${file}; it has: ${runbooks.map((r) => r.id).join(', ')}`)
    return found
  }
  if (runbooks.length !== 1) {
    throw new UsageError(`${file} holds ${runbooks.length} runbooks; pick one with --runbook: ${runbooks.map((r) => r.id).join(', ')}`)
  }
  return runbooks[0]!
}

/** One answer, from a key or a script line. */
type Action =
  | {type: 'choose'; index: number}
  | {type: 'continue'}
  | {type: 'check' | 'uncheck' | 'toggle'; index?: number | undefined}
  | {type: 'run'; index?: number | undefined}
  | {type: 'note'; text?: string | undefined}
  | {type: 'param'; text?: string | undefined}
  | {type: 'escalate'; text?: string | undefined}
  | {type: 'back' | 'finish' | 'quit' | 'help'}
  | {type: 'goto'; id?: string | undefined}
  | {type: 'abandon'; reason?: string | undefined}
  | {type: 'unknown'; text: string}

/** A script line as an answer. */
function parseAnswer(line: string): Action {
  const text = line.trim()
  const [word = '', ...rest] = text.split(/\s+/)
  const arg = text.slice(word.length).trim()
  const number = /^\d+$/.test(arg) ? Number(arg) - 1 : undefined
  if (/^\d+$/.test(text)) return {type: 'choose', index: Number(text) - 1}
  switch (word.toLowerCase()) {
    case '':
    case 'next':
    case 'continue':
      return {type: 'continue'}
    case 'check':
    case 'uncheck':
      return {type: word.toLowerCase() as 'check' | 'uncheck', index: number}
    case 'run':
      return {type: 'run', index: number}
    case 'note':
      return {type: 'note', text: arg || undefined}
    case 'param':
      return {type: 'param', text: arg || undefined}
    case 'escalate':
      return {type: 'escalate', text: arg || undefined}
    case 'back':
    case 'finish':
    case 'quit':
    case 'help':
      return rest.length === 0 ? {type: word.toLowerCase() as 'back' | 'finish' | 'quit' | 'help'} : {type: 'unknown', text}
    case 'goto':
      return {type: 'goto', id: arg || undefined}
    case 'abandon':
      return {type: 'abandon', reason: arg || undefined}
    default:
      return {type: 'unknown', text}
  }
}

/** A keyboard answer, or undefined for keys that only move the highlight. */
function keyAction(key: Key, choices: number, highlight: number): Action | 'up' | 'down' | undefined {
  if (key.ctrl && key.name === 'c') throw new Interrupted('interrupted')
  if (key.name === 'up') return 'up'
  if (key.name === 'down') return 'down'
  if (key.name === 'return' || key.name === 'enter') return choices > 1 ? {type: 'choose', index: highlight} : {type: 'continue'}
  const s = key.sequence ?? ''
  if (/^[1-9]$/.test(s)) return {type: 'choose', index: Number(s) - 1}
  const letters: Record<string, Action> = {
    r: {type: 'run'},
    c: {type: 'toggle'},
    n: {type: 'note'},
    p: {type: 'param'},
    e: {type: 'escalate'},
    b: {type: 'back'},
    g: {type: 'goto'},
    f: {type: 'finish'},
    a: {type: 'abandon'},
    q: {type: 'quit'},
    '?': {type: 'help'},
    h: {type: 'help'}
  }
  return letters[s]
}

/** The shells the runner starts; a command of any other (`'none'`: SQL, PromQL …) is never run. */
const runnableShells = new Set(['posix', 'powershell', 'cmd'])

/** How a command is started for its shell. */
function shellArgs(shell: string, code: string): [string, string[]] {
  if (shell === 'powershell') return ['pwsh', ['-NoProfile', '-Command', code]]
  if (shell === 'cmd') return ['cmd.exe', ['/d', '/s', '/c', code]]
  return [existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh', ['-c', code]]
}

/** The running walkthrough. */
class Runner {
  readonly session: Session
  readonly input: Input
  readonly io: CliIo
  readonly clock: RunClock
  readonly execute: boolean
  readonly statePath: string
  readonly width: number
  #shown: string | undefined
  #highlight = 0
  #child: ReturnType<typeof spawn> | undefined
  #stopChild: (() => void) | undefined

  constructor(options: {session: Session; input: Input; io: CliIo; clock: RunClock; execute: boolean; statePath: string}) {
    this.session = options.session
    this.input = options.input
    this.io = options.io
    this.clock = options.clock
    this.execute = options.execute
    this.statePath = options.statePath
    this.width = Math.max(40, Math.min(120, (options.io.stdout as {columns?: number}).columns ?? 80))
  }

  print(text = '') {
    this.io.stdout.write(text + '\n')
  }

  async save() {
    await writeJsonAtomic(this.statePath, this.session.toJSON())
  }

  showStep() {
    const s = this.session
    const step = s.current
    const progress = s.progress()
    const rule = '─'.repeat(Math.min(this.width, 72))
    this.print()
    this.print(rule)
    this.print(`${step.number ? `Step ${step.number}: ` : ''}${step.title}  [${step.id}]`)
    this.print(`${progress.percent}% done · ${progress.done} step${progress.done === 1 ? '' : 's'} behind you, at most ${progress.remaining} ahead`)
    this.print(rule)
    const text = stepText(step)
    if (text) this.print(text)
    this.showCommands()
    this.showChecklist()
    this.#shown = `${step.id}:${s.path.length}`
    this.#highlight = 0
  }

  showCommands() {
    const commands = this.session.commands()
    if (commands.length === 0) return
    this.print()
    this.print(`Commands${this.execute ? ' (r to run)' : ' (shown only; add --execute to run them)'}:`)
    for (const c of commands) {
      const lines = c.text.split('\n')
      this.print(`  ${c.index + 1}. $ ${lines[0]}`)
      for (const line of lines.slice(1)) this.print(`       ${line}`)
      if (c.missing.length > 0) this.print(`     missing: ${c.missing.join(', ')} (set with p, or --param)`)
      if (c.command.destructive) this.print(`     destructive: ${destructiveReason(c.command.code) ?? 'deletes or overwrites data'}`)
    }
  }

  showChecklist() {
    const items = this.session.current.checklist
    if (items.length === 0) return
    this.print()
    this.print('Checklist (c to tick):')
    items.forEach((item, index) => this.print(`  ${index + 1}. [${this.session.isChecked(item.id) ? 'x' : ' '}] ${item.text}`))
  }

  /** The choices and key hints; returns how many lines were printed (for redrawing the highlight). */
  menuLines(): string[] {
    const choices = this.session.choices()
    const lines: string[] = []
    const fit = (line: string) => (line.length > this.width - 1 ? line.slice(0, this.width - 2) + '…' : line)
    if (choices.length === 0) lines.push('This is an end of the runbook: Enter finishes.')
    else if (choices.length === 1) {
      const c = choices[0]!
      const target = c.internal ? this.session.step(c.to!)?.title : `runbook ${c.runbook ?? c.to}`
      const shown = target ?? c.label
      lines.push(fit(`Next: ${c.kind === 'next' || c.label === shown ? '' : `${c.label} → `}${shown} (Enter continues)`))
    } else {
      lines.push(this.input.keys ? 'Choose (Up/Down and Enter, or a number):' : 'Choose (a number):')
      choices.forEach((c, index) => {
        const mark = this.input.keys && index === this.#highlight ? '❯' : ' '
        const away = c.internal ? '' : ` (→ ${c.runbook ? `runbook ${c.runbook}` : `missing step ${c.to}`})`
        lines.push(fit(` ${mark} ${index + 1}. ${c.label}${away}`))
      })
    }
    if (this.input.keys) lines.push('r run · c check · n note · p param · e escalate · b back', 'g go to · f finish · a abandon · q save and quit · ? help')
    else lines.push('Answer (see runbook run --help):')
    // Every line fits the terminal, so redrawing the highlight can count lines.
    return lines.map(fit)
  }

  async readAction(): Promise<Action | null> {
    if (!this.input.keys) {
      for (const line of this.menuLines()) this.print(line)
      const line = await this.input.line('> ')
      return line === null ? null : parseAnswer(line)
    }
    let lines = this.menuLines()
    for (const line of lines) this.print(line)
    for (;;) {
      const count = this.session.choices().length
      const action = keyAction(await this.input.key(), count, this.#highlight)
      if (action === 'up' || action === 'down') {
        if (count < 2) continue
        this.#highlight = (this.#highlight + (action === 'up' ? count - 1 : 1)) % count
        this.io.stdout.write(`\x1b[${lines.length}A`)
        lines = this.menuLines()
        for (const line of lines) this.io.stdout.write(`\x1b[2K${line}\n`)
        continue
      }
      if (action) return action
    }
  }

  async ask(prompt: string, options?: {mask?: boolean}): Promise<string | null> {
    return this.input.line(prompt, options)
  }

  async pickIndex(what: string, count: number, given: number | undefined): Promise<number | undefined> {
    if (given !== undefined) return given
    if (count === 1) return 0
    const answer = await this.ask(`${what} number (1-${count}): `)
    if (answer === null || !/^\d+$/.test(answer.trim())) return undefined
    return Number(answer.trim()) - 1
  }

  /** Handle one answer; returns false when the walkthrough should stop. */
  async perform(action: Action): Promise<'go' | 'quit'> {
    const s = this.session
    switch (action.type) {
      case 'choose': {
        const choices = s.choices()
        if (action.index < 0 || action.index >= choices.length) {
          this.print(choices.length > 1 ? `Pick a choice from 1 to ${choices.length}.` : 'This step has no choices: press Enter (or answer "next") to continue.')
          return 'go'
        }
        this.print(`→ ${choices[action.index]!.label}`)
        s.complete(action.index)
        return 'go'
      }
      case 'continue': {
        const choices = s.choices()
        if (choices.length > 1) {
          this.print(`Pick a choice from 1 to ${choices.length}.`)
          return 'go'
        }
        s.complete()
        return 'go'
      }
      case 'check':
      case 'uncheck':
      case 'toggle': {
        const items = s.current.checklist
        if (items.length === 0) {
          this.print('This step has no checklist.')
          return 'go'
        }
        const index = await this.pickIndex('Item', items.length, action.index)
        const item = index === undefined ? undefined : items[index]
        if (!item) {
          this.print('No such item.')
          return 'go'
        }
        const tick = action.type === 'toggle' ? !s.isChecked(item.id) : action.type === 'check'
        if (tick) s.check(item.id)
        else s.uncheck(item.id)
        this.print(`${tick ? '[x]' : '[ ]'} ${item.text}`)
        return 'go'
      }
      case 'run':
        await this.run(action.index)
        return 'go'
      case 'note': {
        const text = action.text ?? (await this.ask('Note: '))
        if (text && text.trim()) {
          s.addNote(text)
          this.print('Note added.')
        }
        return 'go'
      }
      case 'param': {
        let text = action.text
        if (text === undefined) {
          // Asked in two parts so a secret value is typed without echo.
          const name = (await this.ask('Parameter name: '))?.trim()
          if (!name) return 'go'
          const value = await this.ask(`Value for ${name}: `, {mask: s.isSecret(name)})
          if (value === null) return 'go'
          text = `${name}=${value}`
        }
        const match = /^\s*([^=\s]+)\s*=(.*)$/.exec(text)
        if (!match) {
          this.print('Write it as name=value.')
          return 'go'
        }
        s.setParam(match[1]!, match[2]!.trim())
        this.print(`${match[1]} set${s.isSecret(match[1]!) ? ' (secret: kept in memory only)' : ''}.`)
        this.showCommands()
        return 'go'
      }
      case 'escalate': {
        let text = action.text ?? (await this.ask('Escalate to (person|team|runbook NAME): '))
        if (!text) return 'go'
        let reason: string | null | undefined
        const colon = text.indexOf(':')
        if (colon >= 0) {
          reason = text.slice(colon + 1).trim()
          text = text.slice(0, colon)
        }
        const match = /^\s*(person|team|runbook)\s+(.+?)\s*$/i.exec(text)
        if (!match) {
          this.print('Write it as: person NAME, team NAME or runbook ID.')
          return 'go'
        }
        reason ||= await this.ask('Reason: ')
        if (!reason || !reason.trim()) {
          this.print('An escalation needs a reason; nothing recorded.')
          return 'go'
        }
        s.escalate({reason, target: {type: match[1]!.toLowerCase() as 'person' | 'team' | 'runbook', name: match[2]!}})
        this.print(`Escalated to ${match[1]!.toLowerCase()} ${match[2]}.`)
        return 'go'
      }
      case 'back':
        if (!s.canGoBack) this.print('This is the first step of the path: nothing to go back to.')
        else s.back()
        return 'go'
      case 'goto': {
        const id = action.id ?? (await this.ask(`Step id (${s.runbook.steps.map((step) => step.id).join(', ')}): `))
        if (!id) return 'go'
        if (!s.step(id.trim())) this.print(`No step "${id.trim()}".`)
        else if (id.trim() === s.current.id) this.print('That is the current step.')
        else s.goTo(id.trim())
        return 'go'
      }
      case 'finish':
        s.finish()
        return 'go'
      case 'abandon': {
        const reason = action.reason ?? (this.input.keys ? await this.ask('Reason (optional): ') : undefined)
        s.abandon(reason ?? null)
        return 'go'
      }
      case 'quit':
        return 'quit'
      case 'help':
        this.print(help)
        return 'go'
      case 'unknown':
        this.print(`Unknown answer "${action.text}" (see runbook run --help).`)
        return 'go'
    }
  }

  async run(given: number | undefined) {
    const s = this.session
    const commands = s.commands()
    if (commands.length === 0) {
      this.print('This step has no commands.')
      return
    }
    const index = await this.pickIndex('Command', commands.length, given)
    let command = index === undefined ? undefined : commands[index]
    if (!command) {
      this.print('No such command.')
      return
    }
    if (!runnableShells.has(command.command.shell)) {
      // SQL, PromQL or a Rails console line: no shell may run it.
      this.print(`Not run: this is ${command.command.lang ? `a ${command.command.lang} command` : 'not a shell command'}; type it in its own console:`)
      this.print(`  ${command.text}`)
      return
    }
    if (!this.execute) {
      this.print('Not run: commands run only with --execute. To run it yourself:')
      this.print(`  ${command.text}`)
      return
    }
    for (const name of command.missing) {
      const value = await this.ask(`Value for ${name}: `, {mask: s.isSecret(name)})
      if (value === null || value === '') {
        this.print(`Not run: ${name} has no value.`)
        return
      }
      s.setParam(name, value)
    }
    command = s.commands()[command.index]!
    const real = s.commands(null, {reveal: true})[command.index]!
    this.print(`$ ${command.text}`)
    const reason = command.command.destructive ? (destructiveReason(command.command.code) ?? 'deletes or overwrites data') : undefined
    const answer = await this.ask(reason ? `This command is destructive (${reason}). Type "yes" to run it: ` : 'Run it? [y/N] ')
    const yes = reason ? answer?.trim() === 'yes' : /^(y|yes)$/i.test(answer?.trim() ?? '')
    if (!yes) {
      this.print('Not run.')
      return
    }
    const started = this.clock.now()
    const realStart = Date.now()
    const {exitCode, signal} = await this.spawn(command.command.shell, real.text)
    const durationMs = this.clock.fixed ? undefined : Math.max(0, this.clock.now() - started)
    this.print(exitCode === null ? `(stopped${signal ? ` by ${signal}` : ''})` : `(exit ${exitCode}, ${Date.now() - realStart} ms)`)
    s.recordCommand({command: command.text, exitCode, signal, durationMs})
  }

  spawn(shell: string, code: string): Promise<{exitCode: number | null; signal: string | null}> {
    const [file, args] = shellArgs(shell, code)
    return new Promise((resolve) => {
      // Its own process group, so Ctrl-C can stop the command and everything it started, as a shell would.
      const group = process.platform !== 'win32'
      const child = spawn(file, args, {cwd: this.io.cwd, env: {...process.env, ...this.io.env}, stdio: ['ignore', 'pipe', 'pipe'], detached: group})
      this.#child = child
      this.#stopChild = () => {
        try {
          if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGINT')
          else child.kill('SIGINT')
        } catch {
          child.kill('SIGINT')
        }
      }
      let stopKeys: (() => void) | undefined
      if (this.input.keys) stopKeys = this.input.intercept(() => this.#stopChild?.())
      child.stdout?.on('data', (chunk: Buffer) => this.io.stdout.write(chunk.toString()))
      child.stderr?.on('data', (chunk: Buffer) => this.io.stderr.write(chunk.toString()))
      const done = (result: {exitCode: number | null; signal: string | null}) => {
        stopKeys?.()
        this.#child = undefined
        this.#stopChild = undefined
        resolve(result)
      }
      child.on('error', (error) => {
        this.io.stderr.write(`runbook run: could not start ${file}: ${error.message}\n`)
        done({exitCode: null, signal: null})
      })
      child.on('close', (exitCode, signal) => done({exitCode, signal}))
    })
  }

  /** Stop a running command (SIGINT outside raw mode). */
  interruptChild(): boolean {
    if (!this.#child) return false
    this.#stopChild?.()
    return true
  }

  /** Walk until the session ends, the person quits, or the script runs out. */
  async walk(): Promise<'ended' | 'quit' | 'eof'> {
    for (;;) {
      const s = this.session
      if (s.status === 'finished' || s.status === 'abandoned') return 'ended'
      if (this.#shown !== `${s.current.id}:${s.path.length}`) this.showStep()
      const action = await this.readAction()
      if (action === null) return 'eof'
      this.clock.tick()
      try {
        if ((await this.perform(action)) === 'quit') return 'quit'
      } catch (error) {
        if (error instanceof TypeError && error.message.startsWith('runbook-kit: ')) this.print(error.message.slice('runbook-kit: '.length))
        else throw error
      }
      await this.save()
    }
  }
}

/** `runbook run`: an interactive walkthrough of a runbook, with an incident timeline at the end. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'walk through a runbook step by step (and run its commands with --execute)',
  help,
  async run(args, io) {
    const {values, positionals} = parseCommandArgs(args, {
      runbook: {type: 'string'},
      param: {type: 'string', multiple: true},
      execute: {type: 'boolean'},
      resume: {type: 'string'},
      state: {type: 'string'},
      timeline: {type: 'string'},
      script: {type: 'string'},
      who: {type: 'string'},
      severity: {type: 'string'},
      incident: {type: 'string'}
    })
    if (positionals.length !== 1) throw new UsageError(`expected one runbook file, got ${positionals.length}\n\n${help}`)
    const file = positionals[0]!
    const interactive = values.script === undefined
    if (interactive && !io.stdin.isTTY) {
      io.stderr.write(
        'runbook run: stdin is not a terminal, so there is no one to answer.\n' +
          'Use --script <file> to answer from a file, or --script - to read answers from stdin, one per line\n' +
          '(see runbook run --help), or run it in a terminal.\n'
      )
      return 2
    }
    const params: Record<string, string> = {}
    for (const entry of values.param ?? []) {
      const match = /^([^=]+)=(.*)$/.exec(entry)
      if (!match) throw new UsageError(`--param expects name=value, got "${entry}"`)
      params[match[1]!.trim()] = match[2]!
    }
    const clock = makeClock(io.env.RUNBOOK_KIT_CLOCK)
    const runbook = pickRunbook(await readRunbooks(file, io), values.runbook, file)
    const statePath = path.resolve(io.cwd, values.state ?? values.resume ?? `runbook-session-${runbook.id}.json`)

    let session: Session
    if (values.resume !== undefined) {
      let text: string
      try {
        text = await readFile(path.resolve(io.cwd, values.resume), 'utf8')
      } catch (error) {
        throw new UsageError(`cannot read ${values.resume}: ${(error as Error).message}`)
      }
      const secrets = Object.fromEntries(Object.entries(params).filter(([name]) => isSecretParam(name, runbook.params)))
      session = restoreSession(runbook, text, {now: clock.now, secrets})
      const report = session.report!
      if (!report.restored) {
        io.stderr.write(`runbook run: ${report.problems.join(' ')}\n`)
        return 1
      }
      const last = session.events[session.events.length - 1]?.at ?? session.startedAt
      clock.seed(last)
      if (report.changed) io.stdout.write(`The runbook changed since this session was saved.\n`)
      for (const problem of report.problems) io.stdout.write(`  ${problem}\n`)
      if (session.status === 'finished' || session.status === 'abandoned') {
        io.stdout.write(`This session is already ${session.status}.\n`)
        if (values.timeline) await writeTimeline(session, path.resolve(io.cwd, values.timeline))
        return session.status === 'finished' ? 0 : 1
      }
      clock.tick()
      if (session.status === 'paused') session.resume()
      for (const [name, value] of Object.entries(params)) {
        if (!session.isSecret(name) && session.params()[name] !== value) session.setParam(name, value)
      }
      io.stdout.write(`Resuming "${runbook.title}" at ${session.current.title}.\n`)
    } else {
      const info: {who?: string; severity?: string; incident?: string} = {}
      const who = values.who ?? io.env.USER ?? io.env.USERNAME
      if (who) info.who = who
      if (values.severity) info.severity = values.severity
      if (values.incident) info.incident = values.incident
      session = createSession(runbook, {
        now: clock.now,
        id: clock.fixed ? () => `session-${runbook.id}` : null,
        params,
        info
      })
      io.stdout.write(`Runbook "${runbook.title}" (${runbook.steps.length} steps). Progress is saved to ${path.relative(io.cwd, statePath) || statePath}.\n`)
    }

    let input: Input
    if (interactive) {
      input = keyboardInput(io.stdin, io.stdout)
    } else {
      if (values.script === '-') {
        const reader = createInterface({input: io.stdin, crlfDelay: Infinity})
        input = scriptInput(reader[Symbol.asyncIterator](), io.stdout, () => {
          reader.close()
          io.stdin.pause()
        })
      } else {
        let text: string
        try {
          text = await readFile(path.resolve(io.cwd, values.script!), 'utf8')
        } catch (error) {
          throw new UsageError(`cannot read ${values.script}: ${(error as Error).message}`)
        }
        input = scriptInput(text.split(/\r?\n/).slice(0, text.endsWith('\n') ? -1 : undefined)[Symbol.iterator](), io.stdout)
      }
    }
    const runner = new Runner({session, input, io, clock, execute: values.execute ?? false, statePath})
    const stop = async (code: number, message: string) => {
      clock.tick()
      if (session.status === 'active') session.pause()
      await runner.save()
      if (values.timeline) await writeTimeline(session, path.resolve(io.cwd, values.timeline))
      io.stdout.write(`\n${message}\nSaved to ${path.relative(io.cwd, statePath)}. Continue with: runbook run ${file} --resume ${path.relative(io.cwd, statePath)}\n`)
      return code
    }
    // Outside raw mode (scripts), Ctrl-C arrives as SIGINT: stop a running command first, else save and stop.
    let interrupted: (() => void) | undefined
    const interruptedPromise = new Promise<'sigint'>((resolve) => (interrupted = () => resolve('sigint')))
    const onSigint = () => {
      if (!runner.interruptChild()) interrupted?.()
    }
    process.on('SIGINT', onSigint)
    try {
      await runner.save()
      let outcome: 'ended' | 'quit' | 'eof' | 'sigint'
      try {
        outcome = await Promise.race([runner.walk(), interruptedPromise])
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error
        outcome = 'sigint'
      }
      if (outcome === 'sigint') return await stop(130, 'Interrupted.')
      if (outcome === 'quit') return await stop(0, 'Stopped.')
      if (outcome === 'eof') return await stop(1, 'The script ended before the runbook did.')
      await runner.save()
      const progress = session.progress()
      io.stdout.write(`\nSession ${session.status} (${progress.percent}%) after ${session.path.length} step(s).\n`)
      if (values.timeline) {
        await writeTimeline(session, path.resolve(io.cwd, values.timeline))
        io.stdout.write(`Timeline written to ${values.timeline}.\n`)
      }
      return session.status === 'finished' ? 0 : 1
    } finally {
      process.removeListener('SIGINT', onSigint)
      input.close()
    }
  }
}

async function writeTimeline(session: Session, file: string) {
  const json = /\.json$/i.test(file)
  await writeFile(file, renderTimeline(session, {format: json ? 'json' : 'markdown'}), 'utf8')
}
