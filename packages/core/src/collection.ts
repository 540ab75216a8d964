/**
 * Collections: many runbooks, with links between them resolved.
 */
import {createDiagnostic, sortDiagnostics} from './diagnostics.js'
import {parseRunbook, type ParseOptions} from './parse/index.js'
import {distinctIds} from './parse/titles/distinct-ids.js'
import {normalizePath, resolveFrom} from './paths.js'
import type {Diagnostic, ParseResult, Runbook} from './types.js'

/** Something a collection can be made of: parsed runbooks, or Markdown with its file name. */
export type CollectionEntry = ParseResult | Runbook | {markdown: string; file?: string | null | undefined}

/** Options of `createCollection`. */
export interface CollectionOptions extends Omit<ParseOptions, 'file' | 'id'> {
  /**
   * Runbooks that links may lead to but that are not part of the collection
   * (not returned, their diagnostics not reported), such as the neighbours
   * of a single file being linted (default: none).
   */
  context?: readonly CollectionEntry[] | null | undefined
}

/** Runbooks whose cross-runbook edges and links are resolved. */
export interface Collection {
  runbooks: Runbook[]
  /** Diagnostics of every runbook plus those of resolving links between them. */
  diagnostics: Diagnostic[]
  /** The runbook with `id`. */
  get(id: string): Runbook | undefined
}

/**
 * Make a collection: parse what needs parsing, then resolve every edge and
 * link that points at another runbook (by relative path, else by id) to the
 * target runbook's id and step. Links to runbooks outside the collection or
 * to anchors they lack are reported as `dangling-link`. Runbooks whose ids
 * come from their paths and meet are first told apart by their folders
 * (`docs/elastic/troubleshooting/README.md` → `elastic-troubleshooting`);
 * an id set twice in frontmatter is reported as `duplicate-step-id`.
 */
export function createCollection(entries: readonly CollectionEntry[], options?: CollectionOptions | null): Collection {
  if (!Array.isArray(entries)) {
    throw new TypeError(`runbook-kit: createCollection expects an array of runbooks, not ${typeof entries}`)
  }
  const runbooks: Runbook[] = []
  const diagnostics: Diagnostic[] = []
  for (const entry of entries) {
    if ('runbook' in entry) {
      runbooks.push(entry.runbook)
      diagnostics.push(...entry.diagnostics)
    } else if ('markdown' in entry) {
      const {context: _context, ...parseOptions} = options ?? {}
      const result = parseRunbook(entry.markdown, {...parseOptions, file: entry.file ?? undefined})
      runbooks.push(result.runbook)
      diagnostics.push(...result.diagnostics)
    } else {
      runbooks.push(entry)
    }
  }

  // Runbooks whose ids come from their paths and meet take their folders (parse/titles/distinct-ids.ts).
  distinctIds(runbooks)
  const byId = new Map<string, Runbook>()
  const byFile = new Map<string, Runbook>()
  for (const runbook of runbooks) {
    if (byId.has(runbook.id)) {
      diagnostics.push(
        createDiagnostic('duplicate-step-id', `Runbook id "${runbook.id}" is also used by ${byId.get(runbook.id)!.file ?? 'another runbook'}`, undefined, runbook.file, {
          note: 'Set a unique `id:` in the frontmatter'
        })
      )
    } else {
      byId.set(runbook.id, runbook)
    }
    if (runbook.file !== undefined) byFile.set(normalizePath(runbook.file), runbook)
  }
  // Context runbooks resolve links only where no member of the collection does.
  for (const entry of options?.context ?? []) {
    const runbook =
      'runbook' in entry ? entry.runbook : 'markdown' in entry ? parseRunbook(entry.markdown, {file: entry.file ?? undefined}).runbook : entry
    if (!byId.has(runbook.id)) byId.set(runbook.id, runbook)
    if (runbook.file !== undefined && !byFile.has(normalizePath(runbook.file))) byFile.set(normalizePath(runbook.file), runbook)
  }
  const members = new Set(runbooks)

  const find = (from: Runbook, href: string | undefined, guess: string | undefined): Runbook | undefined => {
    if (href !== undefined && from.file !== undefined) {
      const path = href.split('#')[0]!.split('?')[0]!
      const target = byFile.get(resolveFrom(from.file, safeDecode(path)))
      if (target) return target
    }
    return guess === undefined ? undefined : byId.get(guess)
  }
  const stepOf = (target: Runbook, anchor: string | undefined): string | undefined | null => {
    if (anchor === undefined) return undefined
    if (target.steps.some((step) => step.id === anchor)) return anchor
    if (Object.hasOwn(target.anchors, anchor)) return target.anchors[anchor]
    const numbered = /^step-?(\d+)$/i.exec(anchor)
    if (numbered) return target.steps[Number(numbered[1]) - 1]?.id ?? null
    return null
  }

  for (const runbook of runbooks) {
    for (const step of runbook.steps) {
      for (const edge of step.edges) {
        if (edge.runbook === undefined) continue
        const target = find(runbook, edge.href, edge.runbook)
        const where = step.position?.start
        if (!target) {
          diagnostics.push(createDiagnostic('dangling-link', `Link "${edge.href ?? edge.runbook}" is not a runbook in this collection`, where, runbook.file))
          continue
        }
        edge.runbook = target.id
        const to = stepOf(target, edge.to)
        if (to === null) {
          diagnostics.push(createDiagnostic('dangling-link', `Link "${edge.href}" names no step of runbook "${target.id}"`, where, runbook.file))
          delete edge.to
        } else if (to === undefined) {
          delete edge.to
        } else {
          edge.to = to
        }
      }
    }
    for (const link of runbook.links) {
      const target = find(runbook, link.href, link.runbook)
      const from = runbook.steps.find((step) => step.id === link.from)
      if (!target) {
        diagnostics.push(
          createDiagnostic('dangling-link', `Link "${link.href}" is not a runbook in this collection`, from?.position?.start, runbook.file, {severity: 'warning'})
        )
        continue
      }
      link.runbook = target.id
      const to = stepOf(target, link.to)
      if (to === null) {
        diagnostics.push(
          createDiagnostic('dangling-link', `Link "${link.href}" names no step of runbook "${target.id}"`, from?.position?.start, runbook.file, {severity: 'warning'})
        )
      } else if (to !== undefined) {
        link.to = to
      }
    }
  }

  return {
    runbooks,
    diagnostics: sortDiagnostics(diagnostics),
    get: (id: string) => {
      const runbook = byId.get(id)
      return runbook && members.has(runbook) ? runbook : undefined
    }
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
