/**
 * Build the index with lunr, then keep it in the compact form the query
 * side reads (`./model.js`).
 *
 * - One lunr document per runbook (title, tags and id, intro) and one per
 *   step (title, text without code, commands), numbered in runbook order,
 *   so the index stores no ids: the runbooks beside it give them back.
 *   Nothing is indexed twice: a step's score is combined with its
 *   runbook's at query time.
 * - `lunr.Builder` tokenizes with our tokenizer, runs our pipeline (stop
 *   words, stems) and computes lunr's BM25 field vectors. A field that a
 *   document does not have (a runbook has no step title) is left out before
 *   the averages are taken, so the average length of a step title is taken
 *   over steps only.
 * - Then, per term, the documents that have it and its weight in each (the
 *   sum of its field vector entries, field boosts included) and whether it
 *   is in a title or tag field: what a query adds up. No positions; snippets
 *   are computed from the text at query time.
 *
 * @module
 */
import type {Runbook} from '../types.js'
import {encodePostings} from './codec.js'
import lunr from './lunr.js'
import {describe} from '../describe.js'
import {type SearchIndex, type SerializedIndex, indexVersion, publish} from './model.js'
import {normalizeTerm} from './pipeline.js'
import {runbookText, treeText} from './text.js'
import {tokenize} from './tokenize.js'

export {checkSerializedIndex, indexVersion, loadIndex} from './model.js'
export type {SearchIndex, SerializedIndex} from './model.js'

/** The indexed fields: lunr name, boost, and whether it is a title or tag field (for re-ranking). */
export const fieldSpecs = [
  {name: 't', boost: 10, title: true}, // runbook title (runbook documents)
  {name: 's', boost: 6, title: true}, // step title (step documents)
  {name: 'g', boost: 5, title: true}, // tags and id (runbook documents)
  {name: 'b', boost: 1, title: false}, // intro or step body, code left out
  {name: 'c', boost: 2, title: false} // commands (step documents)
] as const

type FieldName = (typeof fieldSpecs)[number]['name']

