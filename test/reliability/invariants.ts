/**
 * The invariants every parsed runbook keeps, whatever the input, and the
 * settings the reliability tests share.
 *
 * `checkRunbook` returns a list of broken invariants (empty: all kept) so a
 * failing fuzz case prints every problem at once; `expectSound` asserts it.
 */
import {type Diagnostic, type ParseOptions, type ParseResult, parseRunbook, type Runbook} from '@runbook-kit/core'
import {expect} from 'vitest'

/** Number of fuzz cases: `FUZZ_RUNS` (set by `npm run fuzz`), else `fallback` for `npm test`. */
export function fuzzRuns(fallback: number): number {
  const given = Number(process.env.FUZZ_RUNS)
  return Number.isFinite(given) && given > 0 ? Math.floor(given) : fallback
}

/** The fast-check seed: `FUZZ_SEED`, else a fixed one so `npm test` is repeatable. */
export function fuzzSeed(): number {
  const given = Number(process.env.FUZZ_SEED)
  return Number.isInteger(given) ? given : 20261123
}

/** The source the parser reads positions against: `markdown` without a leading BOM, cut at `maxSize`. */
export function readSource(markdown: string, maxSize = 10_000_000): string {
  const source = markdown.charCodeAt(0) === 0xfeff ? markdown.slice(1) : markdown
  return source.slice(0, maxSize)
}

/** Parse and check; throws (with every broken invariant) when one is broken. */
export function parseSound(markdown: string, options?: ParseOptions): ParseResult {
  const result = parseRunbook(markdown, options)
  const problems = checkResult(result, readSource(markdown, options?.maxSize ?? undefined))
  if (problems.length > 0) {
    throw new Error(`broken invariants:\n- ${problems.join('\n- ')}\ninput: ${JSON.stringify(markdown.slice(0, 2000))}`)
  }
  return result
}

/** Assert that a parse result keeps every invariant. */
export function expectSound(result: ParseResult, source: string): void {
  expect(checkResult(result, source)).toEqual([])
}

/** Every broken invariant of a parse result (empty when sound). */
export function checkResult(result: ParseResult, source: string): string[] {
  const problems = checkRunbook(result.runbook, source)
  for (const diagnostic of result.diagnostics) problems.push(...checkDiagnostic(diagnostic))
  if (!roundTrips(result.diagnostics)) problems.push('diagnostics do not survive a JSON round trip')
  return problems
}

