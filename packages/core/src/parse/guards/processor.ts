/**
 * The Markdown parser Runbook Kit reads runbooks with: CommonMark, GFM
 * (tables, task lists, autolinks, footnotes) and YAML/TOML frontmatter.
 */
import type {Code, Nodes, Root, RootContent} from 'mdast'
import type {Point} from 'unist'
import {walk} from '../../walk.js'
import {processorFor} from './processors.js'

/** Parse one text (or piece) with the processor it needs (`processors.ts`). */
const read = (text: string): Root => processorFor(text).parse(text)

/** Options of `parseMarkdown`. */
export interface ParseMarkdownOptions {
  /**
   * Texts longer than twice this many characters are parsed in pieces of
   * about this size, split before headings and list items (default: 20,000).
   */
  chunkSize?: number | null | undefined
  /**
   * Offsets at which the text is read as separate pieces, whatever its
   * length: each must be where the text before ends inside a top-level
   * paragraph and the text after starts a paragraph when read alone (as
   * `paragraphCuts` finds them), so that the paragraph becomes two. A cut
   * that turns out to be inside a code fence or HTML block is not made.
   */
  splitAt?: readonly number[] | null | undefined
}

/** The defaults of `ParseMarkdownOptions`. */
export const parseMarkdownDefaults = {chunkSize: 20_000} as const

/**
 * Parse Markdown into an mdast tree (with positions).
 *
 * Long texts are parsed in pieces and the trees joined, which gives the same
 * tree: the Markdown parser (micromark) moves every event of the document
 * each time a list or block quote ends before a line that does not continue
 * it, and each time a list item follows another, so a long runbook of steps
 * with lists, or one long list, took time growing with the square of its
 * length. A piece ends only before an ATX heading (`#` at the start of a
 * line) that follows a blank line, where every block before is closed, or
 * before a list item at the start of a line, right after a line that is not
 * blank, when the piece ends with a list of the same marker (the item's list
 * then continues in the next piece, and the two lists are joined; otherwise
 * the piece runs on to the next heading). Never inside frontmatter, an
 * unclosed code fence or an HTML block, and never in a text that defines
 * link references or footnotes (`]:`), which would resolve across pieces.
 */
export function parseMarkdown(markdown: string, options?: ParseMarkdownOptions | null): Root {
  const chunkSize = Math.max(1, options?.chunkSize ?? parseMarkdownDefaults.chunkSize)
  const splitAt = [...(options?.splitAt ?? [])].filter((offset) => offset > 0 && offset < markdown.length).sort((a, b) => a - b)
  const references = markdown.includes(']:')
  const chunked = markdown.length > chunkSize * 2 && !references
  // A BOM is not counted in positions: such a text (parseRunbook drops it first) is parsed whole.
  if ((!chunked && splitAt.length === 0) || markdown.charCodeAt(0) === 0xfeff) return read(markdown)
  const bodyStart = frontmatterEnd(markdown)
  if (bodyStart === undefined) return read(markdown)

  const pieces: Array<{start: number; end: number; tree: Root}> = []
  let next = 0
  for (let start = 0; start < markdown.length; start = pieces[pieces.length - 1]!.end) {
    while (next < splitAt.length && splitAt[next]! <= start) next++
    const limit = splitAt[next] ?? markdown.length
    let end = chunked ? Math.min(nextBoundary(markdown, Math.max(start + chunkSize, bodyStart)), limit) : limit
    let tree = read(markdown.slice(start, end))
    // A piece that ends before an item that is not the next item of its last list continues to
    // the next heading, where every block is closed. One that ends in an open block (an unclosed
    // fence, an HTML block) continues a piece further; after three such tries, or at a cut of
    // `splitAt`, the rest is read whole, so that a fence left open to the end is not parsed again
    // and again.
    for (let tries = 0; end < markdown.length; ) {
      if (!closedAtEnd(tree, markdown, start)) {
        end = end === limit || tries++ >= 3 ? markdown.length : Math.min(nextBoundary(markdown, end + chunkSize), limit)
      } else if (!itemContinues(tree, markdown, start, end)) {
        end = Math.min(nextBoundary(markdown, end, true), limit)
      } else break
      tree = read(markdown.slice(start, end))
    }
    pieces.push({start, end, tree})
  }

  // Link reference and footnote definitions apply to the whole text (pieces are cut only in texts
  // without them, unless at `splitAt`): then each piece is read again with every definition of the
  // others appended, and the nodes those make are dropped.
  const definitions = pieces.length > 1 && references ? definitionsIn(pieces.map((piece) => piece.tree)) : ''
  if (definitions !== '') {
    for (const piece of pieces) {
      const length = piece.end - piece.start
      const tree = read(markdown.slice(piece.start, piece.end) + '\n\n' + definitions)
      tree.children = tree.children.filter((node) => (node.position?.start.offset ?? 0) < length)
      // The last piece may end in an open block, which would take the definitions in: keep it as read.
      if ((tree.children[tree.children.length - 1]?.position?.end.offset ?? 0) <= length) piece.tree = tree
    }
  }

  const children: RootContent[] = []
  let line = 0
  for (const {start, end, tree} of pieces) {
    if (start > 0) shift(tree, line, start, start - lineStart(markdown, start))
    const first = tree.children[0]
    const last = children[children.length - 1]
    if (start > 0 && itemAt(markdown, start) !== undefined && first?.type === 'list' && last?.type === 'list') {
      // The piece starts with the next items of the last list: one list, as in the whole text.
      last.children.push(...first.children)
      last.spread = Boolean(last.spread || first.spread)
      if (last.position && first.position) last.position = {start: last.position.start, end: first.position.end}
      tree.children.shift()
    }
    children.push(...tree.children)
    line += countLines(markdown, start, end)
  }
  const root = pieces[0]!.tree
  root.children = children
  root.position = {
    start: {line: 1, column: 1, offset: 0},
    end: {line: line + 1, column: markdown.length - lineStart(markdown, markdown.length) + 1, offset: markdown.length}
  }
  return root
}

