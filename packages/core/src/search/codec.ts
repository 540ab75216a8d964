/**
 * The compact text form of posting lists: numbers as base-64 digits in a
 * JSON-safe alphabet, so a list is one short string (no escapes, no commas)
 * that is decoded only when a query first needs it.
 *
 * A list starts with two digits: the largest weight of the term, as an
 * 11-bit code on a log scale (0.001 to 1,000, 0.7% apart). Then each
 * posting is a document gap (variable length: 5 bits a digit, low bits
 * first; a digit of 32 or more says another follows) and one digit: how
 * far its weight is below the largest, in steps of 11% (5 bits: down to a
 * 28th of it, lower weights count as that), and whether the term is in a
 * title or tag field of the document (1 bit). Weights are thus kept to
 * ±5.5%, which keeps a list short and the index small once gzipped (a
 * finer weight costs entropy that gzip cannot take out).
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

/** Weight codes between neighbouring steps of a posting's weight. */
const relativeStep = 16
/** Steps below the largest weight: 5 bits. */
const relativeSteps = 32

/**
 * Encode a posting list.
 *
 * @param docs
 *   Document numbers, ascending, no repeats.
 * @param weights
 *   The term's weight in each.
 * @param titles
 *   For each, 1 when the term is in a title or tag field of it, else 0.
 */
export function encodePostings(docs: ArrayLike<number>, weights: ArrayLike<number>, titles: ArrayLike<number>): string {
  let largest = 0
  for (let i = 0; i < weights.length; i++) largest = Math.max(largest, weightCode(weights[i]!))
  const out: string[] = [alphabet[largest >> 6]!, alphabet[largest & 63]!]
  let previous = 0
  for (let i = 0; i < docs.length; i++) {
    pushNumber(out, docs[i]! - previous)
    previous = docs[i]!
    const below = Math.min(relativeSteps - 1, Math.round((largest - weightCode(weights[i]!)) / relativeStep))
    out.push(alphabet[below * 2 + (titles[i] ? 1 : 0)]!)
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
  if (length < 2) return undefined
  const high = digitOf(text, 0)
  const low = digitOf(text, 1)
  if (high < 0 || low < 0 || high * 64 + low >= weightCodes) return undefined
  const largest = high * 64 + low
  // Every posting is at least two digits.
  const capacity = (length - 2) >> 1
  const docs = new Uint32Array(capacity)
  const weights = new Float64Array(capacity)
  const titles = new Uint8Array(capacity)
  let count = 0
  let doc = 0
  let at = 2
  while (at < length) {
    let gap = 0
    let scale = 1
    let digit: number
    do {
      digit = digitOf(text, at++)
      if (digit < 0 || scale > 2 ** 30) return undefined
      gap += (digit & 31) * scale
      scale *= 32
    } while (digit >= 32 && at < length)
    if (digit >= 32 || at >= length) return undefined
    const code = digitOf(text, at++)
    doc += gap
    if (code < 0 || doc >= documents || (count > 0 && gap === 0)) return undefined
    docs[count] = doc
    weights[count] = weightOfCode[Math.max(0, largest - (code >> 1) * relativeStep)]!
    titles[count] = code & 1
    count++
  }
  if (count === 0) return undefined
  return {docs: docs.subarray(0, count), weights: weights.subarray(0, count), titles: titles.subarray(0, count)}
}

/** The value of the digit at `at`, or -1. */
function digitOf(text: string, at: number): number {
  const c = text.charCodeAt(at)
  return c < 128 ? digitValues[c]! : -1
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
