/**
 * Rule: a runbook's default id comes from its file name, or from its folder
 * when the file is a folder's page (`index.*`, `README.*`, `_index.*`).
 *
 * @example
 *   runbookIdFromPath('docs/redis/README.md')            // 'redis'
 *   runbookIdFromPath('source/foo/index.html.md.erb')    // 'foo'
 *   runbookIdFromPath('runbooks/Printer Offline.md')     // 'printer-offline'
 *   runbookIdFromPath('README.md')                       // 'readme' (no folder to name it)
 */

import {slugText} from './slug.js'

/** Markdown extensions, with the `.html` and `.erb` of static-site sources (`x.html.md.erb`). */
const markdownExtension = /(?:\.html)?\.(?:md|markdown|mdx)(?:\.erb)?$/i
/** Names that stand for their folder. */
const folderPage = /^(?:index|readme|_index)$/i

/**
 * The id a runbook file gets by default: its name without extensions,
 * slugged; for `index.*` and `README.*` the name of the folder they are in.
 * The id a link to another runbook guesses is the same (`links.ts` uses this).
 */
export function runbookIdFromPath(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '' && part !== '.')
  const name = parts.pop() ?? path
  const base = stripExtension(name)
  if (folderPage.test(base)) {
    const folder = parts[parts.length - 1]
    const id = folder === undefined || folder === '..' ? '' : slugText(folder)
    if (id) return id
  }
  return slugText(base) || 'runbook'
}

/** A file name without its Markdown extensions; a last extension that starts with a digit (`v1.2`) is kept. */
function stripExtension(name: string): string {
  return name.replace(markdownExtension, '').replace(/\.[^.]*$/, (ext) => (/^\.\d/.test(ext) ? ext : ''))
}
