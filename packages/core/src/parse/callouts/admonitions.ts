/**
 * Rule: MkDocs and Docusaurus admonitions are callouts. CommonMark reads
 * them as a paragraph of `!!!` or `:::` text (and the indented body of a
 * MkDocs admonition as a code block); this rule makes each a blockquote
 * marked with its callout kind, holding its body as Markdown.
 *
 * @example
 *   !!! warning "Disk space"
 *       The restore needs twice the backup's size.     → a warning callout
 *
 *   :::danger Irreversible
 *   This drops the table.
 *   :::                                                → a caution callout
 *
 *   !!! WARNING! Only tested in staging !!!             → a warning callout (a banner)
 */
import type {Blockquote, Code, Nodes, Paragraph, Parent, Root, RootContent, Text} from 'mdast'
import {findTooDeep} from '../guards/nesting.js'
import {parseMarkdown} from '../guards/processor.js'
import type {CalloutKind, Point, Position} from '../../types.js'
import {walk} from '../../walk.js'
import {calloutKindOf} from './kinds.js'

/** `!!! warning "Title"`, `??? note`, `???+ tip`: the first line of a MkDocs admonition. */
const mkdocsOpen = /^(?:!!!|\?\?\?\+?)[ \t]*([A-Za-z]+)(?:[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'))?[ \t]*(?:\n|$)/
/** `!!! WARNING! text !!!`: a one-line banner in the same spelling. */
const mkdocsBanner = /^!!![ \t]*([A-Za-z]+)[!:.]?[ \t]+([^\n]*?)[ \t]*!*[ \t]*(?:\n|$)/
/** `:::warning Title` (Docusaurus, and markdown-it-container). */
const fenceOpen = /^:{3,}[ \t]*([A-Za-z]+)(?:[ \t]+([^\n]*?))?[ \t]*(?:\n|$)/
/** A closing `:::` on a paragraph's last line. */
const fenceClose = /(?:^|\n)[ \t]*:{3,}[ \t]*$/
/** Bodies longer than this are not read again as Markdown. */
const maxBody = 100_000

/**
 * Turn the admonitions of `tree` into blockquotes with `data.callout`
 * (mutates `tree`, the parser's own). `source` is the text it was parsed from.
 */
export function readAdmonitions(tree: Root, source: string): void {
  if (!source.includes('!!!') && !source.includes('???') && !source.includes(':::')) return
  const lineStarts = lineStartsOf(source)
  walk(tree, (node) => {
    if (node.type === 'root' || node.type === 'listItem' || node.type === 'blockquote') {
      rewrite(node, source, lineStarts)
      return undefined
    }
    return node.type === 'paragraph' || node.type === 'heading' || node.type === 'code' ? false : undefined
  })
}

/** Rewrite the admonitions among `parent`'s children. */
function rewrite(parent: Parent, source: string, lineStarts: number[]): void {
  const children = parent.children as RootContent[]
  // Once a `:::` finds no closing one, none after it will: stop looking (linear time on many openers).
  let unclosed = false
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.type !== 'paragraph') continue
    const first = node.children[0]
    if (!first || first.type !== 'text') continue
    const made = first.value.startsWith(':::')
      ? unclosed
        ? undefined
        : fenced(children, index, () => (unclosed = true))
      : first.value.startsWith('!!!') || first.value.startsWith('???')
        ? mkdocs(children, index, source, lineStarts)
        : undefined
    if (made) children.splice(index, made.taken, made.quote)
  }
}

/** A Docusaurus `:::kind … :::` from `children[index]` on, or `undefined` when it is none or never closes. */
function fenced(children: RootContent[], index: number, neverClosed: () => void): {quote: Blockquote; taken: number} | undefined {
  const opening = children[index] as Paragraph
  const head = (opening.children[0] as Text).value
  const open = fenceOpen.exec(head)
  const kind = open ? calloutKindOf(open[1]!) : undefined
  if (!open || !kind) return undefined
  // The paragraph that closes it: this one, or a later sibling.
  let last = index
  while (last < children.length && !closes(children[last]!)) last++
  if (last === children.length) {
    neverClosed()
    return undefined
  }
  const body = children.slice(index, last + 1).map((node) => structuredCopy(node))
  stripFirstLine(body[0] as Paragraph)
  stripClosing(body[body.length - 1] as Paragraph)
  const content = body.filter((node) => !(node.type === 'paragraph' && node.children.length === 0))
  return {quote: quoteOf(kind, open[2]?.trim(), content, spanOf(children[index]!, children[last]!)), taken: last - index + 1}
}

function closes(node: RootContent): boolean {
  if (node.type !== 'paragraph') return false
  const last = node.children[node.children.length - 1]
  return last !== undefined && last.type === 'text' && fenceClose.test(last.value)
}

