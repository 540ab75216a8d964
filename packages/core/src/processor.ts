/**
 * The Markdown parser Runbook Kit reads runbooks with: CommonMark, GFM
 * (tables, task lists, autolinks, footnotes) and YAML/TOML frontmatter.
 */
import type {Code, Nodes, Root, RootContent} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {walk} from './walk.js'

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze()

/** Options of `parseMarkdown`. */
export interface ParseMarkdownOptions {
  /**
   * Texts longer than twice this many characters are parsed in pieces of
   * about this size, split before headings (default: 20,000).
   */
  chunkSize?: number | null | undefined
}

/** The defaults of `ParseMarkdownOptions`. */
export const parseMarkdownDefaults = {chunkSize: 20_000} as const

/**
 * Parse Markdown into an mdast tree (with positions).
 *
 * Long texts are parsed in pieces and the trees joined, which gives the same
 * tree: the Markdown parser (micromark) moves every event of the document
 * each time a list or block quote ends before a line that does not continue
 * it, so a long runbook of steps with lists took time growing with the square
 * of its length. A piece ends only before an ATX heading (`#` at the start of
 * a line) that follows a blank line, where every block before is closed:
 * never inside frontmatter, an unclosed code fence or an HTML block, and
 * never in a text that defines link references or footnotes (`]:`), which
 * would resolve across pieces.
 */
export function parseMarkdown(markdown: string, options?: ParseMarkdownOptions | null): Root {
  const chunkSize = Math.max(1, options?.chunkSize ?? parseMarkdownDefaults.chunkSize)
  // A BOM is not counted in positions: such a text (parseRunbook drops it first) is parsed whole.
  if (markdown.length <= chunkSize * 2 || markdown.includes(']:') || markdown.charCodeAt(0) === 0xfeff) return processor.parse(markdown)
  const bodyStart = frontmatterEnd(markdown)
  if (bodyStart === undefined) return processor.parse(markdown)

  const children: RootContent[] = []
  let start = 0
  let line = 0
  let root: Root | undefined
  while (start < markdown.length) {
    let end = nextBoundary(markdown, Math.max(start + chunkSize, bodyStart))
    let tree = processor.parse(markdown.slice(start, end))
    // A piece that ends in an open block (an unclosed fence, an HTML block) continues into the next one.
    while (end < markdown.length && !closedAtEnd(tree, markdown, start)) {
      end = nextBoundary(markdown, end + 1)
      tree = processor.parse(markdown.slice(start, end))
    }
    if (start > 0) shift(tree, line, start)
    children.push(...tree.children)
    root ??= tree
    if (tree.position) root.position = {start: root.position?.start ?? tree.position.start, end: tree.position.end}
    line += countLines(markdown, start, end)
    start = end
  }
  root!.children = children
  return root!
}

/** Offset after a frontmatter block, 0 without one, undefined when one is opened and not closed. */
function frontmatterEnd(markdown: string): number | undefined {
  const fence = /^(---|\+\+\+)[ \t]*(?:\r?\n|\r)/.exec(markdown)
  if (!fence) return 0
  const close = new RegExp(`(?:\\r?\\n|\\r)\\${fence[1]![0]}{3}[ \\t]*(?:\\r?\\n|\\r|$)`).exec(markdown.slice(fence[0].length))
  return close ? fence[0].length + close.index + close[0].length : undefined
}

/** The start of the first line at or after `from` that is an ATX heading after a blank line, or the end. */
function nextBoundary(markdown: string, from: number): number {
  const pattern = /(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)(?=#{1,6}(?:[ \t\r\n]|$))/g
  pattern.lastIndex = Math.max(0, from - 1)
  const match = pattern.exec(markdown)
  return match ? match.index + match[0].length : markdown.length
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

/** Move every position of `tree` down by `lines` lines and `offset` characters (pieces start at a line start). */
function shift(tree: Root, lines: number, offset: number): void {
  walk(tree, (node) => {
    const position = node.position
    if (!position) return
    node.position = {
      start: {line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset},
      end: {line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset}
    }
  })
}
