import {describe, expect, it} from 'vitest'
import {parseRunbook} from '@runbook-kit/core'
import {cleanTitle, decodeEntities} from '../../packages/core/src/parse/titles/clean-title.js'
import {firstSentence} from '../../packages/core/src/parse/structure/layout.js'
import {md, parse, rules} from './helpers.js'

describe('titles: entities, permalinks and template syntax', () => {
  it('decodes HTML entities, also doubly escaped ones', () => {
    expect(cleanTitle('Backup &amp; restore')).toBe('Backup & restore')
    expect(cleanTitle('Backup &amp;amp; restore')).toBe('Backup & restore')
    expect(cleanTitle('Don&#8217;t panic &#x2014; page the on-call')).toBe('Don’t panic — page the on-call')
    expect(decodeEntities('&lt;pod&gt; &nbsp;&copy;')).toBe('<pod>  ©')
  })

  it('leaves unknown entities and plain ampersands as written', () => {
    expect(cleanTitle('R&D lab &unknown; & co')).toBe('R&D lab &unknown; & co')
    expect(decodeEntities('&#0; &#xD800;')).toBe('&#0; &#xD800;')
  })

  it('drops a trailing permalink but not a word ending in #', () => {
    expect(cleanTitle('Restart the spooler ¶')).toBe('Restart the spooler')
    expect(cleanTitle('Restart the spooler¶')).toBe('Restart the spooler')
    expect(cleanTitle('Rotate keys 🔗')).toBe('Rotate keys')
    expect(cleanTitle('Rotate keys #')).toBe('Rotate keys')
    expect(cleanTitle('Upgrade the C# client')).toBe('Upgrade the C# client')
    expect(cleanTitle('Upgrade to F#')).toBe('Upgrade to F#')
    expect(cleanTitle('¶ 3 of the policy')).toBe('¶ 3 of the policy')
  })

  it('drops Liquid, Hugo and ERB template syntax', () => {
    expect(cleanTitle('Restart {{ site.product }}')).toBe('Restart')
    expect(cleanTitle('{% if prod %}Drain the node{% endif %}')).toBe('Drain the node')
    expect(cleanTitle('Failover ({{< param "region" >}})')).toBe('Failover')
    expect(cleanTitle('Scale out {{% cluster %}} – workers')).toBe('Scale out – workers')
    expect(cleanTitle('<%= current_page.data.title %>')).toBe('')
    expect(cleanTitle('Use {curly} braces')).toBe('Use {curly} braces')
  })

  it('gives steps, the H1 and the frontmatter title clean text, and slugs them clean', () => {
    const {runbook} = parse(md`
      ---
      title: Printers &amp; scanners
      ---
      ## Check the queue ¶

      Look at it. See [below](#clear-it).

      ## Clear {{ site.queue }} it

      Clear it.
    `)
    expect(runbook.title).toBe('Printers & scanners')
    expect(runbook.steps.map((step) => [step.id, step.title])).toEqual([
      ['check-the-queue', 'Check the queue'],
      ['clear-it', 'Clear it']
    ])
    const h1 = parse('# Backup &amp;amp; restore ¶\n\nRestore it.\n').runbook
    expect(h1.title).toBe('Backup & restore')
  })

  it('keeps a step title that is only template text as written', () => {
    const {runbook} = parse('# Deploy\n\n## {{ step.name }}\n\nDo it.\n\n## Verify\n\nCheck it.\n')
    expect(runbook.steps.map((step) => step.title)).toEqual(['{{ step.name }}', 'Verify'])
  })
})

