/**
 * Where the steps are: the four structure rules of docs/runbook-format.md
 * (step headings, the principal ordered list, sections, the single step),
 * and the split of "If …" sub-headings into branch steps.
 */
import type {Heading, List, ListItem, Paragraph, RootContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position, Structure} from './types.js'
import {textOf} from './walk.js'

/** A step before it is a step: its heading (if any), title and content nodes. */
export interface Unit {
  title: string
  number?: string | undefined
  /** An explicit `{#id}`. */
  explicitId?: string | undefined
  /** `{.end}` on the heading. */
  endAttribute: boolean
  heading?: Heading | undefined
  /** Heading depth, or 0 for list items and the single step. */
  depth: number
  /** Whether the title is a condition ("If …"). */
  conditional: boolean
  nodes: RootContent[]
  position: Position | undefined
}

/** The units of a document and what surrounds them. */
export interface Layout {
  structure: Structure
  intro: RootContent[]
  units: Unit[]
  outro: RootContent[]
}

const stepHeadingPattern =
  /^(?:step\s+(\d+[a-z]?)\b\s*[:.)\-–—]?\s*|(\d+(?:\.\d+)*)[.)]?\s+(?=\S)|phase\s+(\d+|[ivx]+)\b\s*[:.)\-–—]?\s*)/i
