import {formatDiagnostic} from '../../diagnostics.js'
import {parseCommandArgs, UsageError} from '../args.js'
import {isUnreadable} from '../files.js'
import type {CliCommand} from '../io.js'
import {loadRunbooks} from '../load.js'

const help = `Usage: runbook lint <paths…> [--format text|json] [--quiet] [--max-warnings <n>]

Check runbooks (files, or folders searched for .md files) and print each problem as
  file:line:column severity message [rule]

Links between the runbooks given are resolved, so lint a whole folder to check them.

Options:
  --format <f>        text (default) or json
  --quiet             print errors only
  --max-warnings <n>  also fail when there are more than n warnings
  -h, --help          show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or a
file or folder that cannot be read.
Rules are documented in docs/diagnostics.md.`

/** `runbook lint`: print diagnostics; exit 1 on errors, 2 when a path cannot be read. */
export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check runbooks and print problems as file:line:col severity message [rule]',
  help,
  async run(args, io) {
    const {values, positionals} = parseCommandArgs(args, {
      format: {type: 'string'},
      quiet: {type: 'boolean'},
      'max-warnings': {type: 'string'}
    })
    const format = values.format ?? 'text'
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (text or json)`)
    const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings'])
    if (Number.isNaN(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a number, not "${values['max-warnings']}"`)
    if (positionals.length === 0) throw new UsageError(`expected at least one file or folder\n\n${help}`)

    const loaded = await loadRunbooks(positionals, {cwd: io.cwd})
    const shown = values.quiet ? loaded.diagnostics.filter((d) => d.severity === 'error') : loaded.diagnostics
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning').length
    if (format === 'json') {
      io.stdout.write(JSON.stringify({files: loaded.files.length, errors, warnings, diagnostics: shown}, null, 2) + '\n')
    } else {
      for (const diagnostic of shown) io.stdout.write(formatDiagnostic(diagnostic) + '\n')
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
      io.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(loaded.files.length, 'file')}\n`)
    }
    if (loaded.diagnostics.some(isUnreadable)) return 2
    return errors > 0 || warnings > maxWarnings ? 1 : 0
  }
}
