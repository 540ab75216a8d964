import {describe, expect, it} from 'vitest'
import {graph, md, parse, rules} from './helpers.js'

describe('branch rule 1: a step that ends in a list of links to steps', () => {
  it('is a decision with one labelled choice per item', () => {
    const {runbook, diagnostics} = parse(md`
      # Printer

      ## Is the printer online? {#online}

      Look at the display.

      - Yes, it shows "Ready": [check the queue](#queue)
      - No, it shows an error → [check power](#power)
      - [It is switched off](#power)

      ## Check power {#power}

      Plug it in.

      End of runbook.

      ## Check the queue {#queue}

      Clear it.
    `)
    expect(graph(runbook)).toEqual([
      'online decision choice:queue(Yes, it shows "Ready") choice:power(No, it shows an error) choice:power(It is switched off)',
      'power end',
      'queue end'
    ])
    expect(diagnostics).toEqual([])
  })

  it('resolves reference-style links and #step-N aliases', () => {
    const {runbook} = parse(md`
      # T

      1. Pick one:
         - Fast: [the third][third]
         - Slow: [the second](#step-2)
      2. Second.

         End of runbook.
      3. Third.

      [third]: #step-3
    `)
    expect(graph(runbook)).toEqual(['pick-one decision choice:third(Fast) choice:second(Slow)', 'second end', 'third end'])
  })

  it('is not a decision when the list is a table of contents or a checklist', () => {
    const toc = parse('# T\n\n## Contents\n\n- [One](#one)\n- [Two](#two)\n\n## One\n\nA\n\n## Two\n\nB\n').runbook
    expect(toc.steps[0]!.kind).toBe('task')
    const tasks = parse('# T\n\n## A\n\n- [ ] [x](#b)\n- [ ] [y](#b)\n\n## B\n\nB\n').runbook
    expect(tasks.steps[0]!.kind).toBe('task')
  })

  it('reports a list with one choice, and offers it beside going on: the steps after it stay reachable', () => {
    const {runbook, diagnostics} = parse('# T\n\n## A\n\nQ?\n\n- Yes: [go on](#c)\n\n## B\n\nb\n\n## C\n\nc\n')
    expect(graph(runbook)).toEqual(['a decision choice:c(Yes) next:b(Otherwise, continue)', 'b task next:c', 'c end'])
    expect(rules(diagnostics)).toEqual(['decision-with-one-choice'])
  })

  it('a section that is one link to another runbook does not send every reader away', () => {
    const {runbook} = parse('# Troubleshooting\n\n## Debug installs\n\n- [Debug installs](debug-install.md)\n\n## Gather logs\n\nRun the collector.\n')
    expect(graph(runbook)).toEqual(['debug-installs task next:gather-logs', 'gather-logs end'])
    expect(runbook.links.map((link) => link.runbook)).toEqual(['debug-install'])
    const last = parse('# Log forwarding\n\n## Check\n\nLook.\n\n## Notes\n\n- Still failing: [read the naming rules](naming.md)\n').runbook
    expect(graph(last).at(-1)).toBe('notes decision choice:naming(Still failing) next:end(Otherwise, finish)')
  })

  it('is not a decision when every item leads to one place, an item only says where to read more, or an item is an instruction', () => {
    const tail = '\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n'
    for (const list of [
      // Descriptions that each say where to read more, all about the same step.
      '- PodVolumeBackup: one per volume backed up, refer to [C](#c)\n- PodVolumeRestore: one per volume restored, refer to [C](#c)',
      // Options whose links are details.
      '- Limit the cache size; for more details, check [the cache settings](#b)\n- Give the cache its own volume; for more information see [C](#c)',
    ]) {
      const {runbook} = parse(`# T\n\n## A\n\nDo this.\n\n${list}${tail}`)
      expect(graph(runbook)[0], list).toBe('a task next:b')
    }
    // A short note after the link keeps the choice; so does "for more information" in a label.
    const {runbook} = parse(`# T\n\n## A\n\nIs it on?\n\n- Yes: [B](#b)\n- No: [C](#c) (plug it in first)${tail}`)
    expect(graph(runbook)[0]).toBe('a decision choice:b(Yes) choice:c(No)')
    const wait = parse(`# T\n\n## A\n\nIs it on?\n\n- Yes: [B](#b)\n- No, wait for more information: [C](#c)${tail}`).runbook
    expect(graph(wait)[0]).toBe('a decision choice:b(Yes) choice:c(No, wait for more information)')
  })

  it('offers items that go on after their link, or are only numbered, beside going on: instructions as much as answers', () => {
    const tail = '\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n\n## D {#d}\n\nd\n'
    const long = parse(`# T\n\n## A\n\nWhich fix?\n\n- Disk: [C](#c) and clean the temporary files of the nightly backup job first\n- Network: [D](#d)${tail}`).runbook
    expect(graph(long)[0]).toBe('a decision choice:c(Disk) choice:d(Network) next:b(Otherwise, continue)')
    const numbered = parse('# Recover\n\n## Recover\n\n- Step 1: [Check the cluster health](health.md)\n- Step 2: [Restore the snapshot](restore.md)\n\n## Verify\n\nRun the checks.\n').runbook
    // "Step 1:" names no answer: each sub-runbook is done here (step-link), beside going on to Verify.
    expect(graph(numbered)).toEqual([
      'recover-1 decision choice:health(Step 1: Check the cluster health) choice:restore(Step 2: Restore the snapshot) next:verify(Otherwise, continue)',
      'verify end'
    ])
  })

  it('a list of bare links is a catalogue, unless the step asks the reader to choose', () => {
    const catalogue = parse('# Index\n\n## Restore backups\n\n- [Restore a project](restore-project.md)\n- [Restore from snapshots](snapshots.md)\n\n## Work with storage\n\nRebalance the shards.\n')
    expect(graph(catalogue.runbook)[0]).toBe('restore-backups task next:work-with-storage')
    expect(rules(catalogue.diagnostics)).not.toContain('unreachable-step')
    for (const local of ['## Restore\n\n- [From the snapshot](#b)\n- [From the archive](#c)', '## Steps\n\nHere are the steps:\n\n1. [Create the bucket](#b)\n2. [Install the agent](#c)']) {
      const {runbook} = parse(`# T\n\n${local}\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n`)
      expect(graph(runbook)[0], local).toMatch(/ task next:b$/)
    }
    // A condition after each link names the choice.
    const after = parse('# T\n\n## Check memory\n\nLook at the dashboards.\n\n- [Restart the consumer](#b) if the logs show that the out-of-memory killer stopped it\n- [Scale up the nodes](#c) when the pods are pending for lack of room\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n').runbook
    expect(graph(after)[0]).toBe('check-memory decision choice:b(Restart the consumer) choice:c(Scale up the nodes)')
    // "after …" and "once …" after a link are order, not a condition; "either" and "Select" are no question.
    const order = parse('# T\n\n## Upgrade\n\nDo these in turn.\n\n1. [Back up etcd](#b) after you pause the operators\n2. [Upgrade](#c) once the backup is done\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n').runbook
    expect(graph(order)[0]).toBe('upgrade task next:b')
    const either = parse('# T\n\n## Select the node\n\nMake sure either the primary or the standby is reachable.\n\n- [Primary](#b)\n- [Standby](#c)\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n').runbook
    expect(graph(either)[0]).toBe('select-the-node task next:b')
    // "First:" and "Then:" order the items; they name no answer.
    const sequence = parse('# Recover\n\n## Recover\n\n- First: [check the health](health.md)\n- Then: [restore the snapshot](restore.md)\n\n## Verify\n\nRun the checks.\n').runbook
    expect(graph(sequence)).toEqual(['recover-1 task next:verify', 'verify end'])
    // A question or "choose" before the list makes bare links choices.
    const asked = parse('# T\n\n## Restore\n\nWhich backup do you have?\n\n- [A disk snapshot](#b)\n- [A WAL archive](#c)\n\n## B {#b}\n\nb\n\n## C {#c}\n\nc\n').runbook
    expect(graph(asked)[0]).toBe('restore decision choice:b(A disk snapshot) choice:c(A WAL archive)')
    // Bare links to other runbooks after a question are offered beside going on, so the steps after them stay reachable.
    const away = parse('# Index\n\n## Restore backups\n\nChoose the restore you need:\n\n- [Restore a project](restore-project.md)\n- [Restore from snapshots](snapshots.md)\n\n## Work with storage\n\nRebalance the shards.\n')
    expect(graph(away.runbook)[0]).toBe(
      'restore-backups decision choice:restore-project(Restore a project) choice:snapshots(Restore from snapshots) next:work-with-storage(Otherwise, continue)'
    )
    // Named answers are a decision, wherever they lead.
    const answers = parse('# Phishing\n\n## Did anyone click?\n\n- Yes: [secure the account](account.md)\n- No: [restore the file](restore.md)\n\n## Report\n\nFile the report.\n').runbook
    expect(graph(answers)[0]).toBe('did-anyone-click decision choice:account(Yes) choice:restore(No)')
  })

  it('reports choices that lead nowhere as errors', () => {
    const {diagnostics} = parse('# T\n\n## A\n\n- Yes: [x](#nowhere)\n- No: [y](#b)\n\n## B\n\nb\n')
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.message])).toEqual([
      ['dangling-link', 'error', 5, 'Link target "#nowhere" is not a step']
    ])
  })
})

