/**
 * A tokenizer for IT text.
 *
 * lunr's own tokenizer splits on whitespace and `-` only, so `192.168`
 * misses `192.168.1.1` and `printer?` matches nothing. This one finds
 * "chunks": runs of letters and digits joined by connectors (`. _ - / \ :
 * @ + #`), with an optional leading `-`/`--` for CLI flags. A chunk is kept
 * whole (`err_connection_refused`, `192.168.1.1`, `c:\windows`,
 * `--dry-run`, `kubepodcrashlooping`) and, when it has several, also as its
 * parts (`err`, `connection`, `refused`; `kube`, `pod`, `crash`,
 * `looping`), so it is findable both ways.
 *
 * @module
 */

/** A token of text, with where it is in that text. */
export interface SearchToken {
  /** The token, lower-cased, not yet stemmed. */
  term: string
  /** Offset of its first character in the text. */
  start: number
  /** Offset after its last character. */
  end: number
  /** Whether it is a part of a longer chunk (`pod` in `KubePodCrashLooping`). */
  part: boolean
}

/** Whole chunks longer than this are not indexed whole (base64, hashes); their parts are. */
const maxWholeLength = 48

// A chunk may start with `-`/`--` (a flag): a dash after a letter or digit
// would have joined the previous chunk as a connector, so no look-behind.
const chunkPattern = /-{0,2}[\p{L}\p{N}]+(?:[._\-/\\:@+#]+[\p{L}\p{N}]+)*/gu
const piecePattern = /[\p{L}\p{N}]+/gu
/** A chunk that is one plain word: no connector, no capital after its first letter. */
const plainPattern = /^[\p{L}\p{N}][\p{Ll}\p{Lo}\p{N}]*$/u
/** Two or three letter-only words joined by single hyphens. */
const hyphenated = /^\p{L}+(?:-\p{L}+){1,2}$/u
/** Boundaries inside a piece: `podCrash`, `HTTPServer`. */
const camelPattern = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u

/**
 * Split text into search tokens: every chunk whole, then its parts.
 *
 * Never throws; any string (or a non-string, read as empty) is accepted.
 *
 * @param text
 *   Text to split.
 * @returns
 *   Tokens in order of position; single characters are left out.
 */
export function tokenize(text: string | null | undefined): SearchToken[] {
  return tokensOf(text, undefined)
}

/**
 * @internal
 * The tokens of `text` as {@link tokenize} gives them, less (some of) those
 * whose first two letters are not in `heads` (snippets look for a few
 * terms in long texts). ASCII text is not scanned whole: only the chunks
 * around the places where a head occurs (every token of a chunk starts
 * with a piece of its lower-cased text) are tokenized; other text is
 * scanned chunk by chunk, skipping plain words of other heads unread.
 */
export function tokenizeFor(text: string, heads: ReadonlySet<string>): SearchToken[] {
  const tokens: SearchToken[] = []
  if (typeof text !== 'string' || text === '') return tokens
  // Lower-casing ASCII keeps every offset and is the same letter by letter as word by word.
  if (!ascii.test(text)) return tokensOf(text, heads)
  const lower = text.toLowerCase()
  const places: number[] = []
  for (const head of heads) {
    for (let at = lower.indexOf(head); at >= 0; at = lower.indexOf(head, at + 1)) if (tokenStart(text, at)) places.push(at)
  }
  places.sort((a, b) => a - b)
  let done = 0
  for (const place of places) {
    if (place < done) continue
    // Back to where the chunk holding `place` may start: a chunk never crosses other characters.
    let from = place
    while (from > 0 && chunkCharacter.test(text[from - 1]!)) from--
    // The chunks from there are the chunks of a scan of the whole text: the first to reach past `place`.
    chunkPattern.lastIndex = from
    let match: RegExpExecArray | null
    while ((match = chunkPattern.exec(text)) && match.index + match[0].length <= place);
    if (!match) break
    done = match.index + match[0].length
    pushChunk(tokens, match[0], match.index, heads)
  }
  return tokens
}

/**
 * Whether a token of ASCII `text` may start at `at`: after a character that
 * is not a letter or digit, or at a CamelCase boundary (`podCrash`,
 * `HTTPServer`).
 */
function tokenStart(text: string, at: number): boolean {
  if (at === 0) return true
  const before = text.charCodeAt(at - 1)
  if (!isAlphanumeric(before)) return true
  const here = text.charCodeAt(at)
  if (!isUpper(here)) return false
  return !isUpper(before) || isLower(text.charCodeAt(at + 1))
}

const isUpper = (c: number) => c >= 65 && c <= 90
const isLower = (c: number) => c >= 97 && c <= 122
const isAlphanumeric = (c: number) => isUpper(c) || isLower(c) || (c >= 48 && c <= 57)

/** Text of ASCII characters only. */
const ascii = /^[\x00-\x7f]*$/
/** A character a chunk can hold. */
const chunkCharacter = /[\p{L}\p{N}._\-/\\:@+#]/u

function tokensOf(text: string | null | undefined, heads: ReadonlySet<string> | undefined): SearchToken[] {
  const tokens: SearchToken[] = []
  if (typeof text !== 'string' || text === '') return tokens
  chunkPattern.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = chunkPattern.exec(text))) pushChunk(tokens, match[0], match.index, heads)
  return tokens
}

/** Push the tokens of a chunk (a plain word of a head not in `heads` gives none). */
function pushChunk(tokens: SearchToken[], chunk: string, start: number, heads: ReadonlySet<string> | undefined): void {
  const end = start + chunk.length
  if (plainPattern.test(chunk)) {
    if (heads && !heads.has(chunk.toLowerCase().slice(0, 2))) return
    if (chunk.length > 1 && chunk.length <= maxWholeLength) {
      tokens.push({term: chunk.toLowerCase(), start, end, part: false})
    }
    return
  }
  const parts = splitParts(chunk, start)
  if (parts.length === 1 && parts[0]!.end - parts[0]!.start === chunk.length) {
    if (chunk.length > 1 && chunk.length <= maxWholeLength) {
      tokens.push({term: chunk.toLowerCase(), start, end, part: false})
    }
    return
  }
  if (chunk.length <= maxWholeLength) tokens.push({term: chunk.toLowerCase(), start, end, part: false})
  for (const part of parts) if (part.term.length > 1) tokens.push(part)
  // `Wi-Fi` is also `wifi`, `e-mail` also `email`, `log-in` also `login`.
  if (parts.length <= 3 && hyphenated.test(chunk)) {
    tokens.push({term: parts.map((p) => p.term).join(''), start, end, part: true})
  }
}

/** The parts of a chunk: pieces between connectors, CamelCase pieces split further. */
function splitParts(chunk: string, offset: number): SearchToken[] {
  const parts: SearchToken[] = []
  for (const piece of chunk.matchAll(piecePattern)) {
    const text = piece[0]
    const start = offset + piece.index
    const camel = /\p{Lu}/u.test(text.slice(1)) ? text.split(camelPattern) : [text]
    // Split only when every piece is a word (`macOS`, not `iOS` or `IPv6`).
    if (camel.length > 1 && camel.every((c) => c.length > 1)) {
      let at = start
      for (const c of camel) {
        parts.push({term: c.toLowerCase(), start: at, end: at + c.length, part: true})
        at += c.length
      }
    } else {
      parts.push({term: text.toLowerCase(), start, end: start + text.length, part: true})
    }
  }
  return parts
}
