/**
 * Where the steps are: the four structure rules of docs/runbook-format.md
 * (step headings, the principal ordered list, sections, the single step),
 * and the split of "If …" sub-headings into branch steps.
 */
import type {Heading, List, ListItem, Paragraph, RootContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position, Structure} from '../../types.js'
import {textOf} from '../../walk.js'
import {holdsActions, isNamedStep, sectionRole} from './section-roles.js'
import {proseStepStarts} from './prose-steps.js'
import {announcesProblems} from './symptom-sections.js'

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
  /** A fix the section before offers by symptom (`structure/symptom-sections.ts`). */
  symptom?: boolean | undefined
  nodes: RootContent[]
  position: Position | undefined
  /** Headings of container sections this unit stands for (their anchors lead to it). */
  containers?: Heading[] | undefined
}

/** The units of a document and what surrounds them. */
export interface Layout {
  structure: Structure
  intro: RootContent[]
  units: Unit[]
  outro: RootContent[]
}

const stepHeadingPattern =
  /^(?:step\s+(\d+[a-z]?)\b\s*[:.)\-–—]?\s*|(\d+(?:\.\d+)*)[.)]?\s+(?=\S)|(?:phase|part|stage)\s+(\d+|[ivx]+)\b\s*[:.)\-–—]?\s*)/i
/** A condition heading ("If the pod is pending"); a question ("If I lose my phone, what do I do?") is an FAQ entry, not a branch. */
const conditionalPattern = /^if\b(?![^\n]*\?\s*$)/i
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
  // A lone top heading over the whole document is a title: its sub-sections are the sections.
  const {lead, rest, depth} = pastTitleHeadings(body)
  const sectionNodes = rest
  const intro: RootContent[] = [...lead]

  if (depth === undefined) {
    // No headings: the principal ordered list, else the whole file is one step.
    const run = principalList(body, source)
    if (run) return listLayout(body, run)
    const starts = proseStepStarts(body)
    if (starts) {
      return {
        structure: 'sections',
        intro: body.slice(0, starts[0]),
        units: starts.map((start, index) => proseUnit(body.slice(start, starts[index + 1] ?? body.length))),
        outro: []
      }
    }
    return {structure: 'single', intro: [], units: [], outro: body}
  }

  let units = sections(sectionNodes, depth, false, attributes)
  const numbered = units.filter((unit) => unit.heading && stepNumberOf(toString(unit.heading).trim()) !== undefined).length
  const stepHeadings = numbered >= 2
  if (stepHeadings) units = sections(sectionNodes, depth, true, attributes)
  // Framing sections: leading intro-like ones and reference ones at either end are not steps.
  const outro: RootContent[] = []
  const roleOf = (unit: Unit) => sectionRole(unit.heading ? toString(unit.heading).trim() : unit.title, unit.nodes)
  let first = 0
  while (first < units.length - 1 && roleOf(units[first]!) !== 'step') first++
  let last = units.length - 1
  while (last > first && roleOf(units[last]!) === 'reference') last--
  if (units.slice(first, last + 1).some((unit) => roleOf(unit) === 'step')) {
    for (const unit of units.slice(0, first)) intro.push(...unitNodes(unit))
    for (const unit of units.slice(last + 1)) outro.push(...unitNodes(unit))
    units = units.slice(first, last + 1)
  }
  units = flattenPhases(units, attributes, stepHeadings)
  units = expandContainers(units, attributes, stepHeadings)
  if (units.some((unit) => roleOf(unit) === 'step')) units = mergeFraming(units, roleOf)

  // One section left that holds the procedure: its sub-sections, or its numbered list, are the steps.
  if (units.length === 1 && !stepHeadings) {
    const only = units[0]!
    const inner = only.nodes.filter((node): node is Heading => node.type === 'heading')
    const run = principalList(only.nodes, source)
    if (run && (inner.length === 0 || run.first < only.nodes.indexOf(inner[0]!))) {
      const listed = listLayout(only.nodes, run)
      return {structure: 'ordered-list', intro: [...intro, ...(only.heading ? [only.heading] : []), ...listed.intro], units: listed.units, outro: [...listed.outro, ...outro]}
    }
    const namedStep = only.heading !== undefined && isNamedStep(toString(only.heading))
    if (inner.length >= 2 && !allConditions(inner) && !namedStep) {
      const sub = subSectionsOf(only)
      const subUnits = sections(sub.rest, sub.depth, false, attributes)
      if (subUnits.length >= 2) {
        const subNumbered = subUnits.filter((unit) => unit.heading && stepNumberOf(toString(unit.heading).trim()) !== undefined).length >= 2
        return {
          structure: subNumbered ? 'step-headings' : 'sections',
          intro: [...intro, ...(only.heading ? [only.heading] : []), ...sub.own],
          units: splitConditionals(subNumbered ? sections(sub.rest, sub.depth, true, attributes) : subUnits, attributes),
          outro
        }
      }
    }
  }

  // A numbered list before the first section that makes most of the document is the procedure.
  const leadRun = principalList(lead, source)
  if (leadRun && !stepHeadings && (units.length < 2 || (spanOf(body) > 0 && leadRun.length / spanOf(body) >= 0.4))) {
    const listed = listLayout(lead, leadRun)
    return {structure: 'ordered-list', intro: listed.intro, units: listed.units, outro: [...listed.outro, ...sectionNodes]}
  }
  if (units.length === 0) return {structure: 'single', intro: [], units: [], outro: body}

  return {structure: stepHeadings ? 'step-headings' : 'sections', intro, units: splitConditionals(units, attributes), outro}
}

