/**
 * The parser against 1,029 real runbooks from six public repositories
 * (read from RUNBOOK_CORPUS; never copied into this project).
 */
import {readFileSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseRunbook, type ParseResult, type Runbook} from '@runbook-kit/core'
import {corpusFiles, corpusPath, describeCorpus} from '../helpers/corpus.js'

/** Check the graph invariants; return the problems found. */
function invariants(runbook: Runbook, source: string): string[] {
  const problems: string[] = []
  const ids = runbook.steps.map((step) => step.id)
  if (ids.length === 0) problems.push('no steps')
  if (!ids.includes(runbook.start)) problems.push(`start "${runbook.start}" is not a step`)
  if (new Set(ids).size !== ids.length) problems.push('duplicate step ids')
  const lines = source.split(/\r\n|\r|\n/).length
  for (const step of runbook.steps) {
    for (const edge of step.edges) {
      const external = edge.runbook === undefined && edge.to === undefined && typeof edge.href === 'string' && /^https?:/.test(edge.href)
      // "Otherwise, finish": the last edge, beside another way out.
      const finish = edge.kind === 'next' && edge.runbook === undefined && edge.to === undefined && edge.href === undefined && step.edges.length > 1 && step.edges.at(-1) === edge
      if (edge.runbook === undefined && !external && !finish && (edge.to === undefined || !ids.includes(edge.to))) problems.push(`edge ${step.id} → ${edge.to} leads nowhere`)
    }
    const position = step.position
    if (position) {
      if (position.start.line < 1 || position.end.line > lines || position.start.line > position.end.line) {
        problems.push(`step ${step.id} position ${position.start.line}-${position.end.line} outside 1-${lines}`)
      }
      if ((position.end.offset ?? 0) > source.length) problems.push(`step ${step.id} offset past the end`)
    }
    if (!['task', 'decision', 'end'].includes(step.kind)) problems.push(`step ${step.id} kind ${step.kind}`)
    if (step.kind === 'decision' && step.edges.length < 2) problems.push(`decision ${step.id} with ${step.edges.length} edges`)
  }
  for (const anchor of Object.values(runbook.anchors)) if (!ids.includes(anchor)) problems.push(`anchor to missing step ${anchor}`)
  return problems
}