/** The link reference and footnote definitions of `trees`, written out again, one per line. */
function definitionsIn(trees: readonly Root[]): string {
  const lines: string[] = []
  const escape = (text: string, chars: RegExp) => text.replace(chars, '\\$&')
  for (const tree of trees) {
    walk(tree, (node) => {
      if (node.type === 'definition') {
        const title = node.title == null ? '' : ` "${escape(node.title, /["\\]/g)}"`
        lines.push(`[${node.label ?? node.identifier}]: <${escape(node.url, /[<>\\]/g)}>${title}`)
      } else if (node.type === 'footnoteDefinition') {
        lines.push(`[^${node.label ?? node.identifier}]: .`)
      }
      return undefined
    })
  }
  return lines.join('\n')
}

/** The offset where the line holding `offset` starts. */
function lineStart(markdown: string, offset: number): number {
  let index = offset
  while (index > 0) {
    const code = markdown.charCodeAt(index - 1)
    if (code === 10 || code === 13) break
    index--
  }
  return index
}

/** Offset after a frontmatter block, 0 without one, undefined when one is opened and not closed. */
export function frontmatterEnd(markdown: string): number | undefined {
  const fence = /^(---|\+\+\+)[ \t]*(?:\r?\n|\r)/.exec(markdown)
  if (!fence) return 0
  const close = new RegExp(`(?:\\r?\\n|\\r)\\${fence[1]![0]}{3}[ \\t]*(?:\\r?\\n|\\r|$)`).exec(markdown.slice(fence[0].length))
  return close ? fence[0].length + close.index + close[0].length : undefined
}

/** A blank line, then an ATX heading. */
const headingBoundary = /(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)(?=#{1,6}(?:[ \t\r\n]|$))/g
/** That, or a line that is not blank, then a list item. */
const anyBoundary = new RegExp(`${headingBoundary.source}|${/[^\s](?:\r?\n|\r)(?=(?:[-*+]|\d{1,9}[.)])[ \t]+\S)/.source}`, 'g')

/**
 * The start of the first line at or after `from` where a piece may end, or
 * the end: an ATX heading after a blank line, or (unless `headingsOnly`) a
 * list item at the start of a line right after a line that is not blank
 * (checked by `itemContinues`). An item after a line that is neither an
 * item nor indented ("Such as:" before a list) most likely starts a new
 * list, where `itemContinues` would refuse the piece and it would be read
 * again: such items are passed over.
 */
function nextBoundary(markdown: string, from: number, headingsOnly?: boolean): number {
  const pattern = headingsOnly ? headingBoundary : anyBoundary
  pattern.lastIndex = Math.max(0, from - 2)
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    const boundary = match.index + match[0].length
    if (match[0].startsWith('\n') || match[0].startsWith('\r')) return boundary
    if (itemAt(markdown, boundary) !== undefined && inList(markdown, lineStart(markdown, match.index))) return boundary
  }
  return markdown.length
}

