import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createCollection, parseRunbook, remarkRunbook, toMermaid, formatOutline} from '@runbook-kit/core'
import {graph, md} from './helpers.js'

const phishing = {
  file: 'runbooks/incident-response/phishing.md',
  markdown: md`
    ---
    title: Phishing
    ---
    ## Did anyone click? {#clicked}

    See [step two of restore](../backup-restore/restore-file.md#step-2) and [nothing](compromised-account.md#nope).

    - Yes: [secure the account](compromised-account.md#reset)
    - No: [restore the file](../backup-restore/restore-file.md)
    - Unsure: [ask the wiki](../wiki/missing.md)
  `
}
const compromised = {
  file: 'runbooks/incident-response/compromised-account.md',
  markdown: '---\nid: compromised-account\n---\n# Compromised account\n\n## Reset the password {#reset}\n\nDo it.\n'
}
const restore = {
  file: 'runbooks/backup-restore/restore-file.md',
  markdown: '---\nid: restore-deleted-file\n---\n# Restore a file\n\n1. Find it.\n2. Restore it.\n'
}

describe('createCollection', () => {
  it('resolves cross-runbook edges by relative path and anchor, and reports the rest', () => {
    const collection = createCollection([phishing, compromised, restore])
    const runbook = collection.get('phishing')!
    expect(graph(runbook)).toEqual([
      'clicked decision choice:compromised-account#reset(Yes) choice:restore-deleted-file(No) choice:missing(Unsure)'
    ])
    expect(runbook.links).toEqual([
      {from: 'clicked', href: '../backup-restore/restore-file.md#step-2', runbook: 'restore-deleted-file', to: 'restore-it'},
      {from: 'clicked', href: 'compromised-account.md#nope', runbook: 'compromised-account', to: 'nope'}
    ])
    expect(collection.diagnostics.map((d) => [d.file, d.severity, d.message])).toEqual([
      ['runbooks/incident-response/phishing.md', 'error', 'Link "../wiki/missing.md" is not a runbook in this collection'],
      ['runbooks/incident-response/phishing.md', 'warning', 'Link "compromised-account.md#nope" names no step of runbook "compromised-account"']
    ])
    expect(collection.runbooks.map((r) => r.id)).toEqual(['phishing', 'compromised-account', 'restore-deleted-file'])
  })

  it('accepts parse results and runbooks, and reports duplicate ids', () => {
    const a = parseRunbook('---\nid: same\n---\n# A\n', {file: 'a.md'})
    const b = parseRunbook('---\nid: same\n---\n# B\n', {file: 'b.md'}).runbook
    const collection = createCollection([a, b])
    expect(collection.get('same')!.title).toBe('A')
    expect(collection.diagnostics.map((d) => [d.file, d.message])).toContainEqual(['b.md', 'Runbook id "same" is also used by a.md'])
  })

  it('rejects a non-array with a TypeError', () => {
    // @ts-expect-error: API misuse on purpose
    expect(() => createCollection('runbooks/')).toThrow(/createCollection expects an array/)
  })
})

describe('remarkRunbook', () => {
  it('puts the graph on file.data.runbook and diagnostics on file.messages', async () => {
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).use(remarkRunbook)
    const file = new VFile({path: 'runbooks/x.md', value: '# X\n\n## A\n\nSee [gone](#gone).\n\n## B\n\nb\n'})
    const tree = processor.parse(file)
    await processor.run(tree, file)
    expect(file.data.runbook?.steps.map((step) => step.id)).toEqual(['a', 'b'])
    expect(file.messages.map((m) => [m.ruleId, m.source, m.line, m.column, m.fatal])).toEqual([['dangling-link', 'runbook-kit', 5, 5, false]])
  })
})

describe('toMermaid and formatOutline', () => {
  const runbook = parseRunbook(md`
    # Wi-Fi down

    ## One user or many? {#scope}

    - One user: [check the laptop](#laptop)
    - The whole floor: [escalate](../network/floor-outage.md)

    ## Check the laptop {#laptop}

    \`\`\`sh
    nmcli radio wifi on
    \`\`\`
  `).runbook

  it('draws decisions as diamonds, ends as rounded boxes, other runbooks as subroutines', () => {
    expect(toMermaid(runbook)).toBe(
      [
        'flowchart TD',
        '  s0{"One user or many?"}',
        '  s1(["Check the laptop"])',
        '  s0 -->|"One user"| s1',
        '  r0[["floor-outage"]]',
        '  s0 -->|"The whole floor"| r0',
        ''
      ].join('\n')
    )
    expect(toMermaid(runbook, {direction: 'LR'})).toMatch(/^flowchart LR\n/)
  })

  it('draws "Otherwise, finish" to one End node', () => {
    const retry = parseRunbook(md`
      # Flush the queue

      ## Drain {#drain}

      Stop the consumers.

      ## Check {#check}

      [Drain the queue](#drain) and repeat until it is empty.
    `).runbook
    expect(toMermaid(retry)).toBe(
      [
        'flowchart TD',
        '  s0["Drain"]',
        '  s1{"Check"}',
        '  s0 --> s1',
        '  s1 -->|"Drain the queue and repeat until it is empty"| s0',
        '  end0(["End"])',
        '  s1 -->|"Otherwise, finish"| end0',
        ''
      ].join('\n')
    )
  })

  it('escapes characters Mermaid would read as syntax', () => {
    const tricky = parseRunbook('# T\n\n## Say "hi" [now] {ok} <b>\n\nx\n').runbook
    expect(toMermaid(tricky)).toContain('s0(["Say #34;hi#34; #91;now#93; #123;ok#125; #60;b#62;"])')
  })

  it('prints an outline with choices', () => {
    expect(formatOutline(runbook, {commands: true})).toBe(
      [
        'Wi-Fi down (troubleshooting, inferred, 2 steps)',
        '  1. One user or many?  [decision]',
        '       One user → 2. Check the laptop  [choice-list]',
        '       The whole floor → runbook floor-outage  [choice-list]',
        '  2. Check the laptop  [end]',
        '       $ nmcli radio wifi on',
        ''
      ].join('\n')
    )
  })
})

describe('createCollection context', () => {
  it('resolves links to context runbooks without reporting or returning them', () => {
    const collection = createCollection([phishing], {context: [compromised, restore, {markdown: '# Broken [x](#nowhere)\n', file: 'runbooks/wiki/missing.md'}]})
    expect(collection.runbooks.map((r) => r.id)).toEqual(['phishing'])
    expect(collection.get('compromised-account')).toBeUndefined()
    expect(graph(collection.runbooks[0]!)).toEqual([
      'clicked decision choice:compromised-account#reset(Yes) choice:restore-deleted-file(No) choice:missing(Unsure)'
    ])
    expect(collection.diagnostics.map((d) => d.message)).toEqual(['Link "compromised-account.md#nope" names no step of runbook "compromised-account"'])
  })
})
