/**
 * A guard against paragraphs of hundreds of kilobytes before the Markdown
 * parser sees them.
 *
 * The parser (micromark) merges the text tokens of a paragraph by splicing
 * the paragraph's whole event list once per run of them, so its time grows
 * with the square of the length of one paragraph: 100 KB of links in one
 * paragraph take about a second, 400 KB about ten, and a 10 MB file of one
 * paragraph would take an hour. Real paragraphs are short (the longest in
 * the 1,030 files of the test corpus has 2,455 characters), so a paragraph
 * longer than the limit is read as several: `parseMarkdown` parses the text
 * in pieces that end at the places found here.
 *
 * Only paragraphs that are certainly top-level are cut, and only where each
 * piece starts a paragraph of its own when read alone: a paragraph whose
 * first line starts at column 1 after a blank line, an ATX heading or a
 * thematic break (or at the start of the body), outside fenced code and
 * HTML blocks; cut before one of its lines that starts at column 1 with a
 * letter or `[` (not a definition), or, in a line longer than a quarter of
 * the limit and without `|` (a table header), after a space and before a
 * letter or `[`; never where a link bracket or a code span is open, nor
 * inside `<…>`. The text after a cut is always read. What a cut changes:
 * the paragraph is two; emphasis open across it is not joined; a setext
 * heading (a paragraph underlined with `===` or `---`) keeps only its last
 * piece. The caller reports every cut. Paragraphs that continue a block
 * quote or a list item lazily, and those in containers, are not cut.
 */
import {frontmatterEnd} from './processor.js'

/** A place where a paragraph is cut: its offset, and its 1-based line and column. */
export interface ParagraphCut {
  offset: number
  line: number
  column: number
}

/**
 * The places at which a paragraph longer than `max` characters is cut, in
 * order, each about `max` characters after the paragraph's start or the
 * cut before. None in most texts.
 */
export function paragraphCuts(markdown: string, max: number): ParagraphCut[] {
  const cuts: ParagraphCut[] = []
  const body = frontmatterEnd(markdown)
  if (markdown.length <= max || body === undefined) return cuts
  let fence: RegExp | undefined
  let html: RegExp | undefined
  /** Whether a line here may start a top-level paragraph: after a blank line, a heading or a break. */
  let canStart = true
  /** The paragraph being read, or undefined between paragraphs. */
  let paragraph: Paragraph | undefined
  const line = /([^\r\n]*)(\r\n|\r|\n|$)/g
  let number = 0
  for (let match = line.exec(markdown); match && match[0] !== ''; match = line.exec(markdown)) {
    const start = match.index
    const text = match[1]!
    number++
    if (start < body) continue
    if (fence) {
      if (fence.test(text)) fence = undefined
      continue
    }
    if (html) {
      if (html.test(text)) html = undefined
      continue
    }
    const kind = lineKind(text, paragraph !== undefined)
    if (kind === 'text') {
      if (paragraph) {
        if (start - paragraph.from > max && paragraph.brackets === 0 && paragraph.code === 0 && startsParagraph(markdown, start)) {
          cuts.push({offset: start, line: number, column: 1})
          paragraph.from = start
        }
      } else if (canStart && /^[^ \t]/.test(text) && !/^\[[^\]]*\]:/.test(text)) {
        // At column 1: an indented line after a blank one may be a list item's.
        paragraph = {from: start, brackets: 0, code: 0}
      } else {
        // Lazy text of a quote or list item, a table row, a definition: not a top-level paragraph.
        canStart = false
        continue
      }
      // Lines are cut inside only when long, so that a paragraph of lines is cut between them. A line
      // with a `|` may be the header of a table that a delimiter row on the next line starts.
      const inside = text.length > max / 4 && !text.includes('|') ? max : Infinity
      cutInside(markdown, start, start + text.length, number, inside, paragraph, cuts)
      continue
    }
    paragraph = undefined
    canStart = kind === 'blank' || kind === 'break'
    if (kind === 'fence') {
      const marker = /^[ \t]*(`{3,}|~{3,})/.exec(text)![1]!
      fence = new RegExp(`^[ \\t]*\\${marker[0]}{${marker.length},}[ \\t]*$`)
    } else if (kind === 'html') {
      const closer = htmlBlockEnd(text)!
      if (!closer.test(text.slice(text.indexOf('<') + 2))) html = closer
    }
  }
  return cuts
}

interface Paragraph {
  /** Offset of its start, or of its last cut. */
  from: number
  /** Link brackets open. */
  brackets: number
  /** The length of the backtick run of an open code span, or 0. */
  code: number
}

/**
 * What a line is, for this scan: `text` (a paragraph's, or lazy text),
 * `blank`, `break` (an ATX heading, a thematic break, a setext underline
 * after paragraph text: a paragraph may follow), `fence`, `html` (blocks of
 * kinds 1 to 5, which run on past blank lines) or `block` (anything else
 * that may start a block: quotes, list items, footnote definitions, other
 * HTML, table delimiter rows, indented lines between paragraphs).
 */
function lineKind(text: string, inParagraph: boolean): 'text' | 'blank' | 'break' | 'fence' | 'html' | 'block' {
  if (/^[ \t]*$/.test(text)) return 'blank'
  if (/^[ \t]*(?:`{3,}|~{3,})/.test(text)) return 'fence'
  if (htmlBlockEnd(text)) return 'html'
  if (/^ {0,3}#{1,6}(?:[ \t]|$)/.test(text) || /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(text)) return 'break'
  if (inParagraph && /^ {0,3}(?:=+|-+)[ \t]*$/.test(text)) return 'break'
  if (/^ {0,3}(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|<|\[\^[^\]]*\]:)/.test(text)) return 'block'
  if (text.includes('|') && /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(text)) return 'block'
  if (!inParagraph && /^(?: {4}|\t)/.test(text)) return 'block'
  return 'text'
}

