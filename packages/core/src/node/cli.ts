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
import {runCommand} from './commands/run/index.js'

/** Every command, in the order `runbook --help` lists them. */
export const commands: CliCommand[] = [showCommand, lintCommand, buildCommand, searchCommand, runCommand]

/** The exit codes every command uses, as `runbook --help` prints them. */
export const exitCodes = [
  'Exit codes: 0 done, 1 findings (lint or build errors, too many warnings, no search',
  'results, a run abandoned or not finished), 2 usage or input/output error (bad',
  'options, a file or folder that cannot be read, a malformed bundle, an output',
  'that cannot be written), 130 interrupted.'
].join('\n')

const usage = () =>
  [
    'Usage: runbook <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`),
    '',
    'Run `runbook <command> --help` for a command’s options.',
    '',
    exitCodes,
    ''
  ].join('\n')

/**
 * Run the CLI with `argv` (without `node` and the script) and resolve to the
 * exit code: 0 done, 1 findings (lint errors, no search results, a run not
 * finished), 2 usage or input/output error, 130 interrupted (see `exitCodes`).
 * A command that throws could not do its job: its message is printed and the
 * code is 2.
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
    io.stderr.write(`runbook ${name}: ${error instanceof UsageError ? message : message.replace(/^runbook-kit: /, '')}\n`)
    return 2
  }
}
