import {describe, expect, it} from 'vitest'
import {buildIndex, loadIndex, parseRunbook, search, type Runbook} from '@runbook-kit/core'
import {lunrBuilder} from '../../packages/core/src/search/build.js'
import {decodePostings} from '../../packages/core/src/search/codec.js'
import {TermRanges} from '../../packages/core/src/search/terms.js'
import {overriddenStemsNear} from '../../packages/core/src/search/query.js'
import {stemOverrides} from '../../packages/core/src/search/pipeline.js'
import {editDistance} from './edit-distance.js'

const printer = `---
title: Printer offline
id: printer-offline
category: troubleshooting
tags: [printer, print-queue, windows]
---
# Printer offline

When a printer shows Offline and jobs pile up.

## Step 1: Check the printer's address {#address}

Ping the printer at 192.168.1.20 and open http://intranet/printers.

\`\`\`powershell
Test-NetConnection -ComputerName <printer> -Port 9100
\`\`\`

## Step 2: Restart the spooler {#spooler}

Printing stops when the spooler hangs. Error 0x80070005 means access is denied:
run the console as an administrator.

\`\`\`powershell
Restart-Service -Name Spooler -Force
\`\`\`

## Step 3: Check C:\\Windows\\System32\\spool {#folder}

Delete stuck files in the spool folder.
`

const vpn = `---
title: VPN will not connect
id: vpn
category: troubleshooting
tags: [vpn, network, macos]
---
# VPN will not connect

## Check the client {#client}

On iOS and macOS open the client; ERR_CONNECTION_REFUSED in the browser means the proxy:8080 is down.

## Check DNS {#dns}

Is DNS resolving over IPv6? Run:

\`\`\`sh
dig AAAA vpn.example.com
scutil --dns
\`\`\`

## Reset MFA {#mfa}

It is not on the token: ask IT to reset it.
`

const alert = `---
title: KubePodCrashLooping
id: kube-pod-crash-looping
category: incident-response
tags: [kubernetes, alert]
---
# KubePodCrashLooping

A container restarts again and again.

## Diagnosis

\`\`\`sh
kubectl describe pod <pod> -n <namespace>
kubectl logs <pod> --previous
\`\`\`

## Mitigation

Roll back the deployment, or raise the memory limit if it was OOMKilled.
`

const restore = `---
title: Restore a Postgres database
id: restore-postgres
category: backup-restore
tags: [postgres, database, aws]
---
# Restore a Postgres database

## Find the snapshot

List the AWS RDS snapshots for the instance.

## Restore

\`\`\`sh
pg_restore --clean --dbname <db> backup.dump
\`\`\`
`

const runbooks: Runbook[] = [printer, vpn, alert, restore].map((md) => parseRunbook(md).runbook)
const index = buildIndex(runbooks)
const top = (query: string, options?: Parameters<typeof search>[2]) => {
  const [first] = search(index, query, options)
  return first ? (first.stepId ? `${first.runbookId}#${first.stepId}` : first.runbookId) : undefined
}

