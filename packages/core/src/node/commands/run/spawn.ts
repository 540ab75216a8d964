/**
 * Running a step's command for `runbook run --execute`: in its shell, in
 * its own process group (so Ctrl-C stops it and what it started), output
 * passed through.
 *
 * @module
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import type {CliIo} from '../../io.js'
import type {Input} from './input.js'

/** How a command ended: its exit code, or the signal that stopped it. */
export interface CommandResult {
  exitCode: number | null
  signal: string | null
}

/** A started command. */
export interface RunningCommand {
  /** Resolves when the command has ended (never rejects: a command that cannot start ends with `exitCode: null`). */
  done: Promise<CommandResult>
  /** Send SIGINT to the command and everything it started. */
  stop(): void
}

/** How a command is started for its shell. */
function shellArgs(shell: string, code: string): [string, string[]] {
  if (shell === 'powershell') return ['pwsh', ['-NoProfile', '-Command', code]]
  if (shell === 'cmd') return ['cmd.exe', ['/d', '/s', '/c', code]]
  return [existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh', ['-c', code]]
}

/** Start `code` in `shell`; while it runs, Ctrl-C on a keyboard `input` stops it. */
export function startCommand(shell: string, code: string, io: CliIo, input: Input): RunningCommand {
  const [file, args] = shellArgs(shell, code)
  // Its own process group, so Ctrl-C can stop the command and everything it started, as a shell would.
  const group = process.platform !== 'win32'
  const child = spawn(file, args, {cwd: io.cwd, env: {...process.env, ...io.env}, stdio: ['ignore', 'pipe', 'pipe'], detached: group})
  const stop = () => {
    try {
      if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGINT')
      else child.kill('SIGINT')
    } catch {
      child.kill('SIGINT')
    }
  }
  const done = new Promise<CommandResult>((resolve) => {
    let stopKeys: (() => void) | undefined
    if (input.keys) stopKeys = input.intercept(stop)
    child.stdout?.on('data', (chunk: Buffer) => io.stdout.write(chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()))
    let ended = false
    const end = (result: CommandResult) => {
      if (ended) return
      ended = true
      stopKeys?.()
      resolve(result)
    }
    child.on('error', (error) => {
      io.stderr.write(`runbook run: could not start ${file}: ${error.message}\n`)
      end({exitCode: null, signal: null})
    })
    child.on('close', (exitCode, signal) => end({exitCode, signal}))
  })
  return {done, stop}
}
