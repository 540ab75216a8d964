/**
 * The bundle: one JSON file with the runbooks and their search index, made
 * by `runbook build` and loaded by the widget or any tool.
 *
 * ```json
 * {"format": "runbook-kit/bundle", "version": 2,
 *  "runbooks": [{"id": …, "title": …, "description": …, "hash": …, "meta": {…}, "body": "{\"steps\": …}"}],
 *  "index": {…}}
 * ```
 *
 * Kept small: source positions are left out, and the index holds no text
 * and no ids (its documents are numbered in runbook order).
 *
 * Kept fast to open: each runbook's body (steps, content trees) is JSON
 * text inside the JSON, so reading the file parses strings, not the objects
 * of every runbook; {@link openBundle} parses a body when its runbook is
 * first needed. For 1,000 runbooks (4 MB) that is about 6 ms instead of
 * 40 ms, and far less garbage to collect. Version 1 bundles (whole runbooks
 * inline) are still read.
 *
 * @module
 */
import type {Nodes, Root} from 'mdast'
import {isObject} from './is-object.js'
import {describe} from './describe.js'
import {type SearchIndex, type SerializedIndex, buildIndex, checkSerializedIndex, loadIndex} from './search/build.js'
import type {Command, Runbook, Step} from './types.js'

/** The `format` of every bundle. */
export const bundleFormat = 'runbook-kit/bundle'
/** The bundle version this library writes; it reads this one and every earlier one. */
export const bundleVersion = 2
/** The version of a split bundle's entry (`layout: "split"`), read by `fetchBundle`, not {@link openBundle}. */
export const splitBundleVersion = 3

/** The fields of a runbook that lists, filters and search results show. */
export type RunbookSummary = Pick<Runbook, 'id' | 'title' | 'description' | 'hash' | 'meta'>

/**
 * A runbook as a version 2 bundle stores it: its summary, and the rest of the
 * runbook as JSON text, parsed only when the runbook is opened (a string is
 * read many times faster than the objects it holds).
 */
export interface BundledRunbook extends RunbookSummary {
  /** The runbook's other fields (`steps`, `intro`, `start` …) as JSON text. */
  body: string
}

/** A bundle as written to JSON. */
export interface RunbookBundle {
  format: typeof bundleFormat
  version: number
  /** Version 2: {@link BundledRunbook}s; version 1 bundles hold whole runbooks. */
  runbooks: BundledRunbook[] | Runbook[]
  index: SerializedIndex
}

/** A loaded bundle: runbooks and a ready search index. */
export interface LoadedBundle {
  version: number
  runbooks: Runbook[]
  index: SearchIndex
}

/**
 * A bundle opened for reading, from {@link openBundle}: its summaries at
 * once, each runbook when first asked for, the index when first searched.
 */
export interface OpenedBundle {
  version: number
  /** Id, title, description, hash and metadata of every runbook, in bundle order. */
  readonly summaries: readonly RunbookSummary[]
  /**
   * The runbook with this id (the first, should ids repeat), read and
   * checked on the first call; `undefined` when the bundle has none.
   *
   * @throws {TypeError}
   *   `runbook-kit: bundle.runbooks[n]…` naming what is malformed.
   */
  runbook(id: string): Runbook | undefined
  /**
   * Every runbook, in order (each read once), and a search index over them,
   * loaded on the first call.
   *
   * @throws {TypeError}
   *   When a runbook or the index is malformed, or the index does not fit the runbooks.
   */
  load(): LoadedBundle
}

/** What {@link createBundle} accepts. */
export interface CreateBundleOptions {
  /**
   * An index already built over exactly these runbooks, to reuse.
   * (default: one is built)
   */
  index?: SearchIndex | null | undefined
}

/** The fields a version 2 bundle keeps outside a runbook's `body`. */
const summaryKeys = ['id', 'title', 'description', 'hash', 'meta'] as const

/**
 * Make a bundle of runbooks: for each runbook its summary and the rest as
 * JSON text, without source positions, and their search index.
 * `JSON.stringify` it to write the file.
 *
 * @param runbooks
 *   Parsed runbooks, in the order they should be listed.
 * @param options
 *   An index to reuse.
 * @returns
 *   The bundle, plain JSON.
 */
export function createBundle(
  runbooks: readonly Runbook[],
  options?: CreateBundleOptions | null | undefined
): RunbookBundle {
  if (!Array.isArray(runbooks)) {
    throw new TypeError(`runbook-kit: createBundle expects an array of runbooks, not ${describe(runbooks)}`)
  }
  const given = options?.index
  if (given && given.runbooks.length !== runbooks.length) {
    throw new TypeError('runbook-kit: createBundle: options.index was built from other runbooks')
  }
  const index = given ?? buildIndex(runbooks)
  return {
    format: bundleFormat,
    version: bundleVersion,
    runbooks: runbooks.map(bundleRunbook),
    index: index.toJSON()
  }
}