/** A MkDocs `!!! kind "title"` from `children[index]` on: the rest of its paragraph, or the indented blocks after it. */
function mkdocs(children: RootContent[], index: number, source: string, lineStarts: number[]): {quote: Blockquote; taken: number} | undefined {
  const paragraph = children[index] as Paragraph
  const head = (paragraph.children[0] as Text).value
  const open = mkdocsOpen.exec(head)
  const banner = open ? undefined : mkdocsBanner.exec(head)
  const kind = calloutKindOf((open ?? banner)?.[1] ?? '')
  if (!kind) return undefined
  const copy = structuredCopy(paragraph) as Paragraph
  if (banner) {
    // The banner's text is its body: keep it, without the marks.
    ;(copy.children[0] as Text).value = banner[2]! + head.slice(banner[0].length).replace(/^(?=.)/, '\n')
    return {quote: quoteOf(kind, undefined, [copy], spanOf(paragraph, paragraph)), taken: 1}
  }
  stripFirstLine(copy)
  const title = open![2] ?? open![3]
  const content: RootContent[] = copy.children.length > 0 ? [copy] : []
  let taken = 1
  // The indented blocks after it (after a blank line CommonMark made them code) are its body too.
  for (;;) {
    const next = children[index + taken]
    if (!next || next.type !== 'code' || !isIndentedCode(next, source)) break
    const inner = reparse(next, lineStarts)
    if (!inner) break
    content.push(...inner)
    taken++
  }
  return {quote: quoteOf(kind, title?.trim(), content, spanOf(paragraph, children[index + taken - 1]!)), taken}
}

/** Whether a code block is indented (not fenced). */
function isIndentedCode(node: Code, source: string): boolean {
  const offset = node.position?.start.offset
  if (offset === undefined) return false
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1
  return /^(?: {4}|\t)/.test(source.slice(lineStart, lineStart + 4)) && !/^[ \t]*(?:`{3,}|~{3,})/.test(source.slice(lineStart, offset + 3))
}

/** An indented block read again as Markdown, placed where it stands in the source. */
function reparse(node: Code, lineStarts: number[]): RootContent[] | undefined {
  if (node.value.length > maxBody || findTooDeep(node.value, 32)) return undefined
  const tree = parseMarkdown(node.value)
  const start = node.position?.start
  if (start) {
    walk(tree, (child) => {
      if (child.position) child.position = {start: shift(child.position.start, start, lineStarts), end: shift(child.position.end, start, lineStarts)}
    })
  } else {
    walk(tree, (child) => {
      delete child.position
    })
  }
  return tree.children.filter((child) => child.type !== 'yaml')
}

/** A point of the indented block's text as a point of the source (4 columns of indent). */
function shift(point: Point, blockStart: Point, lineStarts: number[]): Point {
  const line = point.line + blockStart.line - 1
  const column = point.column + 4
  const lineStart = lineStarts[line - 1]
  return lineStart === undefined ? {line, column} : {line, column, offset: lineStart + column - 1}
}

function lineStartsOf(source: string): number[] {
  const starts = [0]
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}

/** Remove a paragraph's first line (the admonition's opening), in its first text node. */
function stripFirstLine(paragraph: Paragraph): void {
  const first = paragraph.children[0] as Text
  const newline = first.value.indexOf('\n')
  if (newline === -1) {
    paragraph.children.shift()
    if (paragraph.children[0]?.type === 'break') paragraph.children.shift()
  } else {
    first.value = first.value.slice(newline + 1)
  }
  if (first.position && newline !== -1) delete first.position
}

/** Remove the closing `:::` line of a paragraph. */
function stripClosing(paragraph: Paragraph): void {
  const last = paragraph.children[paragraph.children.length - 1]
  if (!last || last.type !== 'text') return
  last.value = last.value.replace(fenceClose, '')
  if (last.value === '') paragraph.children.pop()
  else delete last.position
}

function quoteOf(kind: CalloutKind, title: string | undefined, content: RootContent[], position: Position | undefined): Blockquote {
  const children = [...(title ? [{type: 'paragraph', children: [{type: 'strong', children: [{type: 'text', value: title}]}]} as Paragraph] : []), ...content]
  const quote: Blockquote = {type: 'blockquote', children: children as Blockquote['children'], data: {callout: kind}}
  if (position) quote.position = position
  return quote
}

function spanOf(first: Nodes, last: Nodes): Position | undefined {
  const start = first.position?.start
  const end = last.position?.end
  return start && end ? {start: {...start}, end: {...end}} : undefined
}

/** A copy of a node that can be changed without touching the original (only small paragraphs are copied). */
function structuredCopy<T extends Nodes>(node: T): T {
  return JSON.parse(JSON.stringify(node)) as T
}
