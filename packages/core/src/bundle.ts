/**
 * The bundle: one JSON file with the runbooks and their search index, made
 * by `runbook build` and loaded by the widget or any tool.
 *
 * ```json
 * {"format": "runbook-kit/bundle", "version": 1, "runbooks": [...], "index": {...}}
 * ```
 *
 * Kept small: source positions are left out, and the index holds no text
 * and no ids (its documents are numbered in runbook order).
 *
 * @module
 */
import type {Nodes, Root} from 'mdast'
import {type SearchIndex, type SerializedIndex, buildIndex, checkSerializedIndex, describe, loadIndex} from './search/build.js'
import type {Command, Runbook, Step} from './types.js'

/** The `format` of every bundle. */
export const bundleFormat = 'runbook-kit/bundle'
/** The bundle version this library writes and reads. */
export const bundleVersion = 1

/** A bundle as written to JSON. */
export interface RunbookBundle {
  format: typeof bundleFormat
  version: number
  runbooks: Runbook[]
  index: SerializedIndex
}

/** A loaded bundle: runbooks and a ready search index. */
export interface LoadedBundle {
  version: number
  runbooks: Runbook[]
  index: SearchIndex
}

/** What {@link createBundle} accepts. */
export interface CreateBundleOptions {
  /**
   * An index already built over exactly these runbooks, to reuse.
   * (default: one is built)
   */
  index?: SearchIndex | null | undefined
}

/**
 * Make a bundle of runbooks: the runbooks without source positions, and
 * their search index. `JSON.stringify` it to write the file.
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
    runbooks: runbooks.map(stripRunbook),
    index: index.toJSON()
  }
}

/**
 * Read a bundle: check its format, version and shape, and load its index.
 *
 * @param input
 *   The bundle, as JSON text or parsed.
 * @returns
 *   Its runbooks and a search index over them.
 * @throws {TypeError}
 *   `runbook-kit: …` naming what is wrong (not JSON, another format, a newer
 *   version, a missing or malformed field).
 */
export function loadBundle(input: string | RunbookBundle | unknown): LoadedBundle {
  let value: unknown = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new TypeError(`runbook-kit: bundle is not valid JSON (${reason})`)
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`runbook-kit: bundle must be an object, not ${describe(value)}`)
  }
  const bundle = value as Partial<Record<keyof RunbookBundle, unknown>>
  if (bundle.format !== bundleFormat) {
    throw new TypeError(`runbook-kit: bundle.format must be "${bundleFormat}", not ${describe(bundle.format)}`)
  }
  if (typeof bundle.version !== 'number' || !Number.isInteger(bundle.version)) {
    throw new TypeError(`runbook-kit: bundle.version must be an integer, not ${describe(bundle.version)}`)
  }
  if (bundle.version > bundleVersion) {
    throw new TypeError(
      `runbook-kit: bundle version ${bundle.version} is newer than this library reads (${bundleVersion}); ` +
        'upgrade @runbook-kit/core or rebuild the bundle'
    )
  }
  if (bundle.version < 1) {
    throw new TypeError(`runbook-kit: bundle version ${bundle.version} is not supported (expected ${bundleVersion})`)
  }
  if (!Array.isArray(bundle.runbooks)) {
    throw new TypeError(`runbook-kit: bundle.runbooks must be an array, not ${describe(bundle.runbooks)}`)
  }
  bundle.runbooks.forEach((runbook, i) => {
    const problem = checkRunbook(runbook)
    if (problem) throw new TypeError(`runbook-kit: bundle.runbooks[${i}]${problem}`)
  })
  const indexProblem = checkSerializedIndex(bundle.index)
  if (indexProblem) throw new TypeError(`runbook-kit: bundle.index ${indexProblem}`)
  const runbooks = bundle.runbooks as Runbook[]
  let index: SearchIndex
  try {
    index = loadIndex(bundle.index as SerializedIndex, runbooks)
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^runbook-kit: /, '') : String(error)
    throw new TypeError(`runbook-kit: bundle.index does not fit bundle.runbooks: ${reason}`)
  }
  return {version: bundle.version, runbooks, index}
}

/** What is wrong with a runbook in a bundle (as `.path message`), or `undefined`. */
function checkRunbook(value: unknown): string | undefined {
  if (!isObject(value)) return ` must be a runbook object, not ${describe(value)}`
  for (const key of ['id', 'title', 'start'] as const) {
    if (typeof value[key] !== 'string') return `.${key} must be a string, not ${describe(value[key])}`
  }
  const meta = value.meta
  if (!isObject(meta)) return `.meta must be an object, not ${describe(meta)}`
  if (typeof meta.category !== 'string') return `.meta.category must be a string, not ${describe(meta.category)}`
  if (!Array.isArray(meta.tags)) return `.meta.tags must be an array, not ${describe(meta.tags)}`
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isRoot = (value: unknown): boolean =>
  isObject(value) && value.type === 'root' && Array.isArray(value.children)

/** A copy of a runbook without source positions. */
function stripRunbook(runbook: Runbook): Runbook {
  return {
    ...runbook,
    intro: stripTree(runbook.intro),
    outro: stripTree(runbook.outro),
    steps: runbook.steps.map(stripStep)
  }
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