/** What {@link buildIndex} accepts. */
export interface BuildIndexOptions {
  /**
   * Called as documents are indexed (every 1,000 and at the end), for
   * progress reports on long builds. (default: none)
   */
  onProgress?: ((done: number, total: number) => void) | null | undefined
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

function fieldTexts(runbook: Runbook, step: number): Record<FieldName, string> {
  if (step < 0) {
    const tags = Array.isArray(runbook.meta?.tags) ? runbook.meta.tags.join(' ') : ''
    return {t: str(runbook.title), s: '', g: `${tags} ${str(runbook.id)}`, b: runbookText(runbook), c: ''}
  }
  const s = runbook.steps[step]!
  const commands = Array.isArray(s.commands) ? s.commands.map((c) => str(c.code)).join('\n') : ''
  return {t: '', s: str(s.title), g: '', b: treeText(s.content, {code: false}), c: commands}
}

/**
 * lunr's tokenizer replaced by ours (lunr's splits on whitespace and `-`
 * only). Tokens are given to lunr as strings, not `lunr.Token`s: the
 * builder uses each token as a property key several times, and a string is
 * a key as it is, where an object is converted through V8's slow path each
 * time (3 µs a token on 20,000 steps). Nothing reads token metadata
 * (`metadataWhitelist` is empty).
 */
const lunrTokenizer = (text: unknown): string[] => tokenize(typeof text === 'string' ? text : '').map((token) => token.term)

/** lunr pipeline function: drops stop words and stems (`./pipeline.js`); strings in, strings out. */
const lunrTerm = ((token: string) => normalizeTerm(String(token)) ?? null) as unknown as lunr.PipelineFunction

let registered = false

/** Register {@link lunrTerm} under its name (lunr warns about unnamed pipeline functions). */
function registerPipeline(): void {
  if (registered) return
  lunr.Pipeline.registerFunction(lunrTerm, 'runbookKitTerm')
  registered = true
}

/** The parts of `lunr.Builder` the typings leave out. */
interface BuilderParts {
  fieldLengths: Record<string, number>
  fieldTermFrequencies: Record<string, unknown>
  fieldVectors: Record<string, {elements: number[]}>
  invertedIndex: Record<string, {_index: number}>
  calculateAverageFieldLengths(): void
  createFieldVectors(): void
}

/**
 * Index runbooks for {@link search}: one document per runbook (title, tags,
 * intro) and one per step (title, text, commands), with `lunr.Builder`.
 *
 * @param runbooks
 *   Parsed runbooks (`parseRunbook`, `loadRunbooks`).
 * @param options
 *   Progress callback.
 * @returns
 *   The index; `toJSON()` gives its compact form.
 */
export function buildIndex(runbooks: readonly Runbook[], options?: BuildIndexOptions | null | undefined): SearchIndex {
  const onProgress = typeof options?.onProgress === 'function' ? options.onProgress : undefined
  if (!Array.isArray(runbooks)) {
    throw new TypeError(`runbook-kit: buildIndex expects an array of runbooks, not ${describe(runbooks)}`)
  }
  runbooks.forEach((runbook, i) => {
    if (!runbook || typeof runbook !== 'object' || !Array.isArray(runbook.steps)) {
      throw new TypeError(`runbook-kit: buildIndex: runbooks[${i}] is not a runbook (${describe(runbook)})`)
    }
  })
  const {parts, documents} = lunrBuilder(runbooks, onProgress)
  // `build()` without its token set: the query side has its own sorted terms.
  parts.calculateAverageFieldLengths()
  parts.createFieldVectors()
  return publish(compact(parts, documents), runbooks)
}

/**
 * @internal
 * A `lunr.Builder` with every document added and the fields documents lack
 * left out, ready for its averages and field vectors (`build()` also makes
 * lunr's token set; tests compare with the lunr index it gives).
 */
export function lunrBuilder(
  runbooks: readonly Runbook[],
  onProgress?: ((done: number, total: number) => void) | undefined
): {builder: lunr.Builder; parts: BuilderParts; documents: number} {
  registerPipeline()
  const builder = new lunr.Builder()
  builder.ref('ref')
  for (const field of fieldSpecs) builder.field(field.name, {boost: field.boost})
  builder.metadataWhitelist = []
  builder.tokenizer = lunrTokenizer as unknown as typeof lunr.tokenizer
  builder.pipeline.add(lunrTerm)
  builder.searchPipeline.add(lunrTerm)

  let documents = 0
  for (const runbook of runbooks) documents += runbook.steps.length + 1
  let n = 0
  runbooks.forEach((runbook, r) => {
    for (let step = -1; step < runbook.steps.length; step++, n++) {
      builder.add({ref: `d${n}`, ...fieldTexts(runbooks[r]!, step)})
      if (onProgress && (n + 1) % 1000 === 0) onProgress(n + 1, documents)
    }
  })
  onProgress?.(documents, documents)

  // A field the document does not have is no field of it: out of the averages and the vectors.
  const parts = builder as unknown as BuilderParts
  for (const fieldRef of Object.keys(parts.fieldLengths)) {
    if (parts.fieldLengths[fieldRef] === 0) {
      delete parts.fieldLengths[fieldRef]
      delete parts.fieldTermFrequencies[fieldRef]
    }
  }
  return {builder, parts, documents}
}

/** The field vectors of a built lunr index as sorted terms and posting lists. */
function compact(parts: BuilderParts, documents: number): SerializedIndex {
  const termOf: string[] = []
  for (const term of Object.keys(parts.invertedIndex)) termOf[parts.invertedIndex[term]!._index] = term
  const docs: number[][] = termOf.map(() => [])
  const weights: number[][] = termOf.map(() => [])
  const titles: number[][] = termOf.map(() => [])
  const titleField = new Map<string, number>(fieldSpecs.map((f) => [f.name, f.title ? 1 : 0]))
  // Field vectors come in document order (then field order): each list stays sorted.
  for (const [fieldRef, vector] of Object.entries(parts.fieldVectors)) {
    const slash = fieldRef.indexOf('/')
    const title = titleField.get(fieldRef.slice(0, slash)) ?? 0
    const doc = Number(fieldRef.slice(slash + 2))
    const elements = vector.elements
    for (let i = 0; i < elements.length; i += 2) {
      const t = elements[i]!
      const list = docs[t]!
      const last = list.length - 1
      if (last >= 0 && list[last] === doc) {
        weights[t]![last]! += elements[i + 1]!
        titles[t]![last]! |= title
      } else {
        list.push(doc)
        weights[t]!.push(elements[i + 1]!)
        titles[t]!.push(title)
      }
    }
  }
  const order = termOf.map((_, i) => i).sort((a, b) => (termOf[a]! < termOf[b]! ? -1 : 1))
  return {
    version: indexVersion,
    documents,
    terms: order.map((i) => termOf[i]!),
    postings: order.map((i) => encodePostings(docs[i]!, weights[i]!, titles[i]!))
  }
}
