/**
 * The streams and environment a CLI command works with, so commands can be
 * run in-process by tests.
 */
export interface CliIo {
  stdout: {write(chunk: string): unknown; isTTY?: boolean | undefined}
  stderr: {write(chunk: string): unknown; isTTY?: boolean | undefined}
  stdin: CliInput
  cwd: string
  env: Record<string, string | undefined>
}

/**
 * What a command reads answers from: `process.stdin`, or any Node readable
 * stream (`runbook run` needs one; typed by its shape so the published types
 * need no `@types/node`).
 */
export interface CliInput {
  isTTY?: boolean | undefined
  setRawMode?: ((mode: boolean) => unknown) | undefined
  on(event: string, listener: (...args: any[]) => void): unknown
  removeListener(event: string, listener: (...args: any[]) => void): unknown
  pause(): unknown
  resume(): unknown
}

/** A `runbook` sub-command. */
export interface CliCommand {
  name: string
  /** One line for `runbook --help`. */
  summary: string
  /** Full help text for `runbook <name> --help`. */
  help: string
  /** Runs the command; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env
  }
}