/** Every broken invariant of a runbook read from `source` (empty when sound). */
export function checkRunbook(runbook: Runbook, source: string): string[] {
  const problems: string[] = []
  const ids = runbook.steps.map((step) => step.id)
  const idSet = new Set(ids)
  if (runbook.steps.length === 0) problems.push('no steps')
  if (idSet.size !== ids.length) problems.push(`duplicate step ids: ${JSON.stringify(ids)}`)
  if (typeof runbook.start !== 'string' || !idSet.has(runbook.start)) problems.push(`start ${String(runbook.start)} is not a step`)
  if (runbook.steps[0] && runbook.start !== runbook.steps[0].id) problems.push('start is not the first step')
  for (const id of ids) if (typeof id !== 'string' || id === '') problems.push(`bad step id ${JSON.stringify(id)}`)
  if (typeof runbook.id !== 'string' || runbook.id === '') problems.push(`bad runbook id ${JSON.stringify(runbook.id)}`)
  if (typeof runbook.title !== 'string' || runbook.title === '') problems.push(`bad title ${JSON.stringify(runbook.title)}`)

  const lines = lineCount(source)
  for (const step of runbook.steps) {
    for (const edge of step.edges) {
      if (edge.runbook === undefined && edge.to === undefined && typeof edge.href === 'string') {
        // A hand-over to an external document: an address, nothing inside this runbook.
        if (!/^https?:/.test(edge.href)) problems.push(`external edge of "${step.id}" is not a web address: ${describe(edge.href)}`)
      } else if (edge.runbook === undefined && edge.to === undefined && edge.href === undefined) {
        // "Otherwise, finish": only beside another way out, and the last of the step's edges.
        if (edge.kind !== 'next' || step.edges.length < 2 || step.edges[step.edges.length - 1] !== edge) {
          problems.push(`edge of "${step.id}" ends the runbook but is not an "otherwise" beside another way: ${describe(edge)}`)
        }
      } else if (edge.runbook === undefined) {
        if (typeof edge.to !== 'string' || !idSet.has(edge.to)) problems.push(`edge of "${step.id}" leads to ${describe(edge.to)}, not a step`)
      } else if (typeof edge.runbook !== 'string' || (edge.to !== undefined && typeof edge.to !== 'string')) {
        problems.push(`cross-runbook edge of "${step.id}" is malformed: ${describe(edge)}`)
      }
    }
    if (step.kind === 'end' && step.edges.some((edge) => edge.runbook === undefined && edge.to !== undefined)) problems.push(`end step "${step.id}" has edges`)
    if (step.kind === 'decision' && step.edges.length < 2) problems.push(`decision "${step.id}" has fewer than two edges`)
    const position = step.position
    if (position) {
      const {start, end} = position
      if (start.line < 1 || end.line > lines || start.line > end.line) problems.push(`step "${step.id}" lines ${start.line}-${end.line} outside 1-${lines}`)
      if (start.column < 1 || end.column < 1) problems.push(`step "${step.id}" has a column below 1`)
      if (start.offset !== undefined && end.offset !== undefined) {
        if (start.offset < 0 || end.offset > source.length || start.offset > end.offset) {
          problems.push(`step "${step.id}" offsets ${start.offset}-${end.offset} outside 0-${source.length}`)
        }
      }
    }
  }
  for (const [anchor, stepId] of Object.entries(runbook.anchors)) {
    if (!idSet.has(stepId)) problems.push(`anchor "${anchor}" leads to ${describe(stepId)}, not a step`)
  }
  const prototypes = foreignPrototypes(runbook)
  if (prototypes.length > 0) problems.push(`objects that are not plain: ${prototypes.join(', ')}`)
  if (!roundTrips(runbook)) problems.push('runbook does not survive a JSON round trip')
  return problems
}

function checkDiagnostic(diagnostic: Diagnostic): string[] {
  const problems: string[] = []
  if (diagnostic.ruleId === 'invalid-input') problems.push(`internal error reported as a diagnostic: ${diagnostic.message}`)
  if (!(diagnostic.line >= 1 && diagnostic.column >= 1)) problems.push(`diagnostic at ${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`)
  if (typeof diagnostic.message !== 'string' || diagnostic.message === '') problems.push(`diagnostic without a message: ${diagnostic.ruleId}`)
  return problems
}

/** Whether `value` reads back from JSON deeply equal (no functions, no undefined in arrays, no NaN). */
export function roundTrips(value: unknown): boolean {
  let text: string
  try {
    text = JSON.stringify(value)
  } catch {
    return false
  }
  return deepEqual(JSON.parse(text), value)
}

/** Structural equality where a missing property equals one set to `undefined` (as JSON sees it). */
function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  for (const key of keys) {
    const l = Object.hasOwn(left, key) ? left[key] : undefined
    const r = Object.hasOwn(right, key) ? right[key] : undefined
    if (!deepEqual(l, r)) return false
  }
  return true
}

/** Paths of objects whose prototype is neither `Object.prototype` nor `Array.prototype`. */
function foreignPrototypes(value: unknown, path = '$', found: string[] = []): string[] {
  if (typeof value !== 'object' || value === null || found.length > 5) return found
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== Array.prototype) found.push(path)
  for (const key of Object.keys(value)) foreignPrototypes((value as Record<string, unknown>)[key], `${path}.${key}`, found)
  return found
}

function lineCount(source: string): number {
  let count = 1
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13 && source.charCodeAt(index + 1) !== 10) count++
  }
  return count
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function'
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
