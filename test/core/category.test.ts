import {describe, expect, it} from 'vitest'
import {buildIndex, createBundle, formatOutline, loadBundle, parseRunbook, search} from '@runbook-kit/core'
import {inferCategory} from '../../packages/core/src/parse/metadata/category.js'
import {md} from './helpers.js'

const infer = (file: string | undefined, title: string, headings: string[] = []) => inferCategory({file, title, headings})

describe('category: inferred from the path and the text', () => {
  it('files alert runbooks and troubleshooting pages under troubleshooting', () => {
    expect(infer('alerts/etcd/EtcdNoLeader.md', 'EtcdNoLeader')).toBe('troubleshooting')
    expect(infer('ops/EtcdNoLeader.md', 'EtcdNoLeader', ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'])).toBe('troubleshooting')
    expect(infer('kb/printer.md', 'Printer is not printing')).toBe('troubleshooting')
    expect(infer('kb/KubeAPIDown.md', 'KubeAPIDown')).toBe('troubleshooting')
    expect(infer('kb/queue.md', 'High error rate on the queue')).toBe('troubleshooting')
  })

  it('files playbooks and incidents under incident-response', () => {
    expect(infer('playbooks/lost-laptop.md', 'Lost laptop')).toBe('incident-response')
    expect(infer('security/phishing-report.md', 'Report a phishing email')).toBe('incident-response')
    expect(infer('incidents/2024-03-01-dns.md', 'DNS records deleted (postmortem)')).toBe('incident-response')
    expect(infer('sec/x.md', 'Suspicious login', ['Contain', 'Eradicate', 'Recover', 'Lessons learned'])).toBe('incident-response')
  })

  it('files backups and restores under backup-restore', () => {
    expect(infer('db/restore-from-backup.md', 'Restore the database')).toBe('backup-restore')
    expect(infer('backups/nightly.md', 'Nightly job')).toBe('backup-restore')
    expect(infer('dr/plan.md', 'Disaster recovery plan')).toBe('backup-restore')
  })

  it('files joiners and leavers under onboarding', () => {
    expect(infer('people/new-starter-checklist.md', 'Checklist')).toBe('onboarding')
    expect(infer('it/leavers.md', 'When someone leaves')).toBe('onboarding')
    expect(infer('onboarding/laptop.md', 'Set up a laptop')).toBe('onboarding')
  })

  it('infers nothing from weak or absent cues', () => {
    expect(infer('docs/architecture.md', 'How the cache works')).toBeUndefined()
    expect(infer(undefined, 'Rotate the TLS certificate')).toBeUndefined()
    expect(infer('docs/traffic.md', 'Managing traffic', ['The issue tracker', 'Rule issues'])).toBeUndefined()
    expect(infer('docs/alertmanager.md', 'Alert manager receivers')).toBeUndefined()
    expect(infer('security/breach-of-slo.md', 'SSH connections over limit')).toBeUndefined()
  })

  it('lets the folder outweigh the file name', () => {
    expect(infer('incidents/2024-01-05-prometheus-down.md', 'Prometheus down')).toBe('incident-response')
    expect(infer('alerts/BackupJobFailed.md', 'BackupJobFailed')).toBe('troubleshooting')
  })
})

describe('category: in a parsed runbook', () => {
  const alert = md`
    # DiskFilling

    ## Meaning

    The disk fills up.

    ## Diagnosis

    Look at it.

    ## Mitigation

    Clean it.
  `

  it('marks an inferred category as inferred', () => {
    const {runbook, diagnostics} = parseRunbook(alert, {file: 'ops/disk-filling.md'})
    expect(runbook.meta.category).toBe('troubleshooting')
    expect(runbook.meta.inferred).toEqual(['category'])
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    expect(JSON.parse(JSON.stringify(runbook.meta))).toEqual(runbook.meta)
  })

  it('never replaces a category the frontmatter gives, even "other" or one not understood', () => {
    for (const category of ['other', 'onboarding']) {
      const {runbook} = parseRunbook(`---\ncategory: ${category}\n---\n${alert}`, {file: 'alerts/disk-filling.md'})
      expect(runbook.meta.category).toBe(category)
      expect(runbook.meta.inferred).toBeUndefined()
    }
    const odd = parseRunbook(`---\ncategory: maintenance\n---\n${alert}`, {file: 'alerts/disk-filling.md'})
    expect(odd.runbook.meta.category).toBe('other')
    expect(odd.runbook.meta.inferred).toBeUndefined()
  })

  it('leaves a runbook with nothing to go on as other, with nothing marked', () => {
    const {runbook} = parseRunbook('# Rotate the certificate\n\n1. Renew it.\n2. Deploy it.\n', {file: 'docs/cert.md'})
    expect(runbook.meta).toEqual({category: 'other', tags: [], audience: [], extra: {}})
  })

  it('shows an inferred category in the outline and filters search by it', () => {
    const {runbook} = parseRunbook(alert, {file: 'ops/disk-filling.md'})
    expect(formatOutline(runbook).split('\n')[0]).toBe('DiskFilling (troubleshooting, inferred, 3 steps)')
    const other = parseRunbook('# Rotate the disk key\n\nRotate the disk key.\n', {file: 'docs/key.md'}).runbook
    const index = buildIndex([runbook, other])
    expect(search(index, 'disk', {category: 'troubleshooting'}).map((result) => result.runbookId)).toEqual(['disk-filling'])
    expect(search(index, 'disk', {category: 'other'}).map((result) => result.runbookId)).toEqual(['key'])
    const bundled = loadBundle(JSON.parse(JSON.stringify(createBundle([runbook, other]))))
    expect(bundled.runbooks.map((entry) => [entry.id, entry.meta.category, entry.meta.inferred])).toEqual([
      ['disk-filling', 'troubleshooting', ['category']],
      ['key', 'other', undefined]
    ])
  })
})
