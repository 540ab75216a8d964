import {stat} from 'node:fs/promises'
import path from 'node:path'
import {formatDiagnostic} from '../../diagnostics.js'
import {toMermaid} from '../../mermaid.js'
import {formatOutline} from '../../outline.js'
import {parseCommandArgs, UsageError} from '../args.js'
import type {Runbook} from '../../types.js'
import {isUnreadable} from '../files.js'
import type {CliCommand} from '../io.js'
import {loadRunbooks} from '../load.js'

const help = `Usage: runbook show <file|folder…> [--format outline|json|mermaid] [--json] [--commands] [--positions]

Print the step graph Runbook Kit reads from Markdown runbooks: one file, or
every runbook in a folder (each under its file name), links between them resolved.

Options:
  --format <f>   outline (default): steps, decisions and ends as text
                 json: the runbook graph and its diagnostics
                 ({"runbook", "diagnostics"} for one file, {"runbooks", "diagnostics"} for more)
                 mermaid: a Mermaid flowchart (paste it into a \`\`\`mermaid block)
  --json         same as --format json
  --commands     with outline: list each step's commands
  --positions    with json: keep source positions in step content
  -h, --help     show this help

Diagnostics go to stderr (outline, mermaid) or into the JSON.

Exit codes: 0 shown, 2 usage error or a file or folder that cannot be read
(or holds no runbooks).`

/** `runbook show`: print the outline, graph JSON or Mermaid flowchart of one runbook or of each in a folder. */
export const showCommand: CliCommand = {
  name: 'show',
  summary: 'print the outline, graph JSON or Mermaid flowchart of runbooks',
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
    if (positionals.length === 0) throw new UsageError(`expected a file or folder\n\n${help}`)
    const loaded = await loadRunbooks(positionals, {cwd: io.cwd, positions: values.positions ?? false})
    const unreadable = loaded.diagnostics.filter(isUnreadable)
    if (unreadable.length > 0 || loaded.runbooks.length === 0) {
      for (const diagnostic of unreadable) io.stderr.write(formatDiagnostic(diagnostic) + '\n')
      if (unreadable.length === 0) io.stderr.write(`runbook show: no runbooks in ${positionals.join(', ')}\n`)
      return 2
    }
    // One file named: its runbook alone, as before. A folder or several paths: each runbook under its file.
    const many = positionals.length > 1 || (await isFolder(path.resolve(io.cwd, positionals[0]!)))
    if (format === 'json') {
      const value = many ? {runbooks: loaded.runbooks, diagnostics: loaded.diagnostics} : {runbook: loaded.runbooks[0], diagnostics: loaded.diagnostics}
      io.stdout.write(JSON.stringify(value, null, 2) + '\n')
    } else {
      const render = (runbook: Runbook) => (format === 'mermaid' ? toMermaid(runbook) : formatOutline(runbook, {commands: values.commands ?? false}))
      if (!many) io.stdout.write(render(loaded.runbooks[0]!))
      else {
        const comment = format === 'mermaid' ? '%% ' : '== '
        io.stdout.write(loaded.runbooks.map((runbook) => `${comment}${runbook.file ?? runbook.id}\n${render(runbook)}`).join('\n'))
      }
      for (const diagnostic of loaded.diagnostics) io.stderr.write(formatDiagnostic(diagnostic) + '\n')
    }
    if (many) {
      const count = loaded.runbooks.length
      io.stderr.write(`${count} runbook${count === 1 ? '' : 's'} shown from ${positionals.join(', ')}\n`)
    }
    return 0
  }
}

async function isFolder(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isDirectory()
  } catch {
    return false
  }
}
