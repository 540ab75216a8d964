import {stat} from 'node:fs/promises'
import path from 'node:path'
import {formatDiagnostic} from '../../diagnostics.js'
import {type SearchResult, search} from '../../search/search.js'
import {parseCommandArgs, UsageError} from '../args.js'
import {buildBundle} from '../bundle.js'
import {isUnreadable} from '../files.js'
import type {CliCommand} from '../io.js'
import {readBundle} from '../read-bundle.js'

const help = `Usage: runbook search <bundle.json|dir> "<query>" [--json] [--limit <n>]

Search runbooks and steps, as the widget does, and print the best matches as
  runbook › step  (score)
    snippet

Options:
  --json        print results as JSON
  --limit <n>   most results (default 10)
  -h, --help    show this help

Exit codes: 0 results found, 1 nothing found, 2 usage error, a bundle or
folder that cannot be read, or a malformed bundle.`

/** `runbook search`: print the best runbooks and steps for a query. */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'search a bundle or a folder of runbooks',
  help,
  async run(args, io) {
    const {values, positionals} = parseCommandArgs(args, {
      json: {type: 'boolean'},
      limit: {type: 'string'}
    })
    if (positionals.length < 2) throw new UsageError(`expected a bundle or folder and a query\n\n${help}`)
    const limit = values.limit === undefined ? 10 : Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit needs a positive number, not "${values.limit}"`)
    const [source, ...words] = positionals as [string, ...string[]]
    const results = await searchSource(source, words.join(' '), limit, io.cwd)
    if (values.json) {
      io.stdout.write(JSON.stringify(results, null, 2) + '\n')
    } else if (results.length === 0) {
      io.stderr.write('no matches\n')
    } else {
      const bold = io.stdout.isTTY === true
      for (const result of results) io.stdout.write(format(result, bold))
    }
    return results.length > 0 ? 0 : 1
  }
}

/** Results from a folder (indexed now) or a bundle (one file or split: only the parts the query needs are read). */
async function searchSource(source: string, query: string, limit: number, cwd: string): Promise<SearchResult[]> {
  const absolute = path.resolve(cwd, source)
  let info
  try {
    info = await stat(absolute)
  } catch {
    throw new UsageError(`no such bundle or folder: ${source}`)
  }
  if (info.isDirectory()) {
    const built = await buildBundle(absolute, {cwd})
    const problem = built.diagnostics.find(isUnreadable)
    if (problem) throw new Error(formatDiagnostic(problem))
    return search(built.index, query, {limit})
  }
  try {
    const reader = await readBundle(absolute, {cwd})
    // The summary is for widgets; the CLI prints (and --json gives) plain search results.
    return (await reader.search(query, {limit})).map(({summary, ...result}) => (void summary, result))
  } catch (error) {
    throw new Error((error as Error).message.replace(/^runbook-kit: /, ''))
  }
}

function format(result: SearchResult, bold: boolean): string {
  const where = result.stepTitle ? `${result.title} › ${result.stepTitle}` : result.title
  const id = result.stepId ? `${result.runbookId}#${result.stepId}` : result.runbookId
  let text = ''
  let at = 0
  for (const [start, end] of result.snippet.highlights) {
    const word = result.snippet.text.slice(start, end)
    text += result.snippet.text.slice(at, start) + (bold ? `\u001B[1m${word}\u001B[22m` : word)
    at = end
  }
  text += result.snippet.text.slice(at)
  return `${where}  (${result.score.toFixed(2)}, ${id})\n    ${text}\n`
}
