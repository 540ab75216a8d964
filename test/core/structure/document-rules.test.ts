/**
 * The structure rules that follow the document: a second title, container
 * sections, phases of headed steps, framing sections, the procedure section,
 * bold step headings and prose steps. Each rule has a case where it applies
 * and one where it must not.
 */
import {describe, expect, it} from 'vitest'
import {md, parse} from '../helpers.js'

const titles = (markdown: string) => parse(markdown).runbook.steps.map((step) => step.title)

describe('a lone top heading is a second title', () => {
  it('takes the sections one level down', () => {
    const text = md`
      ## Jump hosts

      ##### How to connect

      Add the host to your SSH config.

      ##### Console access

      Ask for the console role.
    `
    expect(titles(text)).toEqual(['How to connect', 'Console access'])
    expect(parse(text).runbook.intro.children[0]).toMatchObject({type: 'heading', depth: 2})
  })

  it('keeps the heading as a step when what follows it are "If" branches', () => {
    const text = md`
      # Revert

      ## Revert the snapshot

      Stop the VM first.

      ### If the host runs Proxmox

      Use qm.

      ### If the host runs libvirt

      Use virsh.
    `
    expect(titles(text)[0]).toBe('Revert the snapshot')
    expect(parse(text).runbook.steps[0]!.kind).toBe('decision')
  })
})

describe('container sections', () => {
  it('give their sub-sections as steps, and their anchor leads to the first', () => {
    const text = md`
      # Disk alert

      ## Meaning

      The disk is filling.

      ## Diagnosis

      ### Check the usage

      Run df.

      ### Find large files

      Run du.

      ## Mitigation

      Delete old logs.
    `
    const {runbook} = parse(text)
    expect(runbook.steps.map((step) => step.title)).toEqual(['Meaning', 'Check the usage', 'Find large files', 'Mitigation'])
    expect(runbook.anchors.diagnosis).toBe('check-the-usage')
  })

  it('keep their sub-sections when they have text of their own, or the sub-sections are alternatives, numbered actions or remedies', () => {
    const own = md`
      # T

      ## Diagnosis

      Look at the dashboards first.

      ### Check the usage

      Run df.

      ### Find large files

      Run du.

      ## Mitigation

      Delete old logs.
    `
    expect(titles(own)).toEqual(['Diagnosis', 'Mitigation'])
    const alternatives = own.replace('Look at the dashboards first.\n', '').replace('Check the usage', 'Option 1').replace('Find large files', 'Option 2')
    expect(titles(alternatives)).toEqual(['Diagnosis', 'Mitigation'])
    const numbered = own.replace('Look at the dashboards first.\n', '').replace('Check the usage', '1. Check the usage').replace('Find large files', '2. Find large files')
    expect(titles(numbered)).toEqual(['Diagnosis', 'Mitigation'])
    const remedies = md`
      # T

      ## Diagnosis

      Look.

      ## Mitigation

      ### Fix the configuration

      Edit it.

      ### Restart the operator

      Delete the pod.
    `
    expect(titles(remedies)).toEqual(['Diagnosis', 'Mitigation'])
  })
})

describe('phases of headed steps', () => {
  it('give their sub-sections as steps when most phases (three or more) hold two or more', () => {
    const phase = (name: string, subs: string[], own = '') =>
      `# ${name}\n\n${own}${subs.map((sub) => `## ${sub}\n\nDo ${sub.toLowerCase()}.\n\n`).join('')}`
    const text = [
      '---\ntitle: Response plan\n---\n',
      phase('Assess', ['Assess the impact', 'Name the incident'], '1. Open a ticket.\n2. Page the lead.\n\n'),
      phase('Investigate', ['Collect evidence', 'Analyze evidence'], 'Work in pairs.\n\n'),
      phase('Remediate', ['Contain', 'Eradicate']),
      '# Recover\n\nRestore service.\n'
    ].join('')
    expect(titles(text)).toEqual([
      // A phase whose own text holds actions is a step too.
      'Assess',
      'Assess the impact',
      'Name the incident',
      'Collect evidence',
      'Analyze evidence',
      'Contain',
      'Eradicate',
      'Recover'
    ])
  })

  it('stay the steps when only some phases have sub-sections', () => {
    const text = md`
      # Playbook

      ## Investigate

      1. Check the logs.
      2. Check the alerts.

      ## Remediate

      Plan the work with the owners.

      ### Contain

      Isolate the host.

      ### Eradicate

      Remove the malware.

      ## Communicate

      Tell the users.

      ## Recover

      Restore from backup.
    `
    expect(titles(text)).toEqual(['Investigate', 'Remediate', 'Communicate', 'Recover'])
  })
})

