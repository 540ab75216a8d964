/**
 * The reader of a split bundle: the entry is in hand; packs, directory
 * parts, summaries and index parts are fetched when a call needs them, each
 * once, and checked against the hash in their name.
 *
 * @module
 */
import {type BundledRunbook, type LoadedBundle, type RunbookSummary, checkRunbook, checkSummary, toSummary, unbundleRunbook} from '../bundle.js'
import {type IndexShard, type PartialIndex, addShard, loadIndex, openIndexHead, rank, shardsFor, toResults} from '../search/internal.js'
import type {SerializedIndex} from '../search/model.js'
import type {SearchOptions} from '../search/options.js'
import type {Runbook} from '../types.js'
import {isObject} from '../is-object.js'
import {type BundleSearchResult, type Source, fetchText, fileError, parseJson, until} from './fetch.js'
import type {BundleReader, ReadOptions} from './reader.js'
import {Url} from './web.js'
import {type PartKind, type PartTable, type SplitEntry, checkEntry, contentHash, directoryOf, hashAt, partCount, partFormat, partName} from './split-format.js'

/** @internal Open a split bundle from its parsed entry. */
export function openSplitBundle(url: string, value: Record<string, unknown>, source: Source): BundleReader {
  const problem = checkEntry(value)
  if (problem) throw new Error(`runbook-kit: ${source.name(url)}: entry${problem}`)
  const entry = value as unknown as SplitEntry
  const tables: Record<PartKind, PartTable> = {pack: entry.packs, directory: entry.directory, summaries: entry.summaries, index: entry.index}

  const partUrl = (kind: PartKind, n: number) => new Url(`${entry.parts}/${partName(kind, n, hashAt(tables[kind], n))}`, url).href
  const nameOf = (kind: PartKind, n: number) => source.name(partUrl(kind, n))
  /** `list`, checked: an array of `expected` summaries (of a `version` bundle); if not, an `Error` naming part `n` of `kind`. */
  const summaryList = (list: unknown, field: string, expected: number, version: number, kind: PartKind, n: number): unknown[] => {
    if (!Array.isArray(list) || list.length !== expected) {
      throw new Error(`runbook-kit: ${nameOf(kind, n)}: ${field} must be a list of ${expected}`)
    }
    list.forEach((item: unknown, i) => {
      const problem = checkSummary(item, version)
      if (problem) throw new Error(`runbook-kit: ${nameOf(kind, n)}: ${field}[${i}]${problem}`)
    })
    return list
  }

  const fetched = new Map<string, Promise<Record<string, unknown>>>()
  /** Part `n` of a kind: fetched once (again after a failure), its hash and shape checked. */
  const part = (kind: PartKind, n: number): Promise<Record<string, unknown>> =>
    once(fetched, `${kind}${n}`, () => {
      const name = nameOf(kind, n)
      return fetchText(source, partUrl(kind, n)).then((text) => {
        if (contentHash(text) !== hashAt(tables[kind], n)) {
          throw new Error(`runbook-kit: ${name}: its content does not match the hash in its name (a file of another build?)`)
        }
        const json = parseJson(text, name)
        if (!isObject(json) || json.format !== partFormat || json.kind !== kind || json.n !== n) {
          throw new Error(`runbook-kit: ${name} is not ${kind} part ${n} of a bundle`)
        }
        return json
      })
    })

  const runbooks = new Map<number, {summary: RunbookSummary; runbook: () => Runbook}>()
  const numbers = new Map<string, number | undefined>()
  const packs = new Map<number, Promise<void>>()
  /** Pack `k`, its runbooks' summaries checked and their bodies read when asked for. */
  const pack = (k: number): Promise<void> =>
    once(packs, k, () =>
      part('pack', k).then((json) => {
        const first = k * entry.packs.size
        const list = summaryList(json.runbooks, 'runbooks', Math.min(entry.packs.size, entry.count - first), 2, 'pack', k)
        ;(list as BundledRunbook[]).forEach((item, i) => {
          // With unique ids, a runbook whose pack is here is opened without its directory part.
          if (entry.uniqueIds === true) numbers.set(item.id, first + i)
          let read: Runbook | undefined
          runbooks.set(first + i, {
            summary: toSummary(item),
            runbook() {
              if (read) return read
              let runbook: Runbook
              try {
                runbook = unbundleRunbook(item, i)
              } catch (error) {
                throw fileError(nameOf('pack', k), error)
              }
              const problem = checkRunbook(runbook)
              if (problem) throw new Error(`runbook-kit: ${nameOf('pack', k)}: runbooks[${i}]${problem}`)
              return (read = runbook)
            }
          })
        })
      })
    )
  /** Runbook number `n`, its pack fetched. */
  const runbookAt = async (n: number) => {
    await pack(Math.floor(n / entry.packs.size))
    return runbooks.get(n)!
  }

  /** The number of the runbook with this id, from its directory part. */
  const numberOf = async (id: string): Promise<number | undefined> => {
    if (numbers.has(id)) return numbers.get(id)
    const d = directoryOf(id, partCount(entry.directory))
    const json = await part('directory', d)
    const {ids, numbers: list} = json
    if (!Array.isArray(ids) || !Array.isArray(list) || ids.length !== list.length) {
      throw new Error(`runbook-kit: ${nameOf('directory', d)}: ids and numbers must be lists of the same length`)
    }
    const at = ids.indexOf(id)
    const n: unknown = at < 0 ? undefined : list[at]
    if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 0 && (n as number) < entry.count)) {
      throw new Error(`runbook-kit: ${nameOf('directory', d)}: runbook number of "${id}" is out of range`)
    }
    numbers.set(id, n as number | undefined)
    return n as number | undefined
  }

  const allSummaries = new Map<'all', Promise<RunbookSummary[]>>()
  /** Every summary, from all the summaries parts. */
  const pendingSummaries = (): Promise<RunbookSummary[]> =>
    once(allSummaries, 'all', () =>
      Promise.all(
        Array.from({length: partCount(entry.summaries)}, (_, k) =>
          part('summaries', k).then((json) => {
            const expected = Math.min(entry.summaries.size, entry.count - k * entry.summaries.size)
            return summaryList(json.summaries, 'summaries', expected, 1, 'summaries', k) as RunbookSummary[]
          })
        )
      ).then((lists) => lists.flat())
    )

  let index: PartialIndex
  try {
    index = openIndexHead(entry.index.head)
  } catch (error) {
    throw fileError(`${source.name(url)}: entry.index.head`, error)
  }
  if (index.runbookCount !== entry.count || index.shardCount !== partCount(entry.index)) {
    throw new Error(`runbook-kit: ${source.name(url)}: entry.index does not fit the entry (runbook or shard count)`)
  }
  const shards = new Map<number, Promise<IndexShard>>()
  /** Index shard `n`, added to the index (once). */
  const shard = (n: number): Promise<IndexShard> =>
    once(shards, n, () =>
      part('index', n).then((json) => {
        try {
          addShard(index, n, json.shard)
        } catch (error) {
          throw fileError(nameOf('index', n), error)
        }
        return json.shard as IndexShard
      })
    )

  const searchSplit = async (query: string, options: (SearchOptions & ReadOptions) | undefined): Promise<BundleSearchResult[]> => {
    await Promise.all(shardsFor(index, query, options).map(shard))
    // The head has no tags: a tag filter reads them from the summaries.
    const tags = Array.isArray(options?.tags) ? options.tags.map((tag) => String(tag).toLowerCase()) : []
    let accept: ((runbook: number) => boolean) | undefined
    if (tags.length > 0) {
      const list = await pendingSummaries()
      const tagsOf = (r: number) => (Array.isArray(list[r]?.meta.tags) ? list[r]!.meta.tags.map((tag) => String(tag).toLowerCase()) : [])
      accept = (r) => {
        const have = tagsOf(r)
        return tags.every((tag) => have.includes(tag))
      }
    }
    const hits = rank(index, query, {...options, tags: undefined, accept})
    await Promise.all([...new Set(hits.map((hit) => Math.floor(hit.runbook / entry.packs.size)))].map(pack))
    const results = toResults(hits, (n) => runbooks.get(n)!.runbook(), options)
    return results.map((result, i) => ({...result, summary: runbooks.get(hits[i]!.runbook)!.summary}))
  }

  /** Every runbook, and the whole index again from all shards (their terms in order are the index's). */
  const loaded = new Map<'all', Promise<LoadedBundle>>()
  const load = (): Promise<LoadedBundle> =>
    once(loaded, 'all', async () => {
      const list = await Promise.all(Array.from({length: entry.count}, (_, n) => runbookAt(n)))
      const all = list.map((item) => item.runbook())
      const parts = await Promise.all(Array.from({length: partCount(entry.index)}, (_, n) => shard(n)))
      const json: SerializedIndex = {
        version: entry.index.head.version,
        documents: entry.index.head.documents,
        terms: parts.flatMap((part) => part.terms),
        postings: parts.flatMap((part) => part.postings)
      }
      try {
        return {version: 3, runbooks: all, index: loadIndex(json, all)}
      } catch (error) {
        throw fileError(`${source.name(url)}: index`, error)
      }
    })

  const reader: BundleReader = {
    version: 3,
    count: entry.count,
    categories: entry.categories.map(([category]) => category),
    has: (id, options?: ReadOptions) => until(numberOf(id).then((n) => n !== undefined), options?.signal),
    runbook: (id, options?: ReadOptions) =>
      until(
        numberOf(id).then(async (n) => (n === undefined ? undefined : (await runbookAt(n)).runbook())),
        options?.signal
      ),
    async summaries(options) {
      const list = await until(pendingSummaries(), options?.signal)
      const category = options?.category
      return !category ? list : list.filter((summary) => summary.meta.category === category)
    },
    search: (query, options?: SearchOptions & ReadOptions) => until(searchSplit(query, options), options?.signal),
    load: (options?: ReadOptions) => until(load(), options?.signal)
  }
  return reader
}

/** `make()`'s promise, kept under `key` so that later calls share it; forgotten when it fails, so a retry runs `make` again. */
function once<K, T>(pending: Map<K, Promise<T>>, key: K, make: () => Promise<T>): Promise<T> {
  let promise = pending.get(key)
  if (!promise) {
    promise = make()
    promise.catch(() => pending.delete(key))
    pending.set(key, promise)
  }
  return promise
}
