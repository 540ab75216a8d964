/**
 * Branches read from prose, each rule with a case where it applies and one
 * where it must not: a wrong jump is worse than a missed one.
 */
import {describe, expect, it} from 'vitest'
import {createSession, formatOutline} from '@runbook-kit/core'
import {graph, md, parse, rules} from '../helpers.js'

describe('go-to sentences with a condition', () => {
  it('make a choice when the link is the action right after the condition', () => {
    const {runbook} = parse('# T\n\n## A {#a}\n\nIf the agent is missing, [reinstall it](#c).\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n')
    expect(graph(runbook)[0]).toBe('a decision choice:c(If the agent is missing) next:b(Otherwise, continue)')
  })

  it('do not make a jump of a tip: "If …, see [Section 2.2](#…)"', () => {
    for (const tip of ['see [Section 2.2](#c)', 'refer to [the notes](#c)', 'read [C](#c) first', 'the details are in [C](#c)']) {
      const {runbook} = parse(`# T\n\n## A {#a}\n\nIf Macie is not available, ${tip}.\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n`)
      expect(graph(runbook)[0], tip).toBe('a task next:b')
    }
  })
})

describe('FAQ questions', () => {
  it('are not "If" branches', () => {
    const {runbook} = parse(md`
      # Phones

      ## Questions

      Common questions.

      ### If I lose my phone, what do I do?

      Call the desk.

      ### If I get a new phone, do I need a new token?

      Yes.
    `)
    expect(runbook.steps.some((step) => step.kind === 'decision')).toBe(false)
    expect(runbook.steps.flatMap((step) => step.edges).filter((edge) => edge.kind !== 'next')).toEqual([])
  })
})

describe('follow-link', () => {
  it('"Follow the steps above: [X](#x)" goes back to that step', () => {
    const {runbook} = parse('# T\n\n## Check the pods {#pods}\n\nLook.\n\n## If they run {#run}\n\nFollow the steps above: [Check the pods](#pods)\n')
    expect(runbook.steps[1]!.edges).toEqual([{kind: 'goto', rule: 'go-to-sentence', to: 'pods'}])
  })

  it('"Follow the steps in [a document](https://…)" hands over to it, and the session records the address', () => {
    const text = md`
      # Control plane down

      ## Check the nodes {#nodes}

      Look at the nodes.

      ## Restore {#restore}

      Follow the steps described in the [disaster recovery guide](https://docs.example.com/dr.html).
    `
    const {runbook} = parse(text)
    const restore = runbook.steps[1]!
    expect(restore.edges).toEqual([{kind: 'goto', rule: 'follow-link', href: 'https://docs.example.com/dr.html', label: 'disaster recovery guide'}])
    expect(restore.kind).toBe('end')
    expect(formatOutline(runbook)).toContain('→ document https://docs.example.com/dr.html  [follow-link]')
    const session = createSession(runbook)
    session.complete()
    const choice = session.choices()[0]!
    expect(choice).toMatchObject({href: 'https://docs.example.com/dr.html', internal: false})
    session.complete(0)
    expect(session.status).toBe('finished')
    expect(session.handover).toMatchObject({href: 'https://docs.example.com/dr.html'})
  })

  it('offers the document as one way on when the step goes on after it', () => {
    const {runbook} = parse(
      '# T\n\n## Escalate {#esc}\n\nFollow the steps in [the escalation guide](https://wiki.example.com/escalate), starting with the form.\n\nThen wait for an answer.\n\n## Record the answer {#manual}\n\nWrite it down.\n'
    )
    expect(graph(runbook)[0]).toBe('esc decision goto:undefined(the escalation guide) next:manual(Otherwise, continue)')
  })

  it('"If …, (please) refer to [a guide](https://…)" hands over for that case, beside going on', () => {
    for (const sentence of ['If the disk is full, refer to [the cleanup guide](https://wiki.example.com/cleanup).', 'If the disk is full please refer to the [cleanup guide](https://wiki.example.com/cleanup).']) {
      const {runbook} = parse(`# T\n\n## A {#a}\n\n${sentence}\n\n## B {#b}\n\nb\n`)
      expect(runbook.steps[0]!.edges, sentence).toEqual([
        {kind: 'choice', rule: 'follow-link', href: 'https://wiki.example.com/cleanup', label: 'If the disk is full'},
        {kind: 'next', to: 'b', label: 'Otherwise, continue'}
      ])
    }
  })

  it('"refer to" without a condition, after a wish, or to a step of this runbook is a tip', () => {
    for (const sentence of [
      'Refer to [the cleanup guide](https://wiki.example.com/cleanup) for details.',
      'If you need to create a disk, refer to [the disk guide](https://wiki.example.com/disk).',
      'If you want to know more, please refer to [the notes](https://wiki.example.com/notes).',
      'If the disk is full, refer to [B](#b).'
    ]) {
      const {runbook} = parse(`# T\n\n## A {#a}\n\n${sentence}\n\n## B {#b}\n\nb\n`)
      expect(graph(runbook)[0], sentence).toBe('a task next:b')
    }
  })

  it('does not hand over to a page the reader only visits', () => {
    for (const sentence of ['Go to [the console](https://console.example.com) and open Users.', 'See [the vendor guide](https://docs.example.com/x) for details.']) {
      const {runbook} = parse(`# T\n\n## A\n\n${sentence}\n\n## B\n\nb\n`)
      expect(graph(runbook)[0], sentence).toBe('a task next:b')
    }
  })
})