describeCorpus('corpus of real runbooks', () => {
  const results = new Map<string, {source: string; result: ParseResult}>()
  beforeAll(() => {
    for (const file of corpusFiles()) {
      const source = readFileSync(corpusPath(file), 'utf8')
      results.set(file, {source, result: parseRunbook(source, {file})})
    }
  }, 300_000)
  const get = (file: string) => {
    const entry = results.get(file)
    if (!entry) throw new Error(`corpus file missing: ${file}`)
    return entry.result.runbook
  }
  const titles = (file: string) => get(file).steps.map((step) => step.title)

  it('parses every file without an internal error, keeping the graph invariants', () => {
    expect(results.size).toBeGreaterThanOrEqual(1000)
    const failures: string[] = []
    for (const [file, {source, result}] of results) {
      if (result.diagnostics.some((d) => d.ruleId === 'invalid-input')) failures.push(`${file}: internal error`)
      for (const problem of invariants(result.runbook, source)) failures.push(`${file}: ${problem}`)
      for (const d of result.diagnostics) {
        if (d.line < 1 || d.column < 1) failures.push(`${file}: diagnostic at ${d.line}:${d.column}`)
      }
      if (JSON.stringify(JSON.parse(JSON.stringify(result.runbook))) !== JSON.stringify(result.runbook)) failures.push(`${file}: not plain JSON`)
    }
    expect(failures).toEqual([])
  })

  it('uses every structure rule across the corpus', () => {
    const counts: Record<string, number> = {}
    for (const {result} of results.values()) counts[result.runbook.structure] = (counts[result.runbook.structure] ?? 0) + 1
    expect(Object.keys(counts).sort()).toEqual(['ordered-list', 'sections', 'single', 'step-headings'])
    expect(counts.sections).toBeGreaterThan(counts['ordered-list']!)
  })

  it('OpenShift alert runbook: Meaning / Impact / Diagnosis / Mitigation, with "If" headings as a decision', () => {
    const file = 'openshift__runbooks/alerts/cluster-network-operator/NoOvnMasterLeader.md'
    const runbook = get(file)
    expect(runbook.title).toBe('NoOvnMasterLeader')
    // "Diagnosis" has no text of its own: its two checks are the steps, and its anchor leads to the first.
    expect(titles(file).slice(0, 5)).toEqual(['Meaning', 'Impact', 'Fix alerts before continuing', 'OVN-kubernetes master pods', 'Mitigation'])
    expect(runbook.anchors.diagnosis).toBe(runbook.steps[2]!.id)
    const mitigation = runbook.steps[4]!
    expect(mitigation.kind).toBe('decision')
    expect(mitigation.edges.map((edge) => edge.label)).toEqual([
      'The control plane nodes are not running',
      'The cluster network operator is reporting error',
      'One of the ovnkube-master pods is not running',
      'All the ovnkube-master pods are not running',
      'All the ovnkube-master pods are running'
    ])
    // Indented code blocks are commands.
    expect(runbook.steps[3]!.commands.map((command) => command.code)).toContain('oc get lease -n openshift-ovn-kubernetes')
  })

  it('GitLab runbook numbered "1. 1. 1." across code blocks is one list of steps', () => {
    const file = 'mattrussi__gitlab-com-runbooks/docs/ci-runners/linux/docker-machine/create-failure.md'
    const runbook = get(file)
    expect(runbook.structure).toBe('ordered-list')
    expect(titles(file)).toEqual([
      'Verify the certs were recently created',
      "Stop gitlab-runner which shouldn't be running any jobs",
      'Delete idle machines',
      'Move old certificates to another directory just in case',
      'Run docker-machine create to force certificate creation',
      'Start gitlab-runner'
    ])
    expect(runbook.steps.map((step) => step.number)).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(runbook.steps.every((step) => step.commands.length > 0)).toBe(true)
  })

  it('GitLab bastion runbook: a lone "##" heading is a second title, its "#####" sections the steps, their numbered lists kept inside', () => {
    const file = 'mattrussi__gitlab-com-runbooks/docs/bastions/gprd-bastions.md'
    const runbook = get(file)
    expect(runbook.structure).toBe('sections')
    expect(titles(file)).toEqual([
      'How to start using them',
      'Console access',
      'Host keys',
      'Tunnel https traffic',
      'Tunnel git-over-ssh traffic'
    ])
    // The closing link list is reference: shown after the steps, not a step.
    expect(runbook.outro.children.length).toBeGreaterThan(0)
    expect(runbook.steps[3]!.content.children.some((node) => node.type === 'list' && node.ordered)).toBe(true)
  })

  it('Velero procedure: code blocks inside list items are the steps’ commands', () => {
    const file = 'vmware-tanzu__velero/site/content/docs/main/disaster-case.md'
    const runbook = get(file)
    expect(runbook.title).toBe('Disaster recovery')
    expect(runbook.structure).toBe('ordered-list')
    expect(runbook.steps).toHaveLength(5)
    expect(titles(file)[3]).toBe('Create a restore with your most recent Velero Backup')
    expect(runbook.steps[3]!.commands[0]!.code).toMatch(/^velero restore create/)
    expect(runbook.steps.filter((step) => step.commands.length > 0)).toHaveLength(4)
  })

  it('incident playbook checklist: task items become each step’s checklist', () => {
    const file = 'austinsonger__Incident-Playbook/Incident-Response/Incident-Response-Checklists/Account Takeover (ATO) Checklist.md'
    const runbook = get(file)
    expect(runbook.steps).toHaveLength(7)
    expect(runbook.steps.map((step) => step.checklist.length)).toEqual([11, 10, 19, 3, 5, 4, 6])
    expect(runbook.steps[0]!.checklist.every((item) => item.checked === false && item.text.length > 0)).toBe(true)
  })

  it('Ministry of Justice (GOV.UK tech docs) runbook: ERB title skipped, frontmatter title and review dates read', () => {
    const runbook = get('ministryofjustice__cloud-platform/source/delete-state-lock.html.md.erb')
    expect(runbook.title).toBe('Delete terraform state lock')
    expect(runbook.id).toBe('delete-state-lock')
    expect(runbook.meta.reviewed).toBe('2026-05-11')
    expect(runbook.meta.reviewBy).toBe('6 months')
    expect(runbook.meta.extra).toMatchObject({weight: 199})
    expect(runbook.steps.map((step) => step.title)[0]).toBe('Command-line method')
  })

  it('Ministry of Justice incident process: numbered headings are steps with their numbers', () => {
    const file = 'ministryofjustice__cloud-platform/source/incident-process.html.md.erb'
    const runbook = get(file)
    expect(runbook.structure).toBe('step-headings')
    expect(runbook.steps.map((step) => [step.number, step.title])).toEqual([
      ['1', 'Confirm that the event constitutes an incident'],
      ['2', 'Declare the incident'],
      ['3', 'Assign roles'],
      ['4', 'Fix the problem'],
      ['5', 'End the incident'],
      ['6', 'Post-incident procedure']
    ])
    // Sub-headings ("3.1 Incident Lead") stay inside their step as anchors.
    expect(runbook.anchors['31-incident-lead']).toBe('3-assign-roles')
  })

  it('files with unclosed code fences are reported, not crashed on', () => {
    const flagged = [...results].filter(([, {result}]) => result.diagnostics.some((d) => d.ruleId === 'unclosed-code-fence'))
    expect(flagged.length).toBeGreaterThanOrEqual(5)
  })

  it('no template syntax ever becomes a title', () => {
    for (const {result} of results.values()) {
      expect(result.runbook.title).not.toMatch(/<%|%>|\{\{|\}\}/)
    }
  })
})

describe('corpus availability', () => {
  it('is skipped with a printed reason or required by CI', () => {
    // Importing helpers/corpus.ts already threw under CI=true without a corpus;
    // here we only check the variable resolves to a path.
    expect(typeof corpusPath('x')).toBe('string')
  })
})