describe('branch rule 2: sibling "If …" headings', () => {
  it('makes the parent section a decision and joins the branches after them', () => {
    const {runbook} = parse(md`
      # Alert

      ## Diagnosis

      Look.

      ## Mitigation

      ### If the node is not ready

      Restart kubelet.

      ### If the pod is crash looping

      Read the logs.

      ## Verify

      Check again.
    `)
    expect(graph(runbook)).toEqual([
      'diagnosis task next:mitigation',
      'mitigation decision choice:if-the-node-is-not-ready(The node is not ready) choice:if-the-pod-is-crash-looping(The pod is crash looping)',
      'if-the-node-is-not-ready task next:verify',
      'if-the-pod-is-crash-looping task next:verify',
      'verify end'
    ])
    // The empty parent is a question, not an empty step.
    expect(rules(parse('# A\n\n## M\n\n### If a\n\nx\n\n### If b\n\ny\n').diagnostics)).toEqual([])
  })

  it('lets a previous sibling decide between sibling "If" sections', () => {
    const {runbook} = parse('# T\n\n## Check the user\n\nAsk.\n\n## If remote\n\nVPN.\n\n## If on site\n\nDesk.\n')
    expect(graph(runbook)).toEqual([
      'check-the-user decision choice:if-remote(Remote) choice:if-on-site(On site)',
      'if-remote end',
      'if-on-site end'
    ])
  })

  it('leaves a single "If" heading as content', () => {
    const {runbook} = parse('# T\n\n## A\n\n### If it fails\n\nRetry.\n\n## B\n\nb\n')
    expect(graph(runbook)).toEqual(['a task next:b', 'b end'])
    expect(runbook.anchors).toEqual({'if-it-fails': 'a'})
  })

  it('does not treat numbered list items that start with "If" as branches', () => {
    const {runbook} = parse('# T\n\n1. Open the form.\n2. If you want a name, type it.\n3. If you want a branch, pick it.\n4. Submit.\n')
    expect(runbook.steps.map((step) => step.kind)).toEqual(['task', 'task', 'task', 'end'])
  })
})