/** A prose step: its paragraph's first sentence is the title; the paragraph stays as content. */
function proseUnit(nodes: RootContent[]): Unit {
  const title = firstSentence(textOf(nodes[0]!).replace(/\s+/g, ' ').trim())
  const position = nodes[0]!.position ? extend({start: nodes[0]!.position.start, end: nodes[0]!.position.end}, nodes) : undefined
  return {title: title || 'Step', endAttribute: false, depth: 0, conditional: false, nodes, position}
}

/** The ordered-list layout of `nodes` around its principal list. */
function listLayout(nodes: RootContent[], run: ListRun): Layout {
  return {
    structure: 'ordered-list',
    intro: nodes.slice(0, run.first),
    units: run.items.map(({item, trailing}, index) => listUnit(item, trailing, index)),
    outro: nodes.slice(run.last + 1)
  }
}

/** A unit's nodes as they stand in the document: its heading, then its content. */
function unitNodes(unit: Unit): RootContent[] {
  return unit.heading ? [unit.heading, ...unit.nodes] : unit.nodes
}

/**
 * Skip lone top headings that stand over the whole document (a second title,
 * `## Playbook: Phishing` above `### Investigate … ### Recover`): while the
 * shallowest heading level has one heading, it comes first and deeper
 * headings follow it, the sections are one level down. Returns what comes
 * before the sections (`lead`), the sections' nodes and their depth.
 */
function pastTitleHeadings(body: RootContent[]): {lead: RootContent[]; rest: RootContent[]; depth: number | undefined} {
  let start = 0
  for (;;) {
    const headings = body.slice(start).filter((node): node is Heading => node.type === 'heading')
    if (headings.length === 0) return {lead: body.slice(0, start), rest: [], depth: undefined}
    const depth = headings.reduce((min, heading) => Math.min(min, heading.depth), 7)
    const top = headings.filter((heading) => heading.depth === depth)
    const firstAt = body.indexOf(headings[0]!, start)
    const deeper = headings.filter((heading) => heading.depth > depth)
    if (top.length === 1 && headings[0] === top[0] && deeper.length >= 2 && !allConditions(deeper) && !isNamedStep(toString(top[0]!))) {
      start = firstAt + 1
      continue
    }
    const firstTop = body.findIndex((node, index) => index >= start && node.type === 'heading' && node.depth === depth)
    return {lead: body.slice(0, firstTop), rest: body.slice(firstTop), depth}
  }
}

/** Whether every heading at the shallowest level of `headings` is an "If …" condition. */
function allConditions(headings: readonly Heading[]): boolean {
  const depth = headings.reduce((min, heading) => Math.min(min, heading.depth), 7)
  return headings.filter((heading) => heading.depth === depth).every((heading) => conditionalPattern.test(toString(heading).trim()))
}

/** Let `head`, the first sub-section of `container`, stand for it: the container's heading is its anchor, its own nodes its first content. */
function absorb(head: Unit, container: Unit, own: RootContent[]): void {
  head.containers = [...(container.containers ?? []), ...(container.heading ? [container.heading] : []), ...(head.containers ?? [])]
  if (own.length > 0) head.nodes.unshift(...own)
}

/** A unit's sub-sections: the headings one level down, where its own content ends, and their depth. */
function subSectionsOf(unit: Unit): {own: RootContent[]; rest: RootContent[]; headings: Heading[]; depth: number} {
  const firstInner = unit.nodes.findIndex((node) => node.type === 'heading')
  if (firstInner === -1) return {own: unit.nodes, rest: [], headings: [], depth: 7}
  const inner = unit.nodes.filter((node): node is Heading => node.type === 'heading')
  const depth = inner.reduce((min, heading) => Math.min(min, heading.depth), 7)
  const start = unit.nodes.findIndex((node) => node.type === 'heading' && node.depth === depth)
  return {own: unit.nodes.slice(0, start), rest: unit.nodes.slice(start), headings: inner.filter((heading) => heading.depth === depth), depth}
}

/** Sub-headings that name alternatives or conditions ("Option 2", "On Windows", "If …"), which stay inside their section. */
const alternativePattern = /^(?:if|when|unless|in case|otherwise|option|method|approach|alternative(?:ly)?|for|on|using|with|via)\b/i