describe('search', () => {
  it('finds runbooks by title and the right step', () => {
    expect(top('printer offline')?.split('#')[0]).toBe('printer-offline')
    expect(top('restart spooler')).toBe('printer-offline#spooler')
    expect(top('restore postgres')?.split('#')[0]).toBe('restore-postgres')
  })

  it('returns runbook id, step id and title, step title, score and snippet', () => {
    const [result] = search(index, 'spooler')
    expect(result).toMatchObject({
      runbookId: 'printer-offline',
      stepId: 'spooler',
      title: 'Printer offline',
      stepTitle: 'Restart the spooler'
    })
    expect(result!.score).toBeGreaterThan(0)
    const {text, highlights} = result!.snippet
    expect(highlights.length).toBeGreaterThan(0)
    for (const [start, end] of highlights) expect(text.slice(start, end).toLowerCase()).toMatch(/^spooler$/)
  })

  it('finds error codes, IPs, paths and flags', () => {
    expect(top('0x80070005')).toBe('printer-offline#spooler')
    expect(top('Error: 0x80070005')).toBe('printer-offline#spooler')
    expect(top('ERR_CONNECTION_REFUSED')).toBe('vpn#client')
    expect(top('ERR_CONNECTION')).toBe('vpn#client')
    expect(top('192.168')).toBe('printer-offline#address')
    expect(top('192.168.1.20')).toBe('printer-offline#address')
    expect(top('C:\\Windows\\System32')).toBe('printer-offline#folder')
    expect(top('proxy:8080')).toBe('vpn#client')
    expect(top('--previous')?.split('#')[0]).toBe('kube-pod-crash-looping')
    expect(top('http://intranet')).toBe('printer-offline#address')
  })

  it('finds CamelCase alert names whole and by their words', () => {
    expect(top('KubePodCrashLooping')?.split('#')[0]).toBe('kube-pod-crash-looping')
    expect(top('pod crash looping')?.split('#')[0]).toBe('kube-pod-crash-looping')
    expect(top('crashloop')).toBe(undefined) // not a word of the name: no false friend
    expect(top('oomkilled')).toBe('kube-pod-crash-looping#mitigation')
  })

  it('keeps words that stock lunr stems or stops away', () => {
    expect(top('DNS')).toBe('vpn#dns')
    expect(top('IPv6')).toBe('vpn#dns')
    expect(top('iOS')).toBe('vpn#client')
    expect(top('AWS')?.split('#')[0]).toBe('restore-postgres')
    expect(top('IT')).toBe('vpn#mfa')
    expect(top('printing')?.split('#')[0]).toBe('printer-offline')
    expect(search(index, 'windows').map((r) => r.runbookId)).toContain('printer-offline')
  })

  it('matches the last word as a prefix while typing', () => {
    expect(top('spoo')).toBe('printer-offline#spooler')
    expect(top('windo')?.split('#')[0]).toBe('printer-offline')
    expect(top('KubePodCra')?.split('#')[0]).toBe('kube-pod-crash-looping')
    // A finished word (followed by a space) is not a prefix (without typo tolerance, which finds `spool` one letter away).
    expect(search(index, 'spoo ', {fuzzy: false})).toEqual([])
    expect(search(index, 'spoo', {prefix: false, fuzzy: false})).toEqual([])
    expect(search(index, 'spoo ')[0]?.snippet.text).toContain('spool')
  })

  it('tolerates one typo in longer words when exact matches are few', () => {
    expect(top('spooelr')).toBe('printer-offline#spooler')
    expect(top('kubernets')?.split('#')[0]).toBe('kube-pod-crash-looping')
    expect(search(index, 'spooelr', {fuzzy: false})).toEqual([])
    // Short words get no typo tolerance.
    expect(search(index, 'dnz')).toEqual([])
  })

  it('a step that is only a list item title gets its title as the snippet', () => {
    const {runbook} = parseRunbook(`---
id: password-reset
---
# Reset a password

1. Verify the caller's identity
2. Reset the password in the admin console
`)
    const [result] = search(buildIndex([runbook]), 'identity')
    expect(result?.stepTitle).toBe("Verify the caller's identity")
    expect(result?.snippet.text).toBe("Verify the caller's identity")
    expect(result?.snippet.highlights).toEqual([[20, 28]])
  })

  it('reads lunr syntax characters as text and never throws', () => {
    const inputs = ['C:\\Windows', 'fe80::1', 'http://intranet', 'proxy:8080', 'Error: 0x80070005', '~', '^', '-',
      'printer~', 'printer~2', 'title:vpn', '+dns -printer', '*', '', '   ', '"unclosed', 'dns^10', 'a:b:c:']
    for (const input of inputs) expect(() => search(index, input), input).not.toThrow()
    expect(search(index, '')).toEqual([])
    expect(search(index, '*')).toEqual([])
    expect(search(index, 'the of and')).toEqual([])
    expect(top('printer?')?.split('#')[0]).toBe('printer-offline')
    // `-printer` is not "everything but printers".
    expect(top('-printer')?.split('#')[0]).toBe('printer-offline')
    expect(search(index, 42 as unknown as string)).toEqual([])
  })

  it('filters by category and tags', () => {
    expect(search(index, 'check', {category: 'backup-restore'})).toEqual([])
    expect(search(index, 'restore', {category: 'backup-restore'}).map((r) => r.runbookId)).toEqual(['restore-postgres'])
    expect(search(index, 'check', {category: ['troubleshooting']}).every((r) => ['printer-offline', 'vpn'].includes(r.runbookId))).toBe(true)
    expect(search(index, 'check', {tags: ['macos']}).map((r) => r.runbookId)).toEqual(['vpn'])
    expect(search(index, 'check', {tags: ['macos', 'printer']})).toEqual([])
  })

  it('limits results and steps per runbook', () => {
    expect(search(index, 'check', {limit: 1})).toHaveLength(1)
    const all = search(index, 'check', {perRunbook: 5})
    expect(all.filter((r) => r.runbookId === 'printer-offline').length).toBeGreaterThan(1)
    expect(new Set(search(index, 'check').map((r) => r.runbookId)).size).toBe(search(index, 'check').length)
  })

  it('cuts long snippets around the matches', () => {
    const long = parseRunbook(`# Long\n\n## One\n\n${'filler words here. '.repeat(40)}The needle is here. ${'more filler. '.repeat(40)}\n`).runbook
    const [result] = search(buildIndex([long]), 'needle', {snippetLength: 80})
    const {text, highlights} = result!.snippet
    expect(text.length).toBeLessThanOrEqual(82)
    expect(text.startsWith('…') && text.endsWith('…')).toBe(true)
    expect(highlights).toHaveLength(1)
    expect(text.slice(...highlights[0]!)).toBe('needle')
  })

  it('throws a TypeError for an index that is not one', () => {
    expect(() => search({} as never, 'x')).toThrow(/runbook-kit: expected a SearchIndex/)
    expect(() => buildIndex('x' as never)).toThrow(TypeError)
    expect(() => buildIndex([{} as Runbook])).toThrow(/runbooks\[0\]/)
  })
})

