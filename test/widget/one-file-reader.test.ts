/**
 * The widget's stand-in for core's `fetchBundle` (interfaces.md part B) over
 * one-file bundles: the same names and shapes, so the lead can swap it for
 * core's at merge. Plain Node: the reader is given its `fetch`.
 */
import {describe, expect, it} from 'vitest'
import {fetchBundle} from '../../packages/widget/src/internal/one-file-reader.js'
import {bundleJson} from './fixtures.js'

/** A `fetch` that answers every URL with `body` (and `status`), recording the URLs. */
function serve(body: string, status = 200) {
  const urls: string[] = []
  const fetch = async (url: string) => {
    urls.push(url)
    return {ok: status >= 200 && status < 300, status, text: async () => body}
  }
  return {fetch, urls}
}

describe('fetchBundle (one-file reader)', () => {
  it('reads a one-file bundle: count, categories, has, runbook, summaries, search with summaries', async () => {
    const {fetch, urls} = serve(bundleJson())
    const reader = await fetchBundle('https://intranet.example/runbooks.bundle.json', {fetch})
    expect(urls).toEqual(['https://intranet.example/runbooks.bundle.json'])
    expect(reader.version).toBe(2)
    expect(reader.count).toBe(2)
    expect(reader.categories).toEqual(['troubleshooting', 'backup-restore'])
    expect(await reader.has('desk-phone')).toBe(true)
    expect(await reader.has('nope')).toBe(false)
    expect((await reader.runbook('desk-phone'))?.steps.length).toBeGreaterThan(1)
    expect(await reader.runbook('nope')).toBeUndefined()
    expect((await reader.summaries()).map((s) => s.id)).toEqual(['desk-phone', 'restore-share'])
    expect((await reader.summaries({category: 'backup-restore'})).map((s) => s.id)).toEqual(['restore-share'])
    const hits = await reader.search('snapshot', {limit: 3})
    expect(hits[0]).toMatchObject({runbookId: 'restore-share', summary: {id: 'restore-share', title: 'Restore a deleted share folder'}})
    expect((await reader.search('snapshot', {category: 'troubleshooting'})).length).toBe(0)
    expect((await reader.load()).runbooks).toHaveLength(2)
  })

  it('rejects with an Error naming the URL when the file cannot be fetched or read', async () => {
    await expect(fetchBundle('/missing.json', {fetch: serve('', 404).fetch})).rejects.toThrow('/missing.json: HTTP 404')
    await expect(fetchBundle('/bad.json', {fetch: serve('not json').fetch})).rejects.toThrow(/^\/bad\.json: runbook-kit: bundle is not valid JSON/)
    await expect(fetchBundle('/other.json', {fetch: serve('{"format":"other"}').fetch})).rejects.toThrow(/^\/other\.json: .*format/)
  })

  it('rejects with the signal\'s reason once aborted, for the fetch and for every method', async () => {
    const abort = new AbortController()
    abort.abort(new Error('stale'))
    await expect(fetchBundle('/b.json', {fetch: serve(bundleJson()).fetch, signal: abort.signal})).rejects.toThrow('stale')
    const reader = await fetchBundle('/b.json', {fetch: serve(bundleJson()).fetch})
    await expect(reader.runbook('desk-phone', {signal: abort.signal})).rejects.toThrow('stale')
    await expect(reader.search('phone', {signal: abort.signal})).rejects.toThrow('stale')
    await expect(reader.summaries({signal: abort.signal})).rejects.toThrow('stale')
    await expect(reader.has('desk-phone', {signal: abort.signal})).rejects.toThrow('stale')
  })
})
