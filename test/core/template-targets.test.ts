import {describe, expect, it} from 'vitest'
import {createCollection, parseRunbook} from '@runbook-kit/core'
import {templateTarget} from '../../packages/core/src/parse/links/template-targets.js'
import {md} from './helpers.js'

describe('template link targets', () => {
  it('reads Liquid and Hugo tags as the path inside them', () => {
    expect(templateTarget('{% page "/tools/vault/" %}')).toBe('/tools/vault/')
    expect(templateTarget("{% link _runbooks/failover.md %}")).toBe('_runbooks/failover.md')
    expect(templateTarget('{%- link _runbooks/failover.md -%}')).toBe('_runbooks/failover.md')
    expect(templateTarget('{% post_url 2024-01-05-dns-outage %}')).toBe('2024-01-05-dns-outage')
    expect(templateTarget('{{< ref "restore.md" >}}')).toBe('restore.md')
    expect(templateTarget('{{< relref "../db/restore.md#verify" >}}')).toBe('../db/restore.md#verify')
    expect(templateTarget("{{% ref 'restore.md' %}}")).toBe('restore.md')
    expect(templateTarget('{{< ref "restore.md" >}}#verify')).toBe('restore.md#verify')
    expect(templateTarget('{{ site.baseurl }}{% link docs/vpn.md %}')).toBe('docs/vpn.md')
    expect(templateTarget('{{site.baseurl}}/docs/vpn/')).toBe('/docs/vpn/')
  })

  it('leaves other targets alone', () => {
    expect(templateTarget('restore.md')).toBeUndefined()
    expect(templateTarget('https://example.com/{id}')).toBeUndefined()
    expect(templateTarget('{{ page.next }}')).toBeUndefined()
    expect(templateTarget('{% include warning.html %}')).toBeUndefined()
  })

  it('makes links of [text](tag) written as text, placed where they stand', () => {
    const {runbook} = parseRunbook(
      md`
        # Restore

        1. Stop writes. See [the freeze runbook]({{< ref "freeze.md" >}}) and [Vault]({% page "/tools/vault/" %}).
        2. Restore.
      `,
      {file: 'content/db/restore.md', positions: true}
    )
    expect(runbook.links).toEqual([{from: 'stop-writes', href: 'freeze.md', runbook: 'freeze'}])
    const paragraph = runbook.steps[0]!.content.children[0]!
    expect(paragraph.type).toBe('paragraph')
    const links = (paragraph as {children: Array<{type: string; url?: string; position?: {start: {line: number; column: number}}}>}).children.filter((child) => child.type === 'link')
    expect(links.map((link) => [link.url, link.position?.start.line, link.position?.start.column])).toEqual([
      ['freeze.md', 3, 21],
      ['/tools/vault/', 3, 71]
    ])
  })

  it('makes a templated go-to a real edge, resolved by a collection', () => {
    const collection = createCollection([
      {file: 'content/triage.md', markdown: '# Triage\n\n## Check\n\nIf the data is gone, go to [restore]({{< relref "db/restore.md#verify" >}}).\n\n## Close\n\nDone.\n'},
      {file: 'content/db/restore.md', markdown: '# Restore\n\n## Restore it\n\nDo it.\n\n## Verify\n\nCheck.\n'}
    ])
    const check = collection.get('triage')!.steps[0]!
    expect(check.edges).toContainEqual({kind: 'choice', rule: 'go-to-sentence', runbook: 'restore', to: 'verify', href: 'db/restore.md#verify', label: 'If the data is gone'})
    expect(collection.diagnostics).toEqual([])
  })

  it('keeps literal text that is no templated link', () => {
    const {runbook} = parseRunbook('# T\n\nWrite [x]({{ page.next }}) or {{< ref "a.md" >}} alone.\n', {file: 't.md'})
    expect(JSON.stringify(runbook.steps[0]!.content)).not.toContain('"type":"link"')
  })
})
