/**
 * Open a bundle from a file path or a URL (Node only): `fetchBundle` with a
 * fetch that reads `file:` URLs from disk.
 *
 * @module
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {type BundleFetch, type BundleReader, openAt} from '../bundle/reader.js'

/** What {@link readBundle} accepts. */
export interface ReadBundleOptions {
  /** Folder a relative path is resolved against. (default: `process.cwd()`) */
  cwd?: string | null | undefined
  /** Aborts reading the entry. (default: none) */
  signal?: AbortSignal | null | undefined
}

/**
 * Open the bundle at a path or an `http(s):`/`file:` URL: a one-file bundle
 * or a split one (its parts are read from the folder beside the entry as
 * they are needed). Errors name the file by its path.
 *
 * @param source
 *   Path of the bundle file (the entry of a split bundle), or its URL.
 * @param options
 *   Folder of relative paths, signal.
 * @returns
 *   A reader (see `fetchBundle`).
 */
export async function readBundle(source: string | URL, options?: ReadBundleOptions | null | undefined): Promise<BundleReader> {
  const url = toUrl(source, options?.cwd ?? process.cwd())
  const cwd = options?.cwd ?? process.cwd()
  const name = (href: string) => (href.startsWith('file:') ? displayPath(fileURLToPath(href), cwd) : href)
  return openAt(url, {fetch: fileFetch, name}, options?.signal ?? undefined)
}

function toUrl(source: string | URL, cwd: string): string {
  if (source instanceof URL) return source.href
  if (typeof source !== 'string' || source === '') {
    throw new TypeError(`runbook-kit: readBundle expects a path or URL, not ${JSON.stringify(source)}`)
  }
  if (/^(?:https?|file):/i.test(source)) return new URL(source).href
  return pathToFileURL(path.resolve(cwd, source)).href
}

/** A path relative to `cwd` when inside it. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}

/** `fetch` for `file:` URLs (a missing file answers 404), the platform's for the rest. */
export const fileFetch: BundleFetch = async (url, init) => {
  if (!url.startsWith('file:')) return fetch(url, {signal: (init.signal as AbortSignal | undefined) ?? null})
  try {
    const text = await readFile(fileURLToPath(url), 'utf8')
    return {ok: true, status: 200, text: async () => text}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return {ok: false, status: 404, text: async () => ''}
    throw error
  }
}
