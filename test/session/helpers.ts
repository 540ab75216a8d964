/**
 * Helpers for the session tests: hand-built runbooks, a manual clock, and the
 * project's own runbooks parsed once.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseRunbook, type Command, type Edge, type Runbook, type Step} from '@runbook-kit/core'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** A step as the tests write it. */
export interface StepSpec {
  id: string
  title?: string
  /** Edges: a step id (a `next` edge when alone, else a `choice`), or a full edge. Default: the next step in the list. */
  to?: Array<string | Edge>
  end?: boolean
  checklist?: string[]
  commands?: Array<string | Partial<Command>>
}

/** A runbook built by hand: steps in order, each continuing to the next unless it says otherwise. */
export function makeRunbook(specs: StepSpec[], extra?: Partial<Runbook>): Runbook {
  const steps: Step[] = specs.map((spec, index) => {
    let edges: Edge[]
    if (spec.end) edges = []
    else if (spec.to) {
      edges = spec.to.map((edge) =>
        typeof edge === 'string' ? (spec.to!.length === 1 ? {kind: 'next', to: edge} : {kind: 'choice', to: edge, label: `to ${edge}`}) : edge
      )
    } else edges = index + 1 < specs.length ? [{kind: 'next', to: specs[index + 1]!.id}] : []
    const commands: Command[] = (spec.commands ?? []).map((c) => {
      const code = typeof c === 'string' ? c : (c.code ?? '')
      const params = [...code.matchAll(/<([A-Za-z][\w.-]*)>|\$\{([A-Za-z_]\w*)\}|\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => (m[1] ?? m[2] ?? m[3])!)
      return {code, shell: 'posix', params: [...new Set(params)], destructive: false, ...(typeof c === 'string' ? {} : c)}
    })
    return {
      id: spec.id,
      title: spec.title ?? `Title of ${spec.id}`,
      kind: edges.length === 0 ? 'end' : edges.length > 1 ? 'decision' : 'task',
      content: {type: 'root', children: []},
      commands,
      checklist: (spec.checklist ?? []).map((text) => ({id: text.toLowerCase().replace(/\W+/g, '-'), text, checked: false})),
      callouts: [],
      params: [...new Set(commands.flatMap((c) => c.params))],
      edges
    }
  })
  return {
    id: 'hand-built',
    title: 'A hand-built runbook',
    hash: 'hash-' + specs.map((s) => s.id).join('.'),
    structure: 'step-headings',
    meta: {category: 'other', tags: [], audience: [], extra: {}},
    params: [],
    intro: {type: 'root', children: []},
    outro: {type: 'root', children: []},
    start: steps[0]!.id,
    steps,
    anchors: {},
    links: [],
    ...extra
  }
}

/** A clock the test moves by hand (starts at 2026-01-01T00:00:00Z). */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let t = start
  return {
    now: () => t,
    advance(ms: number) {
      t += ms
    },
    set(ms: number) {
      t = ms
    }
  }
}

/** A counter id source. */
export function counterIds(prefix = 'session') {
  let n = 0
  return () => `${prefix}-${++n}`
}

/** Every Markdown runbook under `runbooks/`, relative to the repository root, sorted. */
export function projectRunbookFiles(): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith('.md')) found.push(path.relative(root, full))
    }
  }
  walk(path.join(root, 'runbooks'))
  return found.sort()
}

/** Parse a Markdown file of the project. */
export function parseFile(relative: string): Runbook {
  return parseRunbook(readFileSync(path.join(root, relative), 'utf8'), {file: relative}).runbook
}

/** The branching fixture of the runner tests. */
export const healthCheckFile = 'test/fixtures/session/health-check.md'