/**
 * Read a whole bundle: check its format, version and shape, read every
 * runbook and load the index. To show one runbook of a large bundle, use
 * {@link openBundle}, which reads only what is asked for.
 *
 * @param input
 *   The bundle, as JSON text or parsed (any version up to {@link bundleVersion}).
 * @returns
 *   Its runbooks and a search index over them.
 * @throws {TypeError}
 *   `runbook-kit: …` naming what is wrong (not JSON, another format, a newer
 *   version, a missing or malformed field).
 */
export function loadBundle(input: string | RunbookBundle | unknown): LoadedBundle {
  return openBundle(input).load()
}

/**
 * Open a bundle: check its format, version and the summaries of its
 * runbooks now; read a runbook's body when it is first asked for, and the
 * index when it is first needed. The fast way to show one runbook of
 * thousands.
 *
 * @param input
 *   The bundle, as JSON text or parsed (any version up to {@link bundleVersion}).
 * @returns
 *   The summaries, and readers for runbooks and the index.
 * @throws {TypeError}
 *   `runbook-kit: …` naming what is wrong with the bundle or a summary.
 */
export function openBundle(input: string | RunbookBundle | unknown): OpenedBundle {
  let value: unknown = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new TypeError(`runbook-kit: bundle is not valid JSON (${reason})`)
    }
  }
  if (isObject(value) && value.format === bundleFormat && value.version === splitBundleVersion && value.layout === 'split') {
    throw new TypeError(
      'runbook-kit: bundle is split into an entry and parts (version 3): open it with fetchBundle(url), ' +
        'or readBundle(path) of @runbook-kit/core/node'
    )
  }
  return openOneFile(value)
}

/**
 * @internal
 * Open a parsed one-file bundle: {@link openBundle} once the JSON text is
 * read (`fetchBundle` has already read it, and sent a split entry elsewhere).
 */
export function openOneFile(value: unknown): OpenedBundle {
  if (!isObject(value)) {
    throw new TypeError(`runbook-kit: bundle must be an object, not ${describe(value)}`)
  }
  const bundle = value as Partial<Record<keyof RunbookBundle, unknown>>
  if (bundle.format !== bundleFormat) {
    throw new TypeError(`runbook-kit: bundle.format must be "${bundleFormat}", not ${describe(bundle.format)}`)
  }
  const version = bundle.version
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new TypeError(`runbook-kit: bundle.version must be an integer, not ${describe(version)}`)
  }
  if (version > bundleVersion) {
    throw new TypeError(
      `runbook-kit: bundle version ${version} is newer than this library reads (${bundleVersion}); ` +
        'upgrade @runbook-kit/core or rebuild the bundle'
    )
  }
  if (version < 1) {
    throw new TypeError(`runbook-kit: bundle version ${version} is not supported (expected ${bundleVersion})`)
  }
  const entries = bundle.runbooks
  if (!Array.isArray(entries)) {
    throw new TypeError(`runbook-kit: bundle.runbooks must be an array, not ${describe(entries)}`)
  }
  entries.forEach((entry: unknown, i) => {
    const problem = checkSummary(entry, version)
    if (problem) throw new TypeError(`runbook-kit: bundle.runbooks[${i}]${problem}`)
  })
  const summaries = entries as RunbookSummary[]
  const read: Array<Runbook | undefined> = []
  const runbookAt = (i: number): Runbook => {
    let runbook = read[i]
    if (!runbook) {
      runbook = version === 1 ? (entries[i] as Runbook) : unbundleRunbook(entries[i] as BundledRunbook, i)
      const problem = checkRunbook(runbook)
      if (problem) throw new TypeError(`runbook-kit: bundle.runbooks[${i}]${problem}`)
      read[i] = runbook
    }
    return runbook
  }
  let loaded: LoadedBundle | undefined
  return {
    version,
    summaries,
    runbook(id) {
      const i = summaries.findIndex((summary) => summary.id === id)
      return i < 0 ? undefined : runbookAt(i)
    },
    load() {
      if (loaded) return loaded
      const runbooks = summaries.map((_, i) => runbookAt(i))
      const indexProblem = checkSerializedIndex(bundle.index)
      if (indexProblem) throw new TypeError(`runbook-kit: bundle.index ${indexProblem}`)
      let index: SearchIndex
      try {
        index = loadIndex(bundle.index as SerializedIndex, runbooks)
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^runbook-kit: /, '') : String(error)
        throw new TypeError(`runbook-kit: bundle.index does not fit bundle.runbooks: ${reason}`)
      }
      loaded = {version, runbooks, index}
      return loaded
    }
  }
}

