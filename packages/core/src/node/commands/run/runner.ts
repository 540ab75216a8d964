/**
 * The walkthrough of `runbook run`: shows the current step, reads an answer
 * (a key or a script line), does what it says to the session, saves.
 *
 * @module
 */
import {destructiveReason} from '../../../parse/commands/commands.js'
import type {Session} from '../../../session/session.js'
import type {CliIo} from '../../io.js'
import {writeJsonAtomic} from '../../session-file-storage.js'
import {type Action, parseAnswer} from './answers.js'
import type {RunClock} from './clock.js'
import {commandLines, menuLines, stepLines} from './draw.js'
import {help} from './help.js'
import type {Input} from './input.js'
import {keyAction} from './keys.js'
import {type RunningCommand, startCommand} from './spawn.js'

/** The shells the runner starts; a command of any other (`'none'`: SQL, PromQL …) is never run. */
const runnableShells = new Set(['posix', 'powershell', 'cmd'])

/** The running walkthrough. */
export class Runner {
  readonly session: Session
  readonly input: Input
  readonly io: CliIo
  readonly clock: RunClock
  readonly execute: boolean
  readonly statePath: string
  readonly width: number
  #shown: string | undefined
  #highlight = 0
  #running: RunningCommand | undefined

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
    for (const line of stepLines(this.session, {width: this.width, execute: this.execute})) this.print(line)
    this.#shown = `${this.session.current.id}:${this.session.path.length}`
    this.#highlight = 0
  }

  menuLines(): string[] {
    return menuLines(this.session, {width: this.width, keys: this.input.keys, highlight: this.#highlight})
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
        for (const line of commandLines(s, this.execute)) this.print(line)
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
    const running = startCommand(command.command.shell, real.text, this.io, this.input)
    this.#running = running
    const {exitCode, signal} = await running.done
    this.#running = undefined
    const durationMs = this.clock.fixed ? undefined : Math.max(0, this.clock.now() - started)
    this.print(exitCode === null ? `(stopped${signal ? ` by ${signal}` : ''})` : `(exit ${exitCode}, ${Date.now() - realStart} ms)`)
    s.recordCommand({command: command.text, exitCode, signal, durationMs})
  }

  /** Stop a running command (SIGINT outside raw mode). */
  interruptChild(): boolean {
    if (!this.#running) return false
    this.#running.stop()
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
