/**
 * The `runbook` command line: `runbook <command> [options]`.
 *
 * Each command lives in `./commands/<name>.ts` and is listed in `commands`.
 */
import {UsageError} from './args.js'
import {type CliCommand, type CliIo, processIo} from './io.js'
import {lintCommand} from './commands/lint.js'
import {showCommand} from './commands/show.js'
import {buildCommand} from './commands/build.js'
import {searchCommand} from './commands/search.js'
import {runCommand} from './commands/run.js'

/** Every command, in the order `runbook --help` lists them. */
export const commands: CliCommand[] = [showCommand, lintCommand, buildCommand, searchCommand, runCommand]

const usage = () =>
  [
    'Usage: runbook <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`),
    '',
    'Run `runbook <command> --help` for a command’s options.',
    ''
  ].join('\n')

/**
 * Run the CLI with `argv` (without `node` and the script) and resolve to the
 * exit code: 0 success, 1 problems found (lint errors, …), 2 usage errors.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('0.1.0\n')
    return 0
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.stderr.write(`runbook: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : command.help + '\n')
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(`runbook ${name}: ${message}\n`)
    return error instanceof UsageError ? 2 : 1
  }
}
