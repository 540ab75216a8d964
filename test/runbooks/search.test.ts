/**
 * The runbook library as ground truth for search: queries the way a service
 * desk agent types them, each with the runbook that must come first, and the
 * category filter the library's metadata drives.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildIndex, categories, search, type Runbook, type SearchIndex} from '@runbook-kit/core'
import {loadRunbooks} from '@runbook-kit/core/node'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

let runbooks: Runbook[]
let index: SearchIndex

beforeAll(async () => {
  runbooks = (await loadRunbooks('runbooks', {cwd: root})).runbooks
  index = buildIndex(runbooks)
})

/** Query → the runbook that must be the first result. */
const firstHit: Array<[query: string, runbook: string]> = [
  ['printer offline', 'printer-offline'],
  ['jobs stuck in print queue', 'printer-offline'],
  ['spooler', 'printer-offline'],
  ['169.254', 'network-down'],
  ['wifi down whole floor', 'network-down'],
  ['dhcp lease', 'network-down'],
  ['vpn authentication failed', 'vpn-not-connecting'],
  ['computer very slow', 'slow-workstation'],
  ['nslookup', 'dns-not-resolving'],
  ['server not found', 'dns-not-resolving'],
  ['outlook not syncing', 'email-not-syncing'],
  ['iphone mail not updating', 'email-not-syncing'],
  ['new laptop setup', 'new-hire-workstation'],
  ['bitlocker', 'new-hire-workstation'],
  ['create AD account', 'account-provisioning'],
  ['Temporary Access Pass', 'account-provisioning'],
  ['leaver', 'leaver-offboarding'],
  ['deleted file', 'restore-file'],
  ['recycle bin onedrive', 'restore-file'],
  ['pg_restore', 'restore-database'],
  ['row counts', 'restore-database'],
  ['restore test', 'monthly-restore-test'],
  ['RTO', 'monthly-restore-test'],
  ['hyper-v checkpoint', 'restore-vm-snapshot'],
  ['revert snapshot', 'restore-vm-snapshot'],
  ['krbtgt', 'ransomware-recovery'],
  ['encrypted files ransom note', 'malware-workstation'],
  ['virus alert', 'malware-workstation'],
  ['Get-MpThreat', 'malware-workstation'],
  ['phishing email', 'phishing-report'],
  ['suspicious email clicked link', 'phishing-report'],
  ['inbox rule forwarding', 'compromised-account'],
  ['account hacked', 'compromised-account'],
  ['impossible travel', 'compromised-account'],
  ['outage status page', 'major-outage'],
  ['GDPR 72 hours', 'data-breach'],
  ['chain of custody', 'data-breach'],
  ['role change', 'role-change'],
  ['security awareness briefing', 'security-briefing'],
  ['acceptable use policy', 'security-briefing']
]

describe('searching the runbook library', () => {
  it.each(firstHit)('"%s" finds %s first', (query, runbook) => {
    const results = search(index, query)
    expect(results[0]?.runbookId).toBe(runbook)
  })

  it('covers every runbook with at least one query', () => {
    const found = new Set(firstHit.map(([, runbook]) => runbook))
    const missing = runbooks.map((runbook) => runbook.id).filter((id) => !found.has(id))
    expect(missing).toEqual([])
  })

  it.each(categories.filter((category) => category !== 'other'))('filters "restore" by category %s', (category) => {
    const inCategory = new Set(runbooks.filter((runbook) => runbook.meta.category === category).map((runbook) => runbook.id))
    const results = search(index, 'restore', {category, limit: 50})
    for (const result of results) expect(inCategory.has(result.runbookId), result.runbookId).toBe(true)
  })

  it('finds restore runbooks in backup-restore and ransomware handling in incident-response', () => {
    const backup = search(index, 'restore', {category: 'backup-restore', limit: 50}).map((result) => result.runbookId)
    expect(new Set(backup)).toEqual(new Set(['restore-file', 'restore-database', 'monthly-restore-test', 'restore-vm-snapshot', 'ransomware-recovery']))
    const incident = search(index, 'ransomware', {category: 'incident-response'}).map((result) => result.runbookId)
    expect(incident[0]).toBe('malware-workstation')
    expect(incident).not.toContain('ransomware-recovery')
  })

  it('tolerates a typo in four-letter words: "dsik" finds the disk step', () => {
    expect(search(index, 'dsik')[0]).toMatchObject({runbookId: 'slow-workstation', stepId: 'disk'})
    expect(search(index, 'dsik full')[0]).toMatchObject({runbookId: 'slow-workstation', stepId: 'disk'})
    // Three letters stay exact.
    expect(search(index, 'dnz')).toEqual([])
  })

  it('"pinter offline" (docs/search.md) finds printer-offline first, typed or finished', () => {
    for (const query of ['pinter offline', 'pinter offline ', 'pinter offl', 'offline pinter']) {
      expect(search(index, query)[0]?.runbookId, query).toBe('printer-offline')
    }
  })
})
