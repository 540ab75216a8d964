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
  /** `container`: lists and block quotes; `inline`: emphasis and link brackets. */
  kind: 'container' | 'inline'
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
 * depth). Runs in time linear in the length of `source`.
 */
export function findTooDeep(source: string, max: number): TooDeep | undefined {
  let line = 1
  let start = 0
  const length = source.length
  let fence = ''
  while (start <= length) {
    let index = start
    let indent = 0
    while (index < length && (source.charCodeAt(index) === 32 || source.charCodeAt(index) === 9)) {
      indent += source.charCodeAt(index) === 9 ? 4 - (indent % 4) : 1
      index++
    }
    let markers = 0
    for (;;) {
      const code = source.charCodeAt(index)
      let after = -1
      if (code === 62 /* > */) {
        after = index + 1
      } else if (code === 45 /* - */ || code === 42 /* * */ || code === 43 /* + */) {
        if (isSpaceOrEnd(source, index + 1)) after = index + 1
      } else if (code >= 48 && code <= 57) {
        let end = index
        while (end < length && end - index < 9 && source.charCodeAt(end) >= 48 && source.charCodeAt(end) <= 57) end++
        const delimiter = source.charCodeAt(end)
        if ((delimiter === 46 /* . */ || delimiter === 41 /* ) */) && isSpaceOrEnd(source, end + 1)) after = end + 1
      }
      if (after < 0) break
      markers++
      index = after
      while (index < length && (source.charCodeAt(index) === 32 || source.charCodeAt(index) === 9)) index++
    }
    const depth = markers === 0 ? 0 : markers + Math.floor(indent / 2)
    if (depth > max) return {offset: start, line, depth, kind: 'container'}
    let end = index
    while (end < length && source.charCodeAt(end) !== 10 && source.charCodeAt(end) !== 13) end++
    const marker = /^(`{3,}|~{3,})/.exec(source.slice(index, Math.min(end, index + 64)))
    if (marker && (fence === '' || (marker[1]![0] === fence[0] && marker[1]!.length >= fence.length))) {
      fence = fence === '' ? marker[1]! : ''
    } else if (fence === '') {
      const inline = inlineDepth(source, index, end)
      if (inline > max) return {offset: start, line, depth: inline, kind: 'inline'}
    }
    index = end
    // Next line: after \n, \r\n or \r.
    if (index >= length) break
    index += source.charCodeAt(index) === 13 && source.charCodeAt(index + 1) === 10 ? 2 : 1
    start = index
    line++
  }
  return undefined
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