describe('titles: a template placeholder as H1', () => {
  it('takes the title from the file name when the H1 is a placeholder', () => {
    for (const heading of ['Playbook: <Type of Incident>', 'Playbook: \\<Type of Incident\\>', '[INCIDENT NAME] response', 'Response plan for [Your company]', 'Playbook template', 'Title', 'Plan for {{COMPANY_NAME}}', '<SERVICE_NAME> is down']) {
      const {runbook, diagnostics} = parseRunbook(`# ${heading}\n\n## Investigate\n\nLook.\n`, {file: 'playbooks/credential-stuffing.md'})
      expect(runbook.title, heading).toBe('Credential stuffing')
      expect(runbook.steps.map((step) => step.title), heading).toEqual(['Investigate'])
      // A placeholder in the heading is still a value the reader supplies (undeclared-param), as anywhere in the text.
      expect(rules(diagnostics).filter((rule) => rule !== 'undeclared-param'), heading).toEqual(['missing-title'])
      expect(diagnostics[0]!.note, heading).toMatch(/is a template's placeholder; using "Credential stuffing"$/)
    }
  })

  it('prefers the frontmatter title over a placeholder H1, without a warning', () => {
    const {runbook, diagnostics} = parseRunbook('---\ntitle: Lost laptop\n---\n# Playbook: <Type of Incident>\n\n## Contain\n\nLock it.\n', {file: 'x.md'})
    expect(runbook.title).toBe('Lost laptop')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Contain'])
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['undeclared-param'])
  })

  it('keeps real titles that look a little like placeholders', () => {
    for (const heading of ['Phishing playbook', 'SSPOperatorDown [Deprecated]', 'Fix the <code>ENOSPC</code> error', 'Runbook template maintenance', 'Restore [WIP]', 'Rotate a <kbd>Ctrl</kbd> key']) {
      const {runbook, diagnostics} = parseRunbook(`# ${heading}\n\n## Investigate\n\nLook.\n`, {file: 'x.md'})
      expect(runbook.title, heading).not.toBe('X')
      expect(rules(diagnostics), heading).toEqual([])
    }
  })
})

describe('titles: no cut at abbreviations', () => {
  it('reads past e.g., i.e., vs., approx. and cf.', () => {
    expect(firstSentence('Check the logs (e.g. the error rate) for spikes. Then restart.')).toBe('Check the logs (e.g. the error rate) for spikes')
    expect(firstSentence('Pick the primary, i.e. the node with the lowest lag. It leads.')).toBe('Pick the primary, i.e. the node with the lowest lag')
    expect(firstSentence('Compare prod vs. staging latency. Note the gap.')).toBe('Compare prod vs. staging latency')
    expect(firstSentence('Wait approx. 5 minutes for the sync. Then check.')).toBe('Wait approx. 5 minutes for the sync')
    expect(firstSentence('Read the policy (cf. section 4) first. Then sign.')).toBe('Read the policy (cf. section 4) first')
  })

  it('reads past version numbers', () => {
    expect(firstSentence('Upgrade the agent to v1.2.3 before the restart. Then verify.')).toBe('Upgrade the agent to v1.2.3 before the restart')
    expect(firstSentence('Install Helm 3.12 or later.')).toBe('Install Helm 3.12 or later')
  })

  it('ends at "etc." only before a capital letter', () => {
    expect(firstSentence('Stop the web, worker, etc. containers first. Then drain.')).toBe('Stop the web, worker, etc. containers first')
    expect(firstSentence('Stop the web, worker, etc. Then drain the node.')).toBe('Stop the web, worker, etc')
  })

  it('still ends at a real sentence end, question or colon', () => {
    expect(firstSentence('Restart the pod. Wait for it.')).toBe('Restart the pod')
    expect(firstSentence('Is the pod running? If not, restart it.')).toBe('Is the pod running?')
    expect(firstSentence('Run the following: kubectl get pods')).toBe('Run the following')
    expect(firstSentence('.env files hold the secrets. Keep them safe.')).toBe('.env files hold the secrets')
    expect(firstSentence('no full stop here')).toBe('no full stop here')
  })

  it('titles list steps past an abbreviation', () => {
    const {runbook} = parse('1. Check the queue (e.g. with lpstat). Clear it.\n2. Restart the spooler.\n')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Check the queue (e.g. with lpstat)', 'Restart the spooler'])
  })
})
