/**
 * Loading runbooks from files and folders (Node only).
 */
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {createCollection, type Collection} from '../collection.js'
import {createDiagnostic} from '../diagnostics.js'
import {parseRunbook, type ParseOptions} from '../parse/index.js'
import type {Diagnostic, ParseResult} from '../types.js'
import {displayName, findMarkdown, unreadable} from './files.js'

/** Options of `loadRunbook` and `loadRunbooks`. */
export interface LoadOptions extends Omit<ParseOptions, 'file'> {
  /** Folder that file names in runbooks and diagnostics are relative to (default: `process.cwd()`). */
  cwd?: string | null | undefined
  /** File names to skip inside folders (default: `README.md`, `CHANGELOG.md`, `LICENSE.md`, `CONTRIBUTING.md`, `SUMMARY.md`). */
  ignore?: readonly string[] | null | undefined
}

/** The defaults of `LoadOptions`. */
export const loadDefaults = {
  ignore: ['README.md', 'CHANGELOG.md', 'LICENSE.md', 'CONTRIBUTING.md', 'SUMMARY.md', 'CODE_OF_CONDUCT.md']
} as const

/** What `loadRunbooks` returns: a collection plus the files it read. */
export interface LoadResult extends Collection {
  /** The files read, as they appear in `runbook.file`. */
  files: string[]
}


/**
 * Read one Markdown file and parse it.
 *
 * @param file
 *   Path of the file, relative to `options.cwd`.
 * @param options
 *   Parse options, `cwd`.
 * @returns
 *   The runbook and its diagnostics.
 * @throws {TypeError}
 *   `runbook-kit: …` when `file` is not a non-empty string.
 * @throws {Error}
 *   (rejects) `runbook-kit: cannot read <file>: …` when the file is missing or
 *   unreadable, with the file system's `code` (`ENOENT`, `EACCES`, …).
 */
export async function loadRunbook(file: string, options?: LoadOptions | null): Promise<ParseResult> {
  if (typeof file !== 'string' || file === '') {
    throw new TypeError(`runbook-kit: loadRunbook expects a file path (a string), not ${describe(file)}`)
  }
  const cwd = options?.cwd ?? process.cwd()
  const name = displayName(path.resolve(cwd, file), cwd)
  let text: string
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const failure = new Error(`runbook-kit: cannot read ${name}: ${readFailure(error)}`, {cause: error})
    Object.assign(failure, {code, path: name})
    throw failure
  }
  return parseRunbook(text, {...options, file: name})
}

/** Why a file could not be read, in words. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'file not found'
  if (code === 'EISDIR') return 'it is a folder (use loadRunbooks)'
  return (error as Error).message
}

/** A value quoted for a message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** `loadRunbook`, with a file that cannot be read as an `invalid-input` diagnostic on a placeholder runbook (for collections). */
async function loadOrReport(file: string, options: LoadOptions & {cwd: string}): Promise<ParseResult> {
  try {
    return await loadRunbook(file, options)
  } catch (error) {
    const name = displayName(path.resolve(options.cwd, file), options.cwd)
    return {
      runbook: parseRunbook('', {...options, file: name}).runbook,
      diagnostics: [createDiagnostic('invalid-input', unreadable.cannotRead(name, readFailure((error as Error).cause ?? error)), undefined, name)]
    }
  }
}

/**
 * Load every runbook in `paths` (files, or folders searched recursively for
 * `.md`, `.markdown` and `.md.erb` files, skipping dot-folders and
 * `node_modules`) as a collection with links between them resolved.
 */
export async function loadRunbooks(paths: string | readonly string[], options?: LoadOptions | null): Promise<LoadResult> {
  const cwd = options?.cwd ?? process.cwd()
  const ignore = new Set(options?.ignore ?? loadDefaults.ignore)
  const list = typeof paths === 'string' ? [paths] : Array.isArray(paths) ? [...(paths as readonly unknown[])] : undefined
  if (list === undefined || list.length === 0 || list.some((entry) => typeof entry !== 'string' || entry === '')) {
    throw new TypeError(`runbook-kit: loadRunbooks expects a path or an array of paths (non-empty strings), not ${describe(paths)}`)
  }
  const files: string[] = []
  const problems: Diagnostic[] = []
  for (const entry of list as string[]) {
    const absolute = path.resolve(cwd, entry)
    let info
    try {
      info = await stat(absolute)
    } catch {
      problems.push(createDiagnostic('invalid-input', unreadable.missing(entry), undefined, entry))
      continue
    }
    if (info.isDirectory()) files.push(...(await findMarkdown(absolute, ignore)))
    else files.push(absolute)
  }
  const results = await Promise.all(files.map((file) => loadOrReport(file, {...options, cwd})))
  const context = await neighbours(results, files, cwd, options)
  const collection = createCollection(results, {...options, context})
  return {
    runbooks: collection.runbooks,
    diagnostics: [...problems, ...collection.diagnostics],
    get: collection.get,
    files: results.map((result) => result.runbook.file ?? '')
  }
}



/**
 * Runbooks that the loaded ones link to but that were not asked for (linting
 * one file of a folder): read so links to them resolve, never reported on.
 */
async function neighbours(results: ParseResult[], files: string[], cwd: string, options: LoadOptions | null | undefined): Promise<ParseResult[]> {
  const loaded = new Set(files)
  const wanted = new Set<string>()
  for (const {runbook} of results) {
    if (runbook.file === undefined) continue
    const hrefs = [...runbook.steps.flatMap((step) => step.edges.map((edge) => edge.href)), ...runbook.links.map((link) => link.href)]
    for (const href of hrefs) {
      if (href === undefined) continue
      const relative = href.split('#')[0]!.split('?')[0]!
      let decoded = relative
      try {
        decoded = decodeURIComponent(relative)
      } catch {}
      const target = path.resolve(cwd, path.dirname(runbook.file), decoded)
      if (!loaded.has(target)) wanted.add(target)
    }
  }
  const found: ParseResult[] = []
  for (const target of wanted) {
    try {
      if ((await stat(target)).isFile()) found.push(await loadRunbook(target, {...options, cwd}))
    } catch {
      // Missing files stay dangling links.
    }
  }
  return found
}