/** Whether the line at `offset` may be in a list: an item, or indented under one. */
function inList(markdown: string, offset: number): boolean {
  const first = markdown.charCodeAt(offset)
  return first === 32 || first === 9 || itemAt(markdown, offset) !== undefined
}

/** The marker of the list item that starts at `offset` (`-`, `*`, `+`, `.` or `)` for ordered), if one does and the line is not a thematic break. */
function itemAt(markdown: string, offset: number): string | undefined {
  const lineEnd = markdown.slice(offset, offset + 200).search(/\r|\n|$/)
  const text = markdown.slice(offset, offset + lineEnd)
  if (/^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(text)) return undefined
  const match = /^[ \t]*(?:([-*+])|\d{1,9}([.)]))[ \t]+\S/.exec(markdown.slice(offset, offset + 16))
  return match ? (match[1] ?? match[2]) : undefined
}

/**
 * Whether the piece `markdown[start, end)` may end before `end`: always
 * before a heading; before a list item only when the piece ends with a list
 * of the same kind and marker, which that item continues in the whole text.
 */
function itemContinues(tree: Root, markdown: string, start: number, end: number): boolean {
  const marker = itemAt(markdown, end)
  if (marker === undefined) return true
  const last = tree.children[tree.children.length - 1]
  const item = last?.type === 'list' ? last.children[0] : undefined
  const offset = item?.position?.start.offset
  return offset !== undefined && itemAt(markdown, start + offset) === marker
}

/**
 * Whether the last block of a piece, and the last block inside it and so on
 * down, is closed, so that the next piece cannot continue it: not a
 * frontmatter or HTML block, not a code fence without its closing fence.
 */
function closedAtEnd(tree: Root, markdown: string, offset: number): boolean {
  let node: Nodes | undefined = tree.children[tree.children.length - 1]
  while (node) {
    if (node.type === 'html' || node.type === 'yaml' || node.type === ('toml' as string)) return false
    if (node.type === 'code' && !closedFence(node, markdown, offset)) return false
    node = 'children' in node ? (node.children[node.children.length - 1] as Nodes | undefined) : undefined
  }
  return true
}

function closedFence(node: Code, markdown: string, offset: number): boolean {
  const raw = markdown.slice(offset + (node.position?.start.offset ?? 0), offset + (node.position?.end.offset ?? 0))
  const open = /^[ \t]*(`{3,}|~{3,})/.exec(raw)
  if (!open) return true
  const lines = raw.split(/\r?\n|\r/)
  const fence = open[1]!
  return lines.length > 1 && new RegExp(`^[ \\t>]*\\${fence[0]}{${fence.length},}[ \\t]*$`).test(lines[lines.length - 1]!)
}

/** Line ends in `markdown[start, end)`. */
function countLines(markdown: string, start: number, end: number): number {
  let count = 0
  for (let index = start; index < end; index++) {
    const code = markdown.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13 && markdown.charCodeAt(index + 1) !== 10) count++
  }
  return count
}

/**
 * Move every position of `tree` down by `lines` lines and `offset`
 * characters, and those on its first line right by `column` columns (a piece
 * cut inside a line starts there).
 */
function shift(tree: Root, lines: number, offset: number, column: number): void {
  const move = (point: Point): Point => ({
    line: point.line + lines,
    column: point.line === 1 ? point.column + column : point.column,
    offset: (point.offset ?? 0) + offset
  })
  walk(tree, (node) => {
    const position = node.position
    if (position) node.position = {start: move(position.start), end: move(position.end)}
  })
}