/** Whether a paragraph read alone from `offset` is one: a letter or `[` (not a definition) at column 1. */
function startsParagraph(markdown: string, offset: number): boolean {
  const char = markdown.charAt(offset)
  if (char === '[') return !/^\[[^\]]*\]:/.test(markdown.slice(offset, offset + 1000))
  return /\p{L}/u.test(char)
}

/** The end of an HTML block of kinds 1 to 5 that `text` opens (they run on past blank lines), if it opens one. */
function htmlBlockEnd(text: string): RegExp | undefined {
  const open = /^ {0,3}<(?:(script|pre|style|textarea)(?:[ \t>]|$)|(!--)|(\?)|(![A-Za-z])|(!\[CDATA\[))/i.exec(text)
  if (!open) return undefined
  if (open[1]) return /<\/(?:script|pre|style|textarea)>/i
  if (open[2]) return /-->/
  if (open[3]) return /\?>/
  if (open[4]) return />/
  return /\]\]>/
}

/**
 * Read the line `markdown[from, to)`, line number `line`, of a paragraph: track open link
 * brackets and code spans, and cut it where the paragraph has grown past
 * `max` since its last cut, after a space and before a letter or `[`.
 */
function cutInside(
  markdown: string,
  from: number,
  to: number,
  line: number,
  max: number,
  paragraph: Paragraph,
  cuts: ParagraphCut[]
): void {
  let angle = false
  for (let index = from; index < to; index++) {
    const code = markdown.charCodeAt(index)
    if (code === 92 /* \ */) {
      index++
      continue
    }
    if (code === 96 /* ` */) {
      let run = 1
      while (markdown.charCodeAt(index + run) === 96) run++
      if (paragraph.code === 0) paragraph.code = run
      else if (paragraph.code === run) paragraph.code = 0
      index += run - 1
      continue
    }
    if (paragraph.code !== 0) continue
    if (angle) {
      if (code === 62 /* > */) angle = false
      continue
    }
    if (code === 60 /* < */ && /[A-Za-z/!?]/.test(markdown.charAt(index + 1))) {
      angle = true
      continue
    }
    if (
      index - paragraph.from > max &&
      paragraph.brackets === 0 &&
      index > from &&
      (markdown.charCodeAt(index - 1) === 32 || markdown.charCodeAt(index - 1) === 9) &&
      startsParagraph(markdown, index)
    ) {
      cuts.push({offset: index, line, column: index - from + 1})
      paragraph.from = index
    }
    if (code === 91 /* [ */) paragraph.brackets++
    else if (code === 93 /* ] */) paragraph.brackets = Math.max(0, paragraph.brackets - 1)
  }
}