describe('step references', () => {
  it('read "YES → go to Step 3 / NO → go to Step 4" as a decision', () => {
    const {runbook} = parse(md`
      # Access review

      ## Step 1: Is there confirmed unauthorized access?

      - **YES** → go to Step 3
      - **NO** → go to Step 4

      ## Step 2: Unused

      u

      ## Step 3: Contain

      c

      ## Step 4: Close

      Done. End of runbook.
    `)
    const first = runbook.steps[0]!
    expect(first.kind).toBe('decision')
    expect(first.edges).toEqual([
      {kind: 'choice', rule: 'step-reference', to: 'step-3-contain', label: 'Yes'},
      {kind: 'choice', rule: 'step-reference', to: 'step-4-close', label: 'No'}
    ])
  })

  it('read "If …, skip to Part 4." as a choice and "Proceed to Part 3." as a go-to', () => {
    const {runbook} = parse(md`
      # Data leak

      ## Part 1: Scope

      If Macie is not available, skip to Part 3.

      ## Part 2: Classify

      Proceed to Part 3.

      ## Part 3: Report

      r
    `)
    expect(graph(runbook)).toEqual([
      'part-1-scope decision choice:part-3-report(If Macie is not available) next:part-2-classify(Otherwise, continue)',
      'part-2-classify task goto:part-3-report',
      'part-3-report end'
    ])
  })

  it('leave numbers alone that name no step, or a step of another kind', () => {
    const {runbook} = parse(md`
      # Upgrade

      ## Part 1: Prepare

      ### Step 1: Back up

      b

      ### Step 2: Drain

      If it fails, go to step 2 of the vendor guide. Then go to Step 9.

      ## Part 2: Upgrade

      u
    `)
    expect(graph(runbook)).toEqual(['part-1-prepare task next:part-2-upgrade', 'part-2-upgrade end'])
  })
})

describe('alternatives do not fall through', () => {
  it('parallel alternatives join the step after the last of them', () => {
    const {runbook} = parse(md`
      # Mail

      ## Which device? {#device}

      - Mac: [If you use a Mac](#mac)
      - Windows: [If you use Windows](#windows)

      ## If you use a Mac {#mac}

      Open Mail.

      ## If you use Windows {#windows}

      Open Outlook.

      ## Verify {#verify}

      Send a test.
    `)
    expect(graph(runbook).slice(1, 3)).toEqual(['mac task next:verify', 'windows task next:verify'])
  })

  it('a shared tail keeps document order', () => {
    const {runbook} = parse(md`
      # Restore

      ## Check with the owner {#check}

      - It works: [put it into service](#switch)
      - Only some rows were needed: [clean up](#close)

      ## Put it into service {#switch}

      Switch.

      ## Clean up {#close}

      Drop the copy. End of runbook.
    `)
    expect(graph(runbook)[1]).toBe('switch task next:close')
  })
})

describe('link lists in reference sections', () => {
  it('are not choices', () => {
    const {runbook} = parse('# T\n\n## Restore\n\nDo it.\n\n## Related documentation\n\n- [Node agent](node-agent.md)\n- [Cache volume](cache.md)\n')
    expect(runbook.steps.flatMap((step) => step.edges.filter((edge) => edge.kind !== 'next'))).toEqual([])
  })
})

describe('not-a-procedure and procedure-outside-steps', () => {
  it('tells an author when a page reads as reference', () => {
    const glossary = parse('# Glossary\n\n## Pod\n\nA group of containers.\n\n## Node\n\nA machine.\n\n## Cluster\n\nNodes together.\n')
    expect(glossary.diagnostics.filter((d) => d.ruleId === 'not-a-procedure')).toMatchObject([{severity: 'info', line: 3}])
    const procedure = parse('# T\n\n## Restart the service\n\nDo it.\n\n## Verify\n\nLook.\n')
    expect(rules(procedure.diagnostics)).not.toContain('not-a-procedure')
    const withCommand = parse('# T\n\n## Pods\n\n```sh\nkubectl get pods\n```\n\n## Nodes\n\nMachines.\n')
    expect(rules(withCommand.diagnostics)).not.toContain('not-a-procedure')
  })

  it('warns when a numbered list or command is left in the intro or outro', () => {
    const text = md`
      # Rotate keys

      1. Create the key.
      2. Deploy it.

      ## Check

      Look.

      ## Revoke

      Revoke it.

      ## References

      \`\`\`sh
      vault read secret/x
      \`\`\`
    `
    const found = parse(text).diagnostics.filter((d) => d.ruleId === 'procedure-outside-steps')
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [3, 'The text before the first step has a numbered list that is in no step'],
      [16, 'The text after the last step has a command that is in no step']
    ])
    expect(rules(parse('# T\n\nWhy.\n\n## A\n\nDo.\n\n## B\n\nDo.\n').diagnostics)).not.toContain('procedure-outside-steps')
  })
})
