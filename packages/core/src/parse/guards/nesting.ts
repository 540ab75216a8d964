/**
 * A guard against deeply nested containers (lists, block quotes) before the
 * Markdown parser sees them.
 *
 * Each container open on a line costs the parser work on every later line,
 * and many containers opened on one line cost it the square of their number;
 * the tree it builds is as deep, and deep trees overflow the stack of code
 * that walks them. `- - - … x` with a few thousand dashes takes seconds and
 * then throws `RangeError: Maximum call stack size exceeded`. Real runbooks
 * nest a handful of levels, so a line that opens more than the limit ends the
 * text that is read.
 */

/** Where a line starts that nests deeper than the limit, if one does. */
export interface TooDeep {
  /** 0-based offset of the start of the line. */
  offset: number
  /** 1-based line number. */
  line: number
  /** The nesting that line reaches (an estimate). */
  depth: number
  /**
   * `container`: lists and block quotes; `inline`: emphasis and link brackets
   * on one line; `paragraph`: emphasis and link brackets across the lines of
   * one paragraph.
   */
  kind: 'container' | 'inline' | 'paragraph'
}

/**
 * Find the first line whose container prefix nests deeper than `max`.
 *
 * The depth of a line is the number of container markers it starts with
 * (`>`, `-`, `*`, `+`, `1.`, `1)` followed by a space, a tab or the end of
 * the line), plus half its indentation before the first marker (a nested
 * list needs at least two columns per level). Lines that start no container
 * have depth 0.
 *
 * Inline nesting is counted too, outside fenced code: emphasis
 * openers (`*` or `_` after a space, before a non-space) not yet closed, and
 * `[` not yet closed by `]`, on one line. `*a *a … x … a* a*` a few thousand
 * deep takes the Markdown parser minutes (its cost grows with the cube of the
 * depth).
 *
 * The same nesting spread over the lines of one paragraph (one `*a` per
 * line, then one `a*` per line) is counted by `ParagraphNesting`: only
 * emphasis and brackets that are closed count, so a paragraph or list of
 * globs (`*.log`) is not nesting. Such a paragraph is cut at the line that
 * opens the first level deeper than `max`.
 *
 * Runs in time linear in the length of `source`.
 */