/** A runbook of a version 2 bundle, whole again. */
export function unbundleRunbook(entry: BundledRunbook, i: number): Runbook {
  let body: unknown
  try {
    body = JSON.parse(entry.body)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new TypeError(`runbook-kit: bundle.runbooks[${i}].body is not valid JSON (${reason})`)
  }
  if (!isObject(body)) throw new TypeError(`runbook-kit: bundle.runbooks[${i}].body must hold an object, not ${describe(body)}`)
  const runbook: Record<string, unknown> = {...body}
  for (const key of summaryKeys) {
    if (entry[key] !== undefined) runbook[key] = entry[key]
  }
  return runbook as unknown as Runbook
}

/** What is wrong with a runbook's summary in a bundle (as `.path message`), or `undefined`. */
export function checkSummary(value: unknown, version: number): string | undefined {
  if (!isObject(value)) return ` must be a runbook object, not ${describe(value)}`
  for (const key of ['id', 'title'] as const) {
    if (typeof value[key] !== 'string') return `.${key} must be a string, not ${describe(value[key])}`
  }
  if (value.description !== undefined && typeof value.description !== 'string') {
    return `.description must be a string, not ${describe(value.description)}`
  }
  const meta = value.meta
  if (!isObject(meta)) return `.meta must be an object, not ${describe(meta)}`
  if (typeof meta.category !== 'string') return `.meta.category must be a string, not ${describe(meta.category)}`
  for (const key of ['tags', 'audience'] as const) {
    if (!Array.isArray(meta[key])) return `.meta.${key} must be an array, not ${describe(meta[key])}`
  }
  if (version > 1 && typeof value.body !== 'string') return `.body must be a string of JSON, not ${describe(value.body)}`
  return undefined
}

/** What is wrong with a runbook in a bundle (as `.path message`), or `undefined`. */
export function checkRunbook(value: unknown): string | undefined {
  if (!isObject(value)) return ` must be a runbook object, not ${describe(value)}`
  for (const key of ['id', 'title', 'start'] as const) {
    if (typeof value[key] !== 'string') return `.${key} must be a string, not ${describe(value[key])}`
  }
  for (const key of ['intro', 'outro'] as const) {
    if (!isRoot(value[key])) return `.${key} must be an mdast root, not ${describe(value[key])}`
  }
  if (!Array.isArray(value.steps)) return `.steps must be an array, not ${describe(value.steps)}`
  for (let s = 0; s < value.steps.length; s++) {
    const step: unknown = value.steps[s]
    const where = `.steps[${s}]`
    if (!isObject(step)) return `${where} must be a step object, not ${describe(step)}`
    if (typeof step.id !== 'string') return `${where}.id must be a string, not ${describe(step.id)}`
    if (typeof step.title !== 'string') return `${where}.title must be a string, not ${describe(step.title)}`
    if (!isRoot(step.content)) return `${where}.content must be an mdast root, not ${describe(step.content)}`
    for (const key of ['commands', 'edges', 'checklist', 'callouts', 'params'] as const) {
      if (!Array.isArray(step[key])) return `${where}.${key} must be an array, not ${describe(step[key])}`
    }
  }
  return undefined
}

const isRoot = (value: unknown): boolean =>
  isObject(value) && value.type === 'root' && Array.isArray(value.children)

/** The summary of a runbook or a bundle's entry for it (its fields of {@link RunbookSummary} only). */
export function toSummary(entry: RunbookSummary): RunbookSummary {
  const {id, title, description, hash, meta} = entry
  return {id, title, ...(description === undefined ? {} : {description}), hash, meta}
}

/** A runbook as a version 2 bundle stores it: the summary, and the rest without source positions as JSON text. */
export function bundleRunbook(runbook: Runbook): BundledRunbook {
  const rest: Record<string, unknown> = {...runbook}
  for (const key of summaryKeys) delete rest[key]
  rest.intro = stripTree(runbook.intro)
  rest.outro = stripTree(runbook.outro)
  rest.steps = runbook.steps.map(stripStep)
  const {id, title, description, hash, meta} = runbook
  return {id, title, ...(description === undefined ? {} : {description}), hash, meta, body: JSON.stringify(rest)}
}

function stripStep(step: Step): Step {
  const {position, ...rest} = step
  void position
  return {...rest, content: stripTree(step.content), commands: step.commands.map(stripCommand)}
}

function stripCommand(command: Command): Command {
  const {position, ...rest} = command
  void position
  return rest
}

function stripTree(tree: Root): Root {
  return stripNode(tree) as Root
}

/** A copy of an mdast node without positions, `null` fields or `spread: false` (their defaults). */
function stripNode(node: Nodes): Nodes {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'position' || value === null || value === undefined || (key === 'spread' && value === false)) continue
    copy[key] = key === 'children' && Array.isArray(value) ? (value as Nodes[]).map(stripNode) : value
  }
  return copy as unknown as Nodes
}