/** Whether sub-headings read as steps of their own: not all alternatives, not numbered actions of a phase. */
function stepLike(headings: Heading[]): boolean {
  if (headings.length === 0) return false
  const texts = headings.map((heading) => toString(heading).trim())
  if (texts.every((text) => alternativePattern.test(text))) return false
  return texts.filter((text) => stepNumberOf(text) !== undefined).length < 2
}

/**
 * Phases of headed steps: when most top-level sections, and at least three,
 * hold two or more sub-sections each (`# Investigate` over `## Collect
 * evidence`, `## Analyze evidence`), the sub-sections are the steps. A
 * phase's own text before them is a step of its own when it holds actions,
 * else it stays with the phase's first sub-section.
 */
function flattenPhases(units: Unit[], attributes: ReadonlyMap<Heading, HeadingAttributes>, numbered: boolean): Unit[] {
  const phased = units.filter((unit) => {
    const sub = subSectionsOf(unit)
    return sub.headings.length >= 2 && stepLike(sub.headings)
  })
  if (phased.length < 3 || phased.length * 2 < units.length) return units
  const result: Unit[] = []
  for (const unit of units) {
    const sub = subSectionsOf(unit)
    if (!phased.includes(unit)) {
      result.push(unit)
      continue
    }
    const subUnits = sections(sub.rest, sub.depth, numbered, attributes)
    if (holdsActions(sub.own)) {
      result.push({...unit, nodes: sub.own, position: extend(unit.heading?.position ?? unit.position, sub.own)}, ...subUnits)
    } else {
      absorb(subUnits[0]!, unit, sub.own)
      result.push(...subUnits)
    }
  }
  return result
}

/** Sections whose sub-sections are remedies to choose from by cause, not steps in a row. */
const remediesPattern = /^(?:mitigation|remediation|resolution|solutions?|fixes|workarounds?|possible (?:fixes|causes|solutions))s?$/i

/**
 * Container sections: a section with no content of its own before its
 * sub-headings (`## Diagnosis` straight over `### Check the pods`, `###
 * Check the nodes`) gives its sub-sections as steps. Sub-headings that are
 * all conditions ("If …") or alternatives ("Option 2"), numbered actions of
 * a phase, and the remedies under `## Mitigation` stay with their section.
 */
function expandContainers(units: Unit[], attributes: ReadonlyMap<Heading, HeadingAttributes>, numbered: boolean): Unit[] {
  const result: Unit[] = []
  for (const unit of units) {
    const sub = subSectionsOf(unit)
    const empty = sub.own.every((node) => node.type === 'html' || node.type === 'thematicBreak' || node.type === 'definition')
    const numberedStep = unit.heading !== undefined && stepNumberOf(toString(unit.heading).trim()) !== undefined
    if (sub.headings.length === 0 || !empty || unit.explicitId !== undefined || numberedStep || !stepLike(sub.headings) || remediesPattern.test(unit.title)) {
      result.push(unit)
      continue
    }
    const expanded = expandContainers(sections(sub.rest, sub.depth, numbered, attributes), attributes, numbered)
    // The container's heading and own nodes stay with its first sub-section, as an anchor and content.
    absorb(expanded[0]!, unit, sub.own)
    result.push(...expanded)
  }
  return result
}

/**
 * Reference and background sections between steps ("Reference: escalation
 * contacts", "Responsibilities") are kept with the step before them, not made
 * steps.
 */
function mergeFraming(units: Unit[], roleOf: (unit: Unit) => string): Unit[] {
  const result: Unit[] = []
  for (const unit of units) {
    const previous = result[result.length - 1]
    if (previous && roleOf(unit) !== 'step') {
      previous.nodes.push(...unitNodes(unit))
      previous.position = extend(previous.position, unitNodes(unit))
    } else {
      result.push(unit)
    }
  }
  return result
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
 * every heading at that level from the first "If" on becomes a unit. So do
 * two or more sub-sections after text that announces problems
 * (`structure/symptom-sections.ts`), marked as symptoms.
 */
function splitConditionals(units: Unit[], attributes: ReadonlyMap<Heading, HeadingAttributes>): Unit[] {
  const result: Unit[] = []
  for (const unit of units) {
    const inner = unit.nodes.filter((node): node is Heading => node.type === 'heading')
    const level = inner.reduce((min, heading) => Math.min(min, heading.depth), 7)
    const conditionals = inner.filter((heading) => heading.depth === level && conditionalPattern.test(toString(heading).trim()))
    const sub = conditionals.length < 2 && inner.length >= 2 ? subSectionsOf(unit) : undefined
    if (sub && sub.headings.length >= 2 && announcesProblems(sub.own) && stepLike(sub.headings)) {
      const symptoms = sections(sub.rest, sub.depth, false, attributes)
      for (const symptom of symptoms) symptom.symptom = true
      result.push({...unit, nodes: sub.own, position: extend(unit.heading?.position ?? unit.position, sub.own)}, ...symptoms)
      continue
    }
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