const conditionalPattern = /^if\b/i
const attributePattern = /\s*\{\s*((?:[#.][\w:-]+\s*)+)\}\s*$/

/** Attributes written at the end of a heading: `{#id .end}`. */
export interface HeadingAttributes {
  id?: string | undefined
  end: boolean
}

/**
 * Read and remove a trailing `{#id .end}` from a heading or paragraph's
 * last text node (mutates the node; the tree is the parser's own).
 */
export function takeAttributes(node: Heading | Paragraph): HeadingAttributes {
  const last = node.children[node.children.length - 1]
  if (!last || last.type !== 'text') return {end: false}
  const match = attributePattern.exec(last.value)
  if (!match) return {end: false}
  const attributes: HeadingAttributes = {end: false}
  for (const part of match[1]!.trim().split(/\s+/)) {
    if (part.startsWith('#') && part.length > 1) attributes.id = part.slice(1)
    else if (part === '.end') attributes.end = true
  }
  ;(last as Text).value = last.value.slice(0, match.index)
  return attributes
}

/** Split a heading's text into a number and a title ("Step 3: Restart" → 3, "Restart"). */
export function stepNumberOf(text: string): {number?: string; title: string} | undefined {
  const match = stepHeadingPattern.exec(text)
  if (!match) return undefined
  const number = match[1] ?? match[2] ?? match[3]
  const rest = text.slice(match[0].length).trim()
  return {number, title: rest || text.trim()}
}

/** Decide the structure of `body` (the document without frontmatter and title heading). */
export function layout(body: RootContent[], source: string, attributes: ReadonlyMap<Heading, HeadingAttributes>): Layout {
  const headings = body.filter((node): node is Heading => node.type === 'heading')

  // (a) Step headings.
  const counts = new Map<number, number>()
  for (const heading of headings) {
    if (stepNumberOf(toString(heading))) counts.set(heading.depth, (counts.get(heading.depth) ?? 0) + 1)
  }
  let stepDepth = 0
  let best = 1
  for (const [depth, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > best) {
      best = count
      stepDepth = depth
    }
  }
  if (stepDepth > 0) {
    const first = body.findIndex(
      (node) => node.type === 'heading' && node.depth === stepDepth && stepNumberOf(toString(node)) !== undefined
    )
    return {
      structure: 'step-headings',
      intro: body.slice(0, first),
      units: splitConditionals(sections(body.slice(first), stepDepth, true, attributes), attributes),
      outro: []
    }
  }

  // (b) The principal ordered list.
  const minDepth = headings.reduce((min, heading) => Math.min(min, heading.depth), 7)
  const sectionCount = headings.filter((heading) => heading.depth === minDepth).length
  const run = principalList(body, source)
  if (run) {
    const span = spanOf(body)
    const share = span > 0 ? run.length / span : 1
    if (sectionCount < 2 || share >= 0.4) {
      return {
        structure: 'ordered-list',
        intro: body.slice(0, run.first),
        units: run.items.map(({item, trailing}, index) => listUnit(item, trailing, index)),
        outro: body.slice(run.last + 1)
      }
    }
  }

  // (c) Sections.
  if (headings.length > 0) {
    const first = body.findIndex((node) => node.type === 'heading' && node.depth === minDepth)
    return {
      structure: 'sections',
      intro: body.slice(0, first),
      units: splitConditionals(sections(body.slice(first), minDepth, false, attributes), attributes),
      outro: []
    }
  }

  // (d) The whole file is one step.
  return {structure: 'single', intro: [], units: [], outro: body}
}

/** Units from headings at `depth` (or shallower): each heading and what follows it. */
function sections(nodes: RootContent[], depth: number, numbered: boolean, attributes: ReadonlyMap<Heading, HeadingAttributes>): Unit[] {
  const units: Unit[] = []
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= depth) {
      units.push(headingUnit(node, numbered, attributes.get(node) ?? {end: false}))
    } else {
      const unit = units[units.length - 1]
      if (unit) {
        unit.nodes.push(node)
        if (unit.position && node.position) unit.position = {start: unit.position.start, end: node.position.end}
      }
    }
  }
  return units
}

function headingUnit(heading: Heading, numbered: boolean, attributes: HeadingAttributes): Unit {
  const text = toString(heading).trim()
  const step = numbered ? stepNumberOf(text) : undefined
  return {
    title: step?.title ?? text,
    number: step?.number,
    explicitId: attributes.id,
    endAttribute: attributes.end,
    heading,
    depth: heading.depth,
    conditional: conditionalPattern.test(step?.title ?? text),
    nodes: [],
    position: heading.position ? {start: heading.position.start, end: heading.position.end} : undefined
  }
}

/**
 * Split "If …" sub-headings out of their section: when a unit holds two or
 * more sibling headings (at its highest inner level) that start with "If",
 * every heading at that level from the first "If" on becomes a unit.
 */
function splitConditionals(units: Unit[], attributes: ReadonlyMap<Heading, HeadingAttributes>): Unit[] {
  const result: Unit[] = []
  for (const unit of units) {
    const inner = unit.nodes.filter((node): node is Heading => node.type === 'heading')
    const level = inner.reduce((min, heading) => Math.min(min, heading.depth), 7)
    const conditionals = inner.filter((heading) => heading.depth === level && conditionalPattern.test(toString(heading).trim()))
    if (conditionals.length < 2) {
      result.push(unit)
      continue
    }
    const firstIndex = unit.nodes.indexOf(conditionals[0]!)
    const kept = unit.nodes.slice(0, firstIndex)
    const parent: Unit = {...unit, nodes: kept, position: extend(unit.heading?.position ?? unit.position, kept)}
    result.push(parent, ...sections(unit.nodes.slice(firstIndex), level, false, attributes))
  }
  return result
}

/** A run of top-level ordered lists that make one numbered list. */
interface ListRun {
  first: number
  last: number
  /** Characters of source the run covers. */
  length: number
  items: Array<{item: ListItem; trailing: RootContent[]}>
}

/** Blocks that may stand between the items of one numbered list. */
const interrupting = new Set(['code', 'paragraph', 'blockquote', 'html', 'table', 'definition'])

/**
 * The longest run of top-level ordered lists that read as one list: numbers
 * that continue after an interrupting block, or "1. 1. 1." numbering.
 */
function principalList(body: RootContent[], source: string): ListRun | undefined {
  let best: ListRun | undefined
  let index = 0
  while (index < body.length) {
    const node = body[index]!
    if (node.type !== 'list' || !node.ordered) {
      index++
      continue
    }
    const run: ListRun = {first: index, last: index, length: 0, items: node.children.map((item) => ({item, trailing: []}))}
    const repeated = repeatsNumber(node, source)
    let expected = (node.start ?? 1) + node.children.length
    let cursor = index + 1
    while (cursor < body.length) {
      let next = cursor
      while (next < body.length && interrupting.has(body[next]!.type)) next++
      const candidate = body[next]
      if (!candidate || candidate.type !== 'list' || !candidate.ordered || next === cursor) break
      const start = candidate.start ?? 1
      const continues = start === expected || (repeated && start === (node.start ?? 1) && repeatsNumber(candidate, source))
      if (!continues) break
      run.items[run.items.length - 1]!.trailing.push(...body.slice(cursor, next))
      run.items.push(...candidate.children.map((item) => ({item, trailing: [] as RootContent[]})))
      expected = start + candidate.children.length
      run.last = next
      cursor = next + 1
    }
    run.length = spanOf(body.slice(run.first, run.last + 1))
    if (!best || run.items.length > best.items.length) best = run
    index = run.last + 1
  }
  return best && best.items.length >= 2 ? best : undefined
}

/** Whether every item of a list is written with the same number ("1. 1. 1."). */
function repeatsNumber(list: List, source: string): boolean {
  const numbers = list.children.map((item) => {
    const offset = item.position?.start.offset
    return offset === undefined ? undefined : /^\s*(\d+)/.exec(source.slice(offset, offset + 12))?.[1]
  })
  return numbers.every((number) => number !== undefined && number === numbers[0])
}

/** A unit from an item of the principal list (and the blocks that follow it). */
function listUnit(item: ListItem, trailing: RootContent[], index: number): Unit {
  const nodes = [...(item.children as RootContent[]), ...trailing]
  const first = item.children[0]
  let title = ''
  let explicitId: string | undefined
  let endAttribute = false
  if (first && first.type === 'paragraph') {
    const attributes = takeAttributes(first)
    explicitId = attributes.id
    endAttribute = attributes.end
    const text = textOf(first).replace(/\s+/g, ' ').trim()
    title = firstSentence(text)
    // Drop the paragraph when the title says all of it.
    if (title === text.replace(/[:.]$/, '')) nodes.shift()
  } else if (first) {
    title = firstSentence(textOf(first).replace(/\s+/g, ' ').trim())
  }
  return {
    title: title || `Step ${index + 1}`,
    number: String(index + 1),
    explicitId,
    endAttribute,
    depth: 0,
    conditional: false,
    nodes,
    position: extend(item.position, trailing)
  }
}

/**
 * Abbreviations whose full stop ends no sentence ("e.g.", "i.e.", "vs.",
 * "approx." …), and "etc." unless a capital letter follows. Version
 * numbers ("v1.2") have no white space after their dots, so never end one.
 */
const abbreviation = /(?:^|[\s(\[])(?:e\.g|i\.e|vs|cf|approx|incl|ca|viz|et al|fig|Mr|Mrs|Ms|Dr)\.$/i
/** A sentence end: `.`, `!`, `?` or `:` before white space or the end. */
const sentenceEnd = /[.!?:](?=\s|$)/g

/** The first sentence of `text`, at most about 100 characters, without a closing colon or full stop. */
export function firstSentence(text: string): string {
  let end = text.length
  sentenceEnd.lastIndex = 0
  for (let match = sentenceEnd.exec(text); match; match = sentenceEnd.exec(text)) {
    if (match.index === 0) continue
    const head = text.slice(Math.max(0, match.index - 8), match.index + 1)
    if (match[0] === '.' && abbreviation.test(head)) continue
    if (match[0] === '.' && /(?:^|[\s(])etc\.$/i.test(head) && !/^\s+[A-Z]/.test(text.slice(match.index + 1, match.index + 3))) continue
    end = match.index + 1
    break
  }
  let sentence = text.slice(0, end).trim()
  if (sentence.length > 100) {
    const cut = sentence.lastIndexOf(' ', 97)
    sentence = sentence.slice(0, cut > 40 ? cut : 97).trimEnd() + '…'
  }
  return sentence.replace(/[:.]$/, '')
}

/** Characters of source a list of nodes spans. */
function spanOf(nodes: RootContent[]): number {
  const start = nodes[0]?.position?.start.offset
  const end = nodes[nodes.length - 1]?.position?.end.offset
  return start === undefined || end === undefined ? 0 : end - start
}

function extend(position: Position | undefined, nodes: RootContent[]): Position | undefined {
  const end = nodes[nodes.length - 1]?.position?.end
  if (!position) return undefined
  return end ? {start: position.start, end} : {start: position.start, end: position.end}
}