describe('serialized index', () => {
  it('loads and answers exactly as the built one', () => {
    const json = JSON.parse(JSON.stringify(index))
    const loaded = loadIndex(json, runbooks)
    for (const q of ['printer offline', 'spoo', 'spooelr', 'DNS', 'pod crash looping', '192.168', 'check']) {
      expect(search(loaded, q, {perRunbook: 3}), q).toEqual(search(index, q, {perRunbook: 3}))
    }
    expect(loaded.toJSON()).toEqual(json)
  })

  it('refuses another version, shape or set of runbooks', () => {
    const json = index.toJSON()
    expect(() => loadIndex({...json, version: 99}, runbooks)).toThrow(/runbook-kit: index version 99/)
    // The layout of Runbook Kit before the compact index: rebuild the bundle.
    expect(() => loadIndex({version: 1, documents: json.documents, fields: ['t', 's', 'g', 'b', 'c'], terms: [], postings: []} as never, runbooks)).toThrow(
      /runbook-kit: index version 1 is not supported \(expected 2\): rebuild the bundle/
    )
    expect(() => loadIndex({...json, terms: [...json.terms].reverse()}, runbooks)).toThrow(/"terms" must be sorted/)
    expect(() => loadIndex({...json, postings: [[9, 1, 0, 1]]} as never, runbooks)).toThrow(/postings/)
    expect(() => loadIndex(json, runbooks.slice(1))).toThrow(/built from other runbooks/)
    expect(() => loadIndex(null as never, runbooks)).toThrow(/must be an object/)
  })

  it('holds lunr’s BM25 weights: per term and document, the sum of its field vector entries (to 6%)', () => {
    const {builder} = lunrBuilder(runbooks)
    const idx = builder.build() as unknown as {invertedIndex: Record<string, {_index: number}>; fieldVectors: Record<string, {elements: number[]}>}
    const json = index.toJSON()
    const termOf: string[] = []
    for (const [term, posting] of Object.entries(idx.invertedIndex)) termOf[posting._index] = term
    const expected = new Map<string, number>()
    for (const [fieldRef, vector] of Object.entries(idx.fieldVectors)) {
      const doc = Number(fieldRef.slice(fieldRef.indexOf('/') + 2))
      for (let i = 0; i < vector.elements.length; i += 2) {
        const key = `${termOf[vector.elements[i]!]}@${doc}`
        expected.set(key, (expected.get(key) ?? 0) + vector.elements[i + 1]!)
      }
    }
    expect(json.terms).toEqual(Object.keys(idx.invertedIndex).sort())
    let compared = 0
    json.terms.forEach((term, t) => {
      const postings = decodePostings(json.postings[t]!, json.documents)!
      const largest = Math.max(...postings.docs.map((doc) => expected.get(`${term}@${doc}`) ?? 0))
      postings.docs.forEach((doc, k) => {
        const weight = expected.get(`${term}@${doc}`)
        expect(weight, `${term}@${doc}`).toBeDefined()
        // Kept to ±6% (a weight under a 25th of the term's largest counts as at least that).
        if (weight! >= 0.002 && weight! >= largest / 25) expect(Math.abs(postings.weights[k]! / weight! - 1), `${term}@${doc}`).toBeLessThan(0.06)
        else expect(postings.weights[k]!).toBeGreaterThanOrEqual(weight! * 0.94)
        compared++
      })
    })
    expect(compared).toBe(expected.size)
  })

  it('finds the terms within a typo or two as a scan of every term does', () => {
    const terms = new TermRanges([''], index.documentCount)
    const json = index.toJSON()
    terms.ranges[0] = {terms: json.terms, postings: json.postings, decoded: []}
    for (const [word, max] of [['spooelr', 1], ['pinter', 1], ['printr', 2], ['offboardng', 2], ['adress', 1], ['zzzz', 1], ['192.168', 1]] as const) {
      const scanned = new Map<string, number>()
      for (const term of json.terms) {
        const distance = editDistance(term, word, max)
        if (distance <= max) scanned.set(term, distance)
      }
      expect(terms.near(word, max), word).toEqual(scanned)
    }
    expect(terms.near('spooelr', 1).get('spooler')).toBe(1)
    // Prefixes of the word, from the same walk.
    for (const [word, max, lengths] of [['spoolers', 2, [8, 5, 6]], ['printr', 1, [6, 5]], ['restarting', 2, [10, 7]]] as const) {
      expect(terms.nearPrefixes(word, max, lengths), word).toEqual(lengths.map((n) => terms.near(word.slice(0, n), max)))
    }
  })

  it('is smaller than the same index in lunr’s own format', () => {
    const ours = JSON.stringify(index).length
    const theirs = JSON.stringify(lunrBuilder(runbooks).builder.build()).length
    expect(ours).toBeLessThan(theirs / 2)
  })
})

