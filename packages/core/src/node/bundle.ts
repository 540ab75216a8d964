/**
 * Build a bundle from a folder of runbooks (Node only), with a parse cache
 * keyed by file content so an unchanged rebuild skips parsing.
 *
 * @module
 */
import {createHash} from 'node:crypto'
import {mkdir, readFile, rename, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {type RunbookBundle, createBundle} from '../bundle.js'
import {createCollection} from '../collection.js'
import {createDiagnostic} from '../diagnostics.js'
import {parseRunbook} from '../parse/index.js'
import {type SearchIndex, buildIndex} from '../search/build.js'
import type {Diagnostic, ParseResult, Runbook} from '../types.js'
import {loadDefaults} from './load.js'
import {displayName, findMarkdown, unreadable} from './files.js'

/** Bumped whenever parsed runbooks change shape, so old cache entries are not read. */
const cacheVersion = 'runbook-kit-parse-1'

/** What {@link buildBundle} accepts. */
export interface BuildBundleOptions {
  /** Folder file names are relative to. (default: `process.cwd()`) */
  cwd?: string | null | undefined
  /**
   * Folder of the parse cache, or `false` for none.
   * (default: `node_modules/.cache/runbook-kit` under `cwd`)
   */
  cache?: string | false | null | undefined
  /** File names to skip. (default: those of `loadRunbooks`: `README.md`, `CHANGELOG.md` …) */
  ignore?: readonly string[] | null | undefined
  /** Progress of a long build: files parsed, then documents indexed. (default: none) */
  onProgress?: ((progress: BuildProgress) => void) | null | undefined
}

/** A progress report of {@link buildBundle}. */
export interface BuildProgress {
  phase: 'parse' | 'index'
  done: number
  total: number
}

/** What {@link buildBundle} resolves to. */
export interface BuildBundleResult {
  /** The bundle; `JSON.stringify` it to write the file. */
  bundle: RunbookBundle
  /** The runbooks, links between them resolved (with positions, unlike the bundle's). */
  runbooks: Runbook[]
  /** The search index over `runbooks`. */
  index: SearchIndex
  diagnostics: Diagnostic[]
  /** The files read, as in `runbook.file`. */
  files: string[]
  /** How many files were read from the cache instead of parsed. */
  cached: number
}


/**
 * Read every runbook in a folder (or one file), resolve links between them
 * and make a bundle with its search index.
 *
 * @param dir
 *   Folder (searched recursively, skipping dot-folders and `node_modules`) or file.
 * @param options
 *   Cache folder, progress callback.
 * @returns
 *   The bundle, the runbooks, their diagnostics.
 */
export async function buildBundle(dir: string, options?: BuildBundleOptions | null | undefined): Promise<BuildBundleResult> {
  if (typeof dir !== 'string' || dir === '') {
    throw new TypeError(`runbook-kit: buildBundle expects a folder path, not ${JSON.stringify(dir)}`)
  }
  const cwd = options?.cwd ?? process.cwd()
  const cacheDir =
    options?.cache === false ? undefined : path.resolve(cwd, options?.cache ?? 'node_modules/.cache/runbook-kit')
  const ignore = new Set(options?.ignore ?? loadDefaults.ignore)
  const onProgress = typeof options?.onProgress === 'function' ? options.onProgress : undefined

  const absolute = path.resolve(cwd, dir)
  const problems: Diagnostic[] = []
  let files: string[]
  try {
    files = await findMarkdown(absolute, ignore)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR') files = [absolute]
    else {
      files = []
      problems.push(createDiagnostic('invalid-input', unreadable.missing(dir), undefined, dir))
    }
  }

  let cached = 0
  const results: ParseResult[] = []
  const batch = 32
  for (let i = 0; i < files.length; i += batch) {
    const parsed = await Promise.all(
      files.slice(i, i + batch).map(async (file) => {
        const name = displayName(file, cwd)
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (error) {
          return {
            fromCache: false,
            result: {
              runbook: parseRunbook('', {file: name}).runbook,
              diagnostics: [createDiagnostic('invalid-input', unreadable.cannotRead(name, (error as Error).message), undefined, name)]
            }
          }
        }
        const key = createHash('sha256').update(`${cacheVersion}\0${name}\0${text}`).digest('hex')
        const hit = cacheDir ? await readCache(cacheDir, key) : undefined
        if (hit) return {fromCache: true, result: hit}
        const result = parseRunbook(text, {file: name})
        if (cacheDir) await writeCache(cacheDir, key, result)
        return {fromCache: false, result}
      })
    )
    for (const {fromCache, result} of parsed) {
      if (fromCache) cached++
      results.push(result)
    }
    onProgress?.({phase: 'parse', done: results.length, total: files.length})
  }

  const collection = createCollection(results)
  const index = buildIndex(collection.runbooks, {
    onProgress: onProgress ? (done, total) => onProgress({phase: 'index', done, total}) : undefined
  })
  return {
    bundle: createBundle(collection.runbooks, {index}),
    runbooks: collection.runbooks,
    index,
    diagnostics: [...problems, ...collection.diagnostics],
    files: collection.runbooks.map((runbook) => runbook.file ?? ''),
    cached
  }
}

async function readCache(dir: string, key: string): Promise<ParseResult | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8')) as ParseResult
    return value && typeof value === 'object' && value.runbook && Array.isArray(value.diagnostics) ? value : undefined
  } catch {
    return undefined
  }
}

async function writeCache(dir: string, key: string, result: ParseResult): Promise<void> {
  try {
    await mkdir(dir, {recursive: true})
    // Write then rename, so a concurrent build never reads half a file.
    const temporary = path.join(dir, `${key}.${process.pid}.tmp`)
    await writeFile(temporary, JSON.stringify(result))
    await rename(temporary, path.join(dir, `${key}.json`))
  } catch {
    // A cache that cannot be written only makes the next build slower.
  }
}


