/**
 * `runbook run`: follow a runbook in a terminal, one step at a time, with
 * its commands (run only with `--execute` and a confirmation each), its
 * checklist, notes and escalations; progress saved after every answer and
 * an incident timeline at the end. Without a terminal it reads answers from
 * a script, never from a stdin nobody writes to.
 *
 * This file sets a run up (options, session, input) and ends it; the
 * walkthrough itself is `./runner.ts`.
 *
 * @module
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {createSession, type Session} from '../../../session/session.js'
import {isSecretParam} from '../../../session/params.js'
import {restoreSession} from '../../../session/restore.js'
import {renderTimeline} from '../../../session/timeline.js'
import {parseCommandArgs, UsageError} from '../../args.js'
import type {CliCommand} from '../../io.js'
import {makeClock} from './clock.js'
import {help} from './help.js'
import {type Input, Interrupted, keyboardInput, type NodeStdin, scriptInput} from './input.js'
import {Runner} from './runner.js'
import {readRunbook} from './source.js'

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
    const runbook = await readRunbook(file, values.runbook, io)
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
      input = keyboardInput(io.stdin as NodeStdin, io.stdout)
    } else {
      if (values.script === '-') {
        const reader = createInterface({input: io.stdin as NodeStdin, crlfDelay: Infinity})
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