describe('editDistance', () => {
  it('counts inserts, deletes, substitutions and swaps of neighbours as one edit each, up to max + 1', () => {
    expect(editDistance('disk', 'dsik', 2)).toBe(1)
    expect(editDistance('printer', 'pinter', 2)).toBe(1)
    expect(editDistance('print', 'pinter', 2)).toBe(3)
    expect(editDistance('offboard', 'offboardng', 2)).toBe(2)
    expect(editDistance('spool', 'spool', 1)).toBe(0)
    expect(editDistance('abcdef', 'ab', 1)).toBe(2)
  })
})

describe('overriddenStemsNear', () => {
  it('gives the stems of stemOverrides whose word is a typo or two from the term, with the distance', () => {
    expect(overriddenStemsNear('pinter', 1)).toEqual([['print', 1]])
    expect(overriddenStemsNear('scaner', 1)).toEqual([['scan', 1]])
    expect(overriddenStemsNear('zzzz', 2)).toEqual([])
    // The stem itself is no typo of the word: `print` is two edits from `printer`.
    expect(overriddenStemsNear('print', 1)).toEqual([])
  })

  it('agrees with the plain edit distance for every overridden word', () => {
    for (const [word, max] of [['pinter', 1], ['printr', 2], ['rooter', 1], ['instaler', 2], ['loger', 1], ['mountr', 1], ['scnaner', 2]] as const) {
      const expected = Object.entries(stemOverrides)
        .map(([full, stem]) => [stem, editDistance(full, word, max)] as const)
        .filter(([, distance]) => distance <= max)
      expect(new Map(overriddenStemsNear(word, max)), word).toEqual(new Map(expected))
    }
  })
})
