/**
 * A reader for the flat frontmatter most runbooks have, without the YAML
 * parser: one `key: value` per line, where each value is a plain word or
 * sentence, a whole number, a single- or double-quoted string without
 * escapes, or nothing.
 *
 * ```yaml
 * title: Restart the printer spooler
 * owner: "Desk team"
 * review_in: 6 months
 * weight: 10
 * ```
 *
 * It answers only where the YAML 1.2 core schema (the `yaml` package's
 * default) reads the text the same way and finds nothing to report;
 * anything else (lists, nested maps, comments after a value, other
 * numbers, `true`, `null`, escapes, tabs, repeated keys) is left to the
 * full parser, which also places its errors.
 *
 * @module
 */

/** One line: a key, a colon, then a value after a space, or nothing. */
const linePattern = /^([A-Za-z_][\w.-]*):(?: +(.*))?$/
/** Keys and plain values the core schema reads as something other than text. */
const notText = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/
/** A plain value that may be a number in the core schema (starts with a digit, a sign or a dot). */
const numberLike = /^[-+.0-9]/
/** A whole number the core schema reads as one, written without a sign or a leading zero. */
const wholeNumber = /^(?:0|[1-9][0-9]{0,14})$/
/**
 * What a plain value must not hold: a character that may start a comment
 * or a nested map (`#`, `: `, a final `:`), a control character or one
 * YAML may refuse, or a first character that YAML reads as an indicator.
 */
const unsafePlain = /#|: |:$|[\u0000-\u001f\u007f-\u009f\ufeff\ufffe\uffff]|^[-?:,[\]{}&*!|>'"%@`]/
/** Keys that could poison prototypes: the full reader reports them. */
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * The map that flat frontmatter `text` holds, or undefined when it is not
 * flat in the sense above (then read it with the YAML parser).
 */
export function readFlatYaml(text: string): Record<string, string | number | null> | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined
  const record: Record<string, string | number | null> = {}
  let keys = 0
  for (const raw of text.split('\n')) {
    // YAML's white space is spaces and tabs (no tab gets here), not every character `trimEnd` removes.
    let end = raw.length
    while (end > 0 && raw.charCodeAt(end - 1) === 32) end--
    const line = raw.slice(0, end)
    if (line === '' || line.startsWith('#')) continue
    const match = linePattern.exec(line)
    if (!match) return undefined
    const key = match[1]!
    if (key.length > 256 || notText.test(key) || unsafeKeys.has(key) || Object.hasOwn(record, key)) return undefined
    const value = valueOf(match[2])
    if (value === undefined) return undefined
    record[key] = value
    keys++
  }
  return keys === 0 ? undefined : record
}

/** The value of `written` (the text after `key: `), or undefined when the full parser must read it. */
function valueOf(written: string | undefined): string | number | null | undefined {
  if (written === undefined || written === '') return null
  const quote = written[0]
  if (quote === '"' || quote === "'") {
    const inner = written.slice(1, -1)
    if (written.length < 2 || written[written.length - 1] !== quote || inner.includes(quote) || inner.includes('\\')) return undefined
    return /[\u0000-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/.test(inner) ? undefined : inner
  }
  if (unsafePlain.test(written) || notText.test(written)) return undefined
  if (numberLike.test(written)) {
    if (wholeNumber.test(written)) return Number(written)
    // Other numbers (signs, leading zeros, decimals, exponents, octal, hex) are the full parser's.
    if (/^[-+]?(?:[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^0o|^0x|^[-+]?\./.test(written)) return undefined
  }
  return written
}