describe('branch rule 3: go-to sentences', () => {
  it('an unconditional go-to replaces the way on', () => {
    const {runbook} = parse('# T\n\n## A\n\nNow go to [the end](#c).\n\n## B\n\nb\n\n## C\n\nc\n')
    expect(graph(runbook)[0]).toBe('a task goto:c')
  })

  it('a conditional go-to is a choice beside "Otherwise, continue"', () => {
    const {runbook} = parse('# T\n\n## A\n\nCheck the light. If the light is off, skip to [power](#c).\n\n## B\n\nb\n\n## C\n\nc\n')
    expect(graph(runbook)[0]).toBe('a decision choice:c(If the light is off) next:b(Otherwise, continue)')
  })

  it('understands the other verbs and reference links', () => {
    for (const phrase of ['Proceed to', 'Continue with', 'Jump to', 'Return to', 'Go back to', 'Continue to']) {
      const {runbook} = parse(`# T\n\n## A\n\n${phrase} [step three][s].\n\n## B\n\nb\n\n## C\n\nc\n\n[s]: #c\n`)
      expect(graph(runbook)[0]).toBe('a task goto:c')
    }
  })

  it('ignores links that are not go-tos and go-tos to the next step', () => {
    const plain = parse('# T\n\n## A\n\nSee [C](#c) for background.\n\n## B\n\nb\n\n## C\n\nc\n').runbook
    expect(graph(plain)[0]).toBe('a task next:b')
    const redundant = parse('# T\n\n## A\n\nIf it works, continue to [B](#b).\n\n## B\n\nb\n').runbook
    expect(graph(redundant)[0]).toBe('a task next:b')
  })
})

