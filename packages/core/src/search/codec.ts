/**
 * The compact text form of posting lists: numbers as base-64 digits in a
 * JSON-safe alphabet, so a list is one short string (no escapes, no commas)
 * that is decoded only when a query first needs it.
 *
 * A posting is a document gap (variable length: 5 bits a digit, low bits
 * first; a digit of 32 or more says another follows) and a weight code of
 * two digits: 11 bits of weight on a log scale (about 0.3% apart) and 1 bit
 * saying whether the term is in a title or tag field of that document.
 *
 * @module
 */

/** The 64 digits, in value order; none needs escaping in JSON. */
const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'
const digitValues = new Int8Array(128).fill(-1)
for (let i = 0; i < alphabet.length; i++) digitValues[alphabet.charCodeAt(i)] = i

/** Smallest weight that is told apart from zero (lunr rounds scores to 0.001). */
const minWeight = 0.001
/** Weight codes: 11 bits. */
const weightCodes = 2048
/** Log step between neighbouring weight codes: from 0.001 to 1,000. */
const weightStep = Math.log(1e6) / (weightCodes - 1)
/** The weight of each code. */
export const weightOfCode: Float64Array = (() => {
  const table = new Float64Array(weightCodes)
  for (let q = 0; q < weightCodes; q++) table[q] = minWeight * Math.exp(q * weightStep)
  return table
})()

/** The code of a weight (the nearest on the log scale, clamped to the range). */
export function weightCode(weight: number): number {
  if (!(weight > minWeight)) return 0
  return Math.min(weightCodes - 1, Math.round(Math.log(weight / minWeight) / weightStep))
}

/** Append `value` (a non-negative integer) as variable-length digits. */
function pushNumber(out: string[], value: number): void {
  while (value >= 32) {
    out.push(alphabet[32 + (value % 32)]!)
    value = Math.floor(value / 32)
  }
  out.push(alphabet[value]!)
}

/**
 * Encode a posting list.
 *
 * @param docs
 *   Document numbers, ascending, no repeats.
 * @param codes
 *   For each, `weightCode(weight) * 2 + (in a title or tag ? 1 : 0)`.
 */
export function encodePostings(docs: ArrayLike<number>, codes: ArrayLike<number>): string {
  const out: string[] = []
  let previous = 0
  for (let i = 0; i < docs.length; i++) {
    pushNumber(out, docs[i]! - previous)
    previous = docs[i]!
    const code = codes[i]!
    out.push(alphabet[code >> 6]!, alphabet[code & 63]!)
  }
  return out.join('')
}

/** A decoded posting list. */
export interface Postings {
  /** Document numbers, ascending. */
  docs: Uint32Array
  /** Weight of the term in each (BM25, field boosts applied, summed over fields). */
  weights: Float64Array
  /** 1 when the term is in a title or tag field of that document. */
  titles: Uint8Array
}

/**
 * Decode a posting list, or `undefined` when it is malformed (a digit out of
 * the alphabet, a cut number, a document number of `documents` or more).
 */
export function decodePostings(text: string, documents: number): Postings | undefined {
  const length = text.length
  // Every posting is at least three digits.
  const capacity = Math.floor(length / 3)
  const docs = new Uint32Array(capacity)
  const weights = new Float64Array(capacity)
  const titles = new Uint8Array(capacity)
  let count = 0
  let doc = 0
  let at = 0
  while (at < length) {
    let gap = 0
    let scale = 1
    let digit: number
    do {
      const c = text.charCodeAt(at++)
      digit = c < 128 ? digitValues[c]! : -1
      if (digit < 0 || scale > 2 ** 30) return undefined
      gap += (digit & 31) * scale
      scale *= 32
    } while (digit >= 32 && at < length)
    if (digit >= 32 || at + 2 > length) return undefined
    const high = digitValues[text.charCodeAt(at)] ?? -1
    const low = digitValues[text.charCodeAt(at + 1)] ?? -1
    at += 2
    if (high < 0 || low < 0) return undefined
    doc += gap
    if (doc >= documents || (count > 0 && gap === 0)) return undefined
    const code = high * 64 + low
    docs[count] = doc
    weights[count] = weightOfCode[code >> 1]!
    titles[count] = code & 1
    count++
  }
  return {docs: docs.subarray(0, count), weights: weights.subarray(0, count), titles: titles.subarray(0, count)}
}

/** Encode a list of small non-negative integers (per-runbook tables of an index head). */
export function encodeNumbers(values: readonly number[]): string {
  const out: string[] = []
  for (const value of values) pushNumber(out, value)
  return out.join('')
}

/** Decode {@link encodeNumbers}, or `undefined` when malformed. */
export function decodeNumbers(text: string): number[] | undefined {
  const values: number[] = []
  let at = 0
  while (at < text.length) {
    let value = 0
    let scale = 1
    let digit: number
    do {
      const c = text.charCodeAt(at++)
      digit = c < 128 ? digitValues[c]! : -1
      if (digit < 0 || scale > 2 ** 30) return undefined
      value += (digit & 31) * scale
      scale *= 32
    } while (digit >= 32 && at < text.length)
    if (digit >= 32) return undefined
    values.push(value)
  }
  return values
}