describe('framing sections', () => {
  it('puts leading background and reference sections in the intro and trailing reference sections in the outro', () => {
    const text = md`
      # Restore a mailbox

      ## Purpose

      Why this exists.

      ## MITRE ATT&CK mapping

      | Tactic | Technique |
      | --- | --- |
      | Impact | T1485 |

      ## Find the backup

      Open the console.

      ## Restore it

      Click restore.

      ### Reference: retention periods

      Thirty days.

      ## Responsibilities

      The help desk owns this.

      ## Verify

      Ask the user.

      ## Appendix A: screenshots

      Pictures.

      ## Revision history

      Changed things.
    `
    const {runbook} = parse(text)
    expect(runbook.steps.map((step) => step.title)).toEqual(['Find the backup', 'Restore it', 'Verify'])
    expect(runbook.intro.children.filter((node) => node.type === 'heading')).toHaveLength(2)
    expect(runbook.outro.children.filter((node) => node.type === 'heading')).toHaveLength(2)
    // "Responsibilities" between steps stays with the step before it, still shown.
    expect(runbook.steps[1]!.content.children.some((node) => node.type === 'heading')).toBe(true)
  })

  it('keeps a background section that holds actions, a "Step N" section whatever its name, and everything when nothing else is left', () => {
    const actions = md`
      # T

      ## Overview

      \`\`\`sh
      kubectl get pods
      \`\`\`

      ## Restart

      Restart it.
    `
    expect(titles(actions)).toEqual(['Overview', 'Restart'])
    expect(titles('# T\n\n## Step 1: Links\n\nA.\n\n## Step 2: References\n\nB.\n')).toEqual(['Links', 'References'])
    expect(titles('# T\n\n## Overview\n\nA.\n\n## References\n\nB.\n')).toEqual(['Overview', 'References'])
  })
})

describe('the procedure section', () => {
  it('gives its numbered list as the steps when the other sections only frame it', () => {
    const text = md`
      # Rotate the key

      ## Overview

      The key expires yearly.

      ## Procedure

      1. Create the new key.
      2. Deploy it.
      3. Revoke the old key.

      ## References

      - [Vendor docs](https://example.com)
    `
    const {runbook} = parse(text)
    expect(runbook.structure).toBe('ordered-list')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Create the new key', 'Deploy it', 'Revoke the old key'])
  })

  it('does not reduce several sections, each with a numbered list, to one list', () => {
    const text = md`
      # Alert

      ## Meaning

      The service is down.

      ## Diagnosis

      1. Check the pods.
      2. Check the events.
      3. Check the logs.

      ## Mitigation

      Restart the deployment.
    `
    const {runbook} = parse(text)
    expect(runbook.structure).toBe('sections')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Meaning', 'Diagnosis', 'Mitigation'])
  })

  it('keeps "Step N" headings inside one section of several as that section\'s actions', () => {
    const text = md`
      # Set up

      ## Requirements

      #### 1. Get access

      Ask.

      #### 2. Install the CLI

      Install.

      ## Configure

      Edit the file.

      ## Apply

      Apply it.
    `
    expect(titles(text)).toEqual(['Requirements', 'Configure', 'Apply'])
  })
})

describe('bold step headings', () => {
  it('reads bold-only "Step N" paragraphs as headings when there are two or more', () => {
    const text = md`
      # New repository

      **Prerequisites**

      You need admin rights.

      **Step 1: Add the config**

      Edit the file.

      **Step 2: Open a pull request**

      Ask for review.
    `
    expect(titles(text)).toEqual(['Prerequisites', 'Add the config', 'Open a pull request'])
  })

  it('leaves a single bold line and bold sentences alone', () => {
    expect(titles('# T\n\n**Step 1: Only one**\n\nText.\n\n**Important**\n\nMore.\n')).toEqual(['T'])
  })
})

describe('prose steps', () => {
  it('reads paragraphs that each introduce a code block as steps on a page without headings or lists', () => {
    const text = md`
      ---
      title: Grow a volume
      ---

      There is no direct way to do this.

      Scale the deployment down:

          kubectl scale deploy/web --replicas=0

      Resize the claim:

          kubectl edit pvc data-web-0

      Scale it up again:

          kubectl scale deploy/web --replicas=2
    `
    const {runbook} = parse(text)
    expect(runbook.steps.map((step) => step.title)).toEqual(['Scale the deployment down', 'Resize the claim', 'Scale it up again'])
    expect(runbook.intro.children).toHaveLength(1)
    expect(runbook.steps.every((step) => step.commands.length === 1)).toBe(true)
  })

  it('keeps one step when only one or two code blocks are introduced', () => {
    expect(titles('# T\n\nRun this:\n\n    ls\n\nThen this:\n\n    pwd\n')).toEqual(['T'])
  })
})
