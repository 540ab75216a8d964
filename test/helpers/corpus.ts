/**
 * Where the third-party corpus of real runbooks is, for tests that read it.
 *
 * `RUNBOOK_CORPUS` names the folder (default `../shared/corpus` beside the
 * checkout). When it is absent the corpus tests are skipped with a printed
 * reason; with `CI=true` they are required and a missing corpus fails.
 * Never copy corpus files or their text into the project.
 */
import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe} from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const corpusDir = path.resolve(root, process.env.RUNBOOK_CORPUS ?? '../shared/corpus')
export const hasCorpus = existsSync(corpusDir)
const ci = process.env.CI === 'true' || process.env.CI === '1'

if (!hasCorpus) {
  if (ci) {
    throw new Error(`RUNBOOK_CORPUS: no corpus at ${corpusDir}; CI requires it (set RUNBOOK_CORPUS)`)
  }
  console.warn(`\n  ⚠ corpus tests SKIPPED: no corpus at ${corpusDir} (set RUNBOOK_CORPUS to run them)\n`)
}

/** `describe` when the corpus is there, `describe.skip` when not. */
export const describeCorpus = hasCorpus ? describe : describe.skip

/** Every Markdown file of the corpus (`.md`, `.md.erb`), as paths relative to `corpusDir`, sorted. */
export function corpusFiles(): string[] {
  if (!hasCorpus) return []
  const found: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.') || name === '_licenses') continue
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.(md|markdown)(\.erb)?$/i.test(name)) found.push(path.relative(corpusDir, full))
    }
  }
  walk(corpusDir)
  return found.sort()
}

/** Absolute path of a corpus file. */
export function corpusPath(relative: string): string {
  return path.join(corpusDir, relative)
}