describe('branch rule 4: other runbooks', () => {
  it('choices and go-tos to Markdown files are cross-runbook edges', () => {
    const {runbook} = parse(md`
      # Phishing

      ## Did anyone enter a password? {#entered}

      - Yes: [secure the account](../incident-response/compromised-account.md#reset)
      - No: [close the report](#close)

      ## Close {#close}

      Thank the reporter. Then go to [the restore runbook](restore-file.md).
    `)
    expect(graph(runbook)).toEqual([
      'entered decision choice:compromised-account#reset(Yes) choice:close(No)',
      'close end goto:restore-file'
    ])
    expect(runbook.steps[0]!.edges[0]).toEqual({
      kind: 'choice',
      rule: 'choice-list',
      runbook: 'compromised-account',
      href: '../incident-response/compromised-account.md#reset',
      to: 'reset',
      label: 'Yes'
    })
  })

  it('keeps other links to runbooks in runbook.links', () => {
    const {runbook} = parse('# T\n\nSee [the policy](policy.md).\n\n## A\n\nAlso [backups](../backup/restore.md#verify).\n')
    expect(runbook.links).toEqual([
      {from: 'a', href: '../backup/restore.md#verify', runbook: 'restore', to: 'verify'},
      {href: 'policy.md', runbook: 'policy'}
    ])
  })
})

describe('ends', () => {
  it('recognises end paragraphs and {.end}', () => {
    for (const marker of ['End of runbook.', 'Stop here.', '**End of procedure.**', 'This runbook ends here.']) {
      const {runbook} = parse(`# T\n\n## A\n\nDone.\n\n${marker}\n\n## B\n\nb\n`)
      expect(runbook.steps[0]!.kind).toBe('end')
    }
    expect(parse('# T\n\n## A {.end}\n\nx\n\n## B\n\nb\n').runbook.steps[0]!.kind).toBe('end')
  })

  it('reports steps that cannot be reached and graphs without an end', () => {
    const {diagnostics} = parse('# T\n\n## A\n\nx\n\nEnd of runbook.\n\n## B\n\nb\n')
    expect(diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['unreachable-step', 9]])
    const loop = parse('# T\n\n## A\n\nGo to [B](#b).\n\n## B\n\nGo back to [A](#a).\n').diagnostics
    expect(rules(loop)).toEqual(['no-end'])
  })
})

describe('GOV.UK-style conditional links', () => {
  it('a sentence starting with "If" that links to a step is a choice', () => {
    const {runbook} = parse('# T\n\n## A\n\nIf you use a Mac, [reset the keychain](#c). When the page is blank, see [B](#b).\n\n## B\n\nb\n\n## C\n\nc\n')
    expect(graph(runbook)[0]).toBe('a decision choice:c(If you use a Mac) next:b(Otherwise, continue)')
  })
})
