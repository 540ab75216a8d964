import {formatDiagnostic} from '../../diagnostics.js'
import {toMermaid} from '../../mermaid.js'
import {formatOutline} from '../../outline.js'
import {parseCommandArgs, UsageError} from '../args.js'
import type {CliCommand} from '../io.js'
import {loadRunbooks} from '../load.js'

const help = `Usage: runbook show <file> [--format outline|json|mermaid] [--json] [--commands] [--positions]

Print the step graph Runbook Kit reads from a Markdown runbook.

Options:
  --format <f>   outline (default): steps, decisions and ends as text
                 json: the runbook graph and its diagnostics
                 mermaid: a Mermaid flowchart (paste it into a \`\`\`mermaid block)
  --json         same as --format json
  --commands     with outline: list each step's commands
  --positions    with json: keep source positions in step content
  -h, --help     show this help

Diagnostics go to stderr (outline, mermaid) or into the JSON.`

/** `runbook show`: print a runbook's outline, graph JSON or Mermaid flowchart. */
export const showCommand: CliCommand = {
  name: 'show',
  summary: 'print the outline, graph JSON or Mermaid flowchart of a runbook',
  help,
  async run(args, io) {
    const {values, positionals} = parseCommandArgs(args, {
      format: {type: 'string'},
      json: {type: 'boolean'},
      commands: {type: 'boolean'},
      positions: {type: 'boolean'}
    })
    const format = values.json ? 'json' : (values.format ?? 'outline')
    if (!['outline', 'json', 'mermaid'].includes(format)) throw new UsageError(`unknown format "${format}" (outline, json or mermaid)`)
    if (positionals.length !== 1) throw new UsageError(`expected one file, got ${positionals.length}\n\n${help}`)
    const loaded = await loadRunbooks(positionals, {cwd: io.cwd, positions: values.positions ?? false})
    const runbook = loaded.runbooks[0]
    const fatal = loaded.diagnostics.find((d) => d.ruleId === 'invalid-input')
    if (!runbook || fatal) {
      io.stderr.write(`${fatal ? formatDiagnostic(fatal) : `runbook show: nothing to show in ${positionals[0]}`}\n`)
      return 1
    }
    if (format === 'json') {
      io.stdout.write(JSON.stringify({runbook, diagnostics: loaded.diagnostics}, null, 2) + '\n')
      return 0
    }
    io.stdout.write(format === 'mermaid' ? toMermaid(runbook) : formatOutline(runbook, {commands: values.commands ?? false}))
    for (const diagnostic of loaded.diagnostics) io.stderr.write(formatDiagnostic(diagnostic) + '\n')
    return 0
  }
}
