import path from 'node:path'
import {formatDiagnostic} from '../../diagnostics.js'
import {parseCommandArgs, UsageError} from '../args.js'
import {buildBundle} from '../bundle.js'
import {isUnreadable} from '../files.js'
import type {CliCommand} from '../io.js'
import {type WriteBundleResult, partsFolderName, writeBundle, writeDefaults} from '../write-bundle.js'

const help = `Usage: runbook build <dir> -o <bundle.json> [--split | --no-split] [--cache <dir> | --no-cache] [--quiet]

Parse every runbook in <dir>, resolve links between them, index them for search
and write a bundle (runbooks + search index) for the widget or any tool.

A bundle larger than ${writeDefaults.splitAbove / 1024} KiB is split: <bundle.json> then holds what the
first screen needs, and the rest is in content-hashed parts in a folder beside
it (runbooks.bundle.json → runbooks.bundle/), fetched as needed. Parts that no
longer belong to this build or the one before are removed from that folder.

Unchanged files are read from a cache keyed by their content
(default node_modules/.cache/runbook-kit).

Options:
  -o, --output <file>  where to write the bundle (required)
  --split              always split the bundle
  --no-split           always write one file
  --cache <dir>        cache folder
  --no-cache           parse every file
  --quiet              print errors only
  -h, --help           show this help

Missing folders of the output path are created.

Exit codes: 0 written, 1 written but runbooks have errors, 2 usage error,
a folder or file that cannot be read, or an output that cannot be written.`

/** `runbook build`: write a bundle; exit 1 when runbooks have errors, 2 when it cannot read or write. */
export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'write a bundle (runbooks + search index) from a folder',
  help,
  async run(args, io) {
    const {values, positionals} = parseCommandArgs(args, {
      output: {type: 'string', short: 'o'},
      cache: {type: 'string'},
      'no-cache': {type: 'boolean'},
      split: {type: 'boolean'},
      'no-split': {type: 'boolean'},
      quiet: {type: 'boolean'}
    })
    if (values.split && values['no-split']) throw new UsageError(`--split and --no-split cannot be used together\n\n${help}`)
    if (positionals.length !== 1) throw new UsageError(`expected one folder\n\n${help}`)
    if (!values.output) throw new UsageError(`missing -o <bundle.json>\n\n${help}`)
    const started = Date.now()
    let reported = started
    const result = await buildBundle(positionals[0]!, {
      cwd: io.cwd,
      cache: values['no-cache'] ? false : values.cache,
      onProgress({phase, done, total}) {
        // Only long builds report progress: one line a second at most.
        const now = Date.now()
        if (now - reported < 1000 || done === total) return
        reported = now
        io.stderr.write(`${phase === 'parse' ? 'parsing' : 'indexing'} ${done}/${total}\n`)
      }
    })
    const unreadable = result.diagnostics.filter(isUnreadable)
    if (unreadable.length > 0) {
      // Nothing is written: a bundle without the runbooks asked for would replace a good one.
      for (const diagnostic of unreadable) io.stderr.write(formatDiagnostic(diagnostic) + '\n')
      return 2
    }
    const output = path.resolve(io.cwd, values.output)
    const folder = partsFolderFor(output, path.resolve(io.cwd, positionals[0]!))
    let written: WriteBundleResult
    try {
      written = await writeBundle(output, result.bundle, result.index, {
        split: values.split ? true : values['no-split'] ? false : undefined,
        folder
      })
    } catch (error) {
      throw new Error(`cannot write ${values.output}: ${(error as Error).message}`)
    }

    const errors = result.diagnostics.filter((d) => d.severity === 'error')
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning')
    for (const diagnostic of values.quiet ? errors : [...errors, ...warnings]) {
      io.stderr.write(formatDiagnostic(diagnostic) + '\n')
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
    const steps = result.runbooks.reduce((sum, runbook) => sum + runbook.steps.length, 0)
    io.stderr.write(
      `${plural(result.runbooks.length, 'runbook')}, ${plural(steps, 'step')} → ${values.output} ` +
        `(${(written.bytes / 1024).toFixed(1)} KiB${written.split ? ` + ${plural(written.parts, 'part')} in ${path.join(path.dirname(values.output), path.basename(written.folder!))}/` : ''}` +
        `, ${result.cached} cached, ${Date.now() - started} ms); ` +
        `${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}\n`
    )
    return errors.length > 0 ? 1 : 0
  }
}

/**
 * The parts folder beside `output`: named after it, unless that is the
 * runbooks folder or holds it (`runbook build rb -o rb.json`), whose files
 * the build's stale-part cleanup must never touch: then `<name>.parts`.
 */
function partsFolderFor(output: string, source: string): string {
  const name = partsFolderName(output)
  return isSameOrInside(source, path.join(path.dirname(output), name)) ? `${name}.parts` : name
}

/** Whether `folder` is `parent` or inside it. */
function isSameOrInside(folder: string, parent: string): boolean {
  const relative = path.relative(parent, folder)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
