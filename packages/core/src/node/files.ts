/**
 * Finding runbook files and naming them (Node only), shared by
 * `loadRunbooks` and `buildBundle`.
 */
import {readdir} from 'node:fs/promises'
import path from 'node:path'

/** Files Runbook Kit reads as runbooks. */
export const markdownFile = /\.(?:md|markdown)(?:\.erb)?$/i

/** Every Markdown file below `dir`, sorted, skipping dot-folders, `node_modules` and names in `ignore`. */
export async function findMarkdown(dir: string, ignore: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = []
  const entries = await readdir(dir, {withFileTypes: true})
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await findMarkdown(full, ignore)))
    else if (entry.isFile() && markdownFile.test(entry.name) && !ignore.has(entry.name)) found.push(full)
  }
  return found
}

/** A path relative to `cwd` with forward slashes, or absolute when outside it. */
export function displayName(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute)
  return (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/')
}

/** Messages of the `invalid-input` diagnostics for a path that cannot be read (not for a file the parser gave up on). */
export const unreadable = {
  missing: (name: string) => `No such file or folder: ${name}`,
  cannotRead: (name: string, reason: string) => `Cannot read ${name}: ${reason}`
}

/** Whether `diagnostic` says a path could not be read: an input error for the CLI (exit code 2). */
export function isUnreadable(diagnostic: {ruleId: string; message: string}): boolean {
  return diagnostic.ruleId === 'invalid-input' && /^(?:No such file or folder: |Cannot read )/.test(diagnostic.message)
}
