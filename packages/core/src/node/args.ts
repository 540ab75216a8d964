/** Argument parsing shared by the CLI commands. */
import {parseArgs, type ParseArgsConfig} from 'node:util'

/** An error in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>

/** Parse `args` with `options`, turning Node's errors into `UsageError`s. */
export function parseCommandArgs<T extends OptionSpecs>(
  args: string[],
  options: T
): ReturnType<typeof parseArgs<{args: string[]; options: T; allowPositionals: true; strict: true}>> {
  try {
    return parseArgs({args, options, allowPositionals: true, strict: true})
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