export function findTooDeep(source: string, max: number): TooDeep | undefined {
  let line = 1
  let start = 0
  const length = source.length
  let fence = ''
  const paragraph = new ParagraphNesting(max)
  /** Indentation of the last line that started a list item, or -1 when the last line did not. */
  let lastItemIndent = -1
  while (start <= length) {
    let index = start
    let indent = 0
    while (index < length && (source.charCodeAt(index) === 32 || source.charCodeAt(index) === 9)) {
      indent += source.charCodeAt(index) === 9 ? 4 - (indent % 4) : 1
      index++
    }
    let markers = 0
    /** The first list marker of the line: 0 for a bullet, else the number of an ordered item. */
    let item = -1
    for (;;) {
      const code = source.charCodeAt(index)
      let after = -1
      if (code === 62 /* > */) {
        after = index + 1
      } else if (code === 45 /* - */ || code === 42 /* * */ || code === 43 /* + */) {
        if (isSpaceOrEnd(source, index + 1)) {
          after = index + 1
          if (item < 0) item = 0
        }
      } else if (code >= 48 && code <= 57) {
        let end = index
        while (end < length && end - index < 9 && source.charCodeAt(end) >= 48 && source.charCodeAt(end) <= 57) end++
        const delimiter = source.charCodeAt(end)
        if ((delimiter === 46 /* . */ || delimiter === 41 /* ) */) && isSpaceOrEnd(source, end + 1)) {
          after = end + 1
          if (item < 0) item = Number(source.slice(index, end))
        }
      }
      if (after < 0) break
      markers++
      index = after
      while (index < length && (source.charCodeAt(index) === 32 || source.charCodeAt(index) === 9)) index++
    }
    const depth = markers === 0 ? 0 : markers + Math.floor(indent / 2)
    if (depth > max) return paragraph.end() ?? {offset: start, line, depth, kind: 'container'}
    // The line's end, and how many characters on it can open emphasis or a link bracket: a line
    // (or paragraph) with no more than `max` of them cannot nest deeper than `max`.
    let end = index
    let openers = 0
    for (; end < length; end++) {
      const code = source.charCodeAt(end)
      if (code === 10 || code === 13) break
      if (code === 42 /* * */ || code === 95 /* _ */ || code === 91 /* [ */) openers++
    }
    // Only a line starting with a backtick or a tilde can be a fence (no slice for the others).
    const first = source.charCodeAt(index)
    const marker = first === 96 || first === 126 ? /^(`{3,}|~{3,})/.exec(source.slice(index, Math.min(end, index + 64))) : null
    if (marker && (fence === '' || (marker[1]![0] === fence[0] && marker[1]!.length >= fence.length))) {
      fence = fence === '' ? marker[1]! : ''
      const found = paragraph.end()
      if (found) return found
    } else if (fence === '') {
      const inline = openers > max ? inlineDepth(source, index, end) : 0
      if (inline > max) return paragraph.end() ?? {offset: start, line, depth: inline, kind: 'inline'}
      // Where a paragraph ends: a blank line, a heading, a list item that can start here.
      const blank = isBlank(source, index, end)
      const heading = indent < 4 && first === 35 /* # */ && /^#{1,6}(?:[ \t]|$)/.test(source.slice(index, Math.min(end, index + 8)))
      const startsItem = item >= 0 && !blank && ((indent < 4 && item <= 1) || indent === lastItemIndent)
      if (blank || heading || startsItem) {
        const found = paragraph.end()
        if (found) return found
      }
      lastItemIndent = startsItem ? indent : -1
      if (!blank) paragraph.line(source, index, end, start, line, openers)
      if (heading) {
        const found = paragraph.end()
        if (found) return found
      }
    }
    index = end
    // Next line: after \n, \r\n or \r.
    if (index >= length) return paragraph.end()
    index += source.charCodeAt(index) === 13 && source.charCodeAt(index + 1) === 10 ? 2 : 1
    start = index
    line++
  }
  return paragraph.end()
}

function isSpaceOrEnd(source: string, index: number): boolean {
  if (index >= source.length) return true
  const code = source.charCodeAt(index)
  return code === 32 || code === 9 || code === 10 || code === 13
}

/** Deepest unclosed emphasis or bracket nesting on `source[start, end)` (code spans are not told apart). */
function inlineDepth(source: string, start: number, end: number): number {
  let emphasis = 0
  let brackets = 0
  let deepest = 0
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index)
    if (code === 92 /* \ */) {
      index++
    } else if (code === 91 /* [ */) {
      brackets++
    } else if (code === 93 /* ] */) {
      if (brackets > 0) brackets--
    } else if (code === 42 /* * */ || code === 95 /* _ */) {
      const before = index === start ? 32 : source.charCodeAt(index - 1)
      const after = index + 1 < end ? source.charCodeAt(index + 1) : 32
      const spaceBefore = before === 32 || before === 9
      const spaceAfter = after === 32 || after === 9
      if (spaceBefore && !spaceAfter && after !== code) emphasis++
      else if (!spaceBefore && emphasis > 0) emphasis--
    }
    if (emphasis + brackets > deepest) deepest = emphasis + brackets
  }
  return deepest
}

function isBlank(source: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index)
    if (code !== 32 && code !== 9) return false
  }
  return true
}

/** An emphasis run or a `[` not yet closed. */
interface Opener {
  /** Order of opening, to tell which opener is innermost. */
  order: number
  /** Characters of the run left to close (1 for a bracket). */
  left: number
  /** The deepest nesting closed inside it so far. */
  inner: number
  /** Offset and number of its line. */
  offset: number
  line: number
}

const punctuation = /[\p{P}\p{S}]/u
const whitespace = /\s/
/** The answers of `whitespace` and `punctuation` for ASCII, asked once. */
const asciiWhitespace = Array.from({length: 128}, (_, code) => whitespace.test(String.fromCharCode(code)))
const asciiPunctuation = Array.from({length: 128}, (_, code) => punctuation.test(String.fromCharCode(code)))

/** Whether the character `char` is white space (`/\s/`). */
function isWhitespace(char: string): boolean {
  const code = char.charCodeAt(0)
  return code < 128 ? asciiWhitespace[code]! : whitespace.test(char)
}

/** Whether the character `char` is punctuation or a symbol (`/[\p{P}\p{S}]/u`). */
function isPunctuation(char: string): boolean {
  const code = char.charCodeAt(0)
  return code < 128 ? asciiPunctuation[code]! : punctuation.test(char)
}

/**
 * Emphasis and link brackets nested across the lines of one paragraph,
 * counted the way CommonMark pairs them, approximately: delimiter runs of
 * `*` and `_` open when left-flanking and close when right-flanking, a
 * closer pairs with the innermost opener of its character, `]` with the
 * innermost `[`, and openers of another kind left open inside a pair are
 * dropped. The depth of a pair is one more than the deepest pair inside it
 * (a run of 2n characters closed by another nests n levels). Openers that
 * are never closed (globs such as `*.log` on every line of a list) nest
 * nothing. Linear: each opener is pushed and dropped once.
 *
 * Each level of a pair takes at least one character that can open (`*`,
 * `_`, `[`), so a paragraph with no more than `max` of them cannot nest
 * deeper than `max`: its lines are only noted, and read once the paragraph
 * has more (most paragraphs never have).
 */
class ParagraphNesting {
  readonly #max: number
  /** Open `*` runs, `_` runs and `[`. */
  readonly #stacks: [Opener[], Opener[], Opener[]] = [[], [], []]
  #order = 0
  /** The deepest pair closed in this paragraph. */
  #deepest = 0
  /** The line of the opener of the first pair deeper than the limit. */
  #cut: {offset: number; line: number} | undefined
  /** Characters that can open, on the lines of this paragraph so far. */
  #openers = 0
  /** Lines noted but not read yet (start, end, line offset, line number, one after the other). */
  readonly #noted: number[] = []

  constructor(max: number) {
    this.#max = max
  }

  /**
   * Take one line of the paragraph, `source[start, end)`, from the line
   * starting at `lineOffset`, which holds `openers` characters that can open.
   */
  line(source: string, start: number, end: number, lineOffset: number, line: number, openers: number): void {
    const reading = this.#openers > this.#max
    this.#openers += openers
    if (!reading && this.#openers <= this.#max) {
      this.#noted.push(start, end, lineOffset, line)
      return
    }
    const noted = this.#noted
    for (let index = 0; index < noted.length; index += 4) this.#read(source, noted[index]!, noted[index + 1]!, noted[index + 2]!, noted[index + 3]!)
    noted.length = 0
    this.#read(source, start, end, lineOffset, line)
  }

  /** Read one line of the paragraph, `source[start, end)`, from the line starting at `lineOffset`. */
  #read(source: string, start: number, end: number, lineOffset: number, line: number): void {
    for (let index = start; index < end; index++) {
      const code = source.charCodeAt(index)
      if (code === 92 /* \ */) {
        index++
      } else if (code === 91 /* [ */) {
        this.#stacks[2].push({order: this.#order++, left: 1, inner: 0, offset: lineOffset, line})
      } else if (code === 93 /* ] */) {
        this.#close(2, 1)
      } else if (code === 42 /* * */ || code === 95 /* _ */) {
        let runEnd = index + 1
        while (runEnd < end && source.charCodeAt(runEnd) === code) runEnd++
        const before = index === start ? ' ' : source.charAt(index - 1)
        const after = runEnd >= end ? ' ' : source.charAt(runEnd)
        const spaceBefore = isWhitespace(before)
        const spaceAfter = isWhitespace(after)
        const punctuationBefore = isPunctuation(before)
        const punctuationAfter = isPunctuation(after)
        const leftFlanking = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore)
        const rightFlanking = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter)
        const star = code === 42
        const canOpen = star ? leftFlanking : leftFlanking && (!rightFlanking || punctuationBefore)
        const canClose = star ? rightFlanking : rightFlanking && (!leftFlanking || punctuationAfter)
        const kind = star ? 0 : 1
        let left = runEnd - index
        if (canClose) left = this.#close(kind, left)
        if (canOpen && left > 0) this.#stacks[kind].push({order: this.#order++, left, inner: 0, offset: lineOffset, line})
        index = runEnd - 1
      }
    }
  }

  /** Close up to `count` characters of openers of `kind`; returns the characters left unpaired. */
  #close(kind: 0 | 1 | 2, count: number): number {
    const stack = this.#stacks[kind]
    while (count > 0 && stack.length > 0) {
      const opener = stack[stack.length - 1]!
      // Openers of the other kinds opened inside this pair stay unpaired: drop them.
      for (const other of this.#stacks) {
        if (other === stack) continue
        while (other.length > 0 && other[other.length - 1]!.order > opener.order) {
          opener.inner = Math.max(opener.inner, other.pop()!.inner)
        }
      }
      const used = Math.min(opener.left, count)
      const depth = opener.inner + (kind === 2 ? 1 : Math.ceil(used / 2))
      count -= used
      opener.left -= used
      if (depth > this.#deepest) this.#deepest = depth
      if (depth > this.#max && this.#cut === undefined) this.#cut = {offset: opener.offset, line: opener.line}
      if (opener.left > 0) {
        // The rest of the run encloses this pair.
        opener.inner = depth
      } else {
        stack.pop()
        const outer = this.#innermost()
        if (outer && depth > outer.inner) outer.inner = depth
      }
    }
    return count
  }

  /** The innermost opener still open. */
  #innermost(): Opener | undefined {
    let found: Opener | undefined
    for (const stack of this.#stacks) {
      const top = stack[stack.length - 1]
      if (top && (!found || top.order > found.order)) found = top
    }
    return found
  }

  /** End the paragraph: where to cut it, if it nests too deep; then start afresh. */
  end(): TooDeep | undefined {
    const cut = this.#cut
    const found: TooDeep | undefined = cut ? {offset: cut.offset, line: cut.line, depth: this.#deepest, kind: 'paragraph'} : undefined
    this.reset()
    return found
  }

  /** Forget the paragraph read so far. */
  reset(): void {
    if (this.#openers > this.#max) {
      for (const stack of this.#stacks) stack.length = 0
      this.#deepest = 0
      this.#cut = undefined
    }
    this.#openers = 0
    this.#noted.length = 0
  }
}
