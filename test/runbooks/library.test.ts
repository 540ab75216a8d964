/**
 * The runbook library in `runbooks/`: every runbook's outline as written on
 * purpose (step count, decisions, ends, hand-overs to other runbooks), the
 * graph properties a reader relies on, the metadata the widget and search
 * filter on, and a clean `runbook lint`.
 *
 * When a runbook changes on purpose, change its entry in `expected` with it.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {toString} from 'mdast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {createCollection, type Category, type Runbook, type Step} from '@runbook-kit/core'
// Internal (not exported): the steps a path from the start reaches.
import {reachable} from '../../packages/core/src/parse/index.js'
import {loadRunbooks, main, type LoadResult} from '@runbook-kit/core/node'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** What each runbook is meant to be. Ids of decisions and ends are listed in document order. */
interface Expected {
  structure: Runbook['structure']
  audience: string[]
  steps: number
  decisions: string[]
  ends: string[]
  /** Cross-runbook edges as `fromStep>runbook` or `fromStep>runbook#step`. */
  handOvers: string[]
  /** Shells the runbook's commands are written for. */
  shells: Array<'posix' | 'powershell'>
  /** Params marked `secret: true`. */
  secrets?: string[]
}

const expected: Record<string, Expected> = {
  'troubleshooting/printer-offline.md': {
    structure: 'step-headings',
    audience: ['tier-1', 'end-user'],
    steps: 10,
    decisions: ['scope', 'device', 'hardware', 'network', 'verify'],
    ends: ['resolved', 'escalate'],
    handOvers: [],
    shells: ['posix', 'powershell']
  },
  'troubleshooting/network-down.md': {
    structure: 'step-headings',
    audience: ['tier-1'],
    steps: 10,
    decisions: ['scope', 'link', 'physical', 'address', 'reach', 'floor', 'verify'],
    ends: ['resolved', 'escalate'],
    handOvers: ['reach>dns-not-resolving', 'floor>major-outage'],
    shells: ['posix', 'powershell']
  },
  'troubleshooting/vpn-not-connecting.md': {
    structure: 'sections',
    audience: ['tier-1', 'end-user'],
    steps: 9,
    decisions: ['check-the-basics', 'read-the-error-message', 'if-it-says-the-user-name-or-password-is-wrong', 'if-the-mfa-prompt-never-arrives', 'verify'],
    ends: ['resolved', 'escalate-to-tier-2'],
    // "If the user has a new phone, …: go to [account provisioning](…#mfa)" is a conditional hand-over.
    handOvers: [
      'check-the-basics>network-down#link',
      'if-it-says-the-user-name-or-password-is-wrong>compromised-account',
      'if-the-mfa-prompt-never-arrives>account-provisioning#mfa'
    ],
    shells: ['posix', 'powershell']
  },
  'troubleshooting/slow-workstation.md': {
    structure: 'step-headings',
    audience: ['tier-1'],
    steps: 9,
    decisions: ['symptom', 'resources', 'disk', 'busy-process', 'one-app', 'verify'],
    ends: ['resolved', 'escalate'],
    handOvers: ['busy-process>malware-workstation'],
    shells: ['posix', 'powershell']
  },
  'troubleshooting/dns-not-resolving.md': {
    structure: 'ordered-list',
    audience: ['tier-1'],
    steps: 8,
    decisions: [
      'confirm-that-it-is-names-not-the-network',
      'find-out-which-names-fail',
      'check-where-the-user-is-working',
      'check-which-dns-servers-the-computer-uses',
      'verify'
    ],
    ends: ['resolved', 'escalate-to-tier-2'],
    handOvers: ['confirm-that-it-is-names-not-the-network>network-down#link', 'check-where-the-user-is-working>vpn-not-connecting'],
    shells: ['posix', 'powershell']
  },
  'troubleshooting/email-not-syncing.md': {
    structure: 'sections',
    audience: ['tier-1', 'end-user'],
    steps: 9,
    decisions: ['webmail', 'device', 'mailbox', 'phone', 'verify'],
    ends: ['resolved', 'escalate'],
    handOvers: ['mailbox>compromised-account#mailbox-rules'],
    // Exchange Online administration is PowerShell on every OS; the Mac and phone steps are in the apps.
    shells: ['powershell']
  },
  'onboarding/new-hire-workstation.md': {
    structure: 'ordered-list',
    audience: ['tier-1', 'it-admin'],
    steps: 8,
    decisions: [],
    ends: ['hand-over-on-the-first-morning'],
    handOvers: [],
    shells: ['posix', 'powershell']
  },
  'onboarding/account-provisioning.md': {
    structure: 'step-headings',
    audience: ['tier-1', 'it-admin'],
    steps: 9,
    decisions: ['request'],
    ends: ['handover'],
    handOvers: [],
    shells: ['posix', 'powershell'],
    secrets: ['initial_password']
  },
  'onboarding/security-briefing.md': {
    structure: 'sections',
    audience: ['it-admin', 'new-hire'],
    steps: 7,
    // "If they already clicked a link, … the team handles it with the [reported phishing email](…) runbook"
    // is a reference in prose, not a jump: the briefing goes on.
    decisions: [],
    ends: ['record-the-briefing'],
    handOvers: [],
    shells: []
  },
  'onboarding/leaver-offboarding.md': {
    structure: 'step-headings',
    audience: ['tier-1', 'it-admin', 'manager'],
    steps: 6,
    decisions: ['files'],
    ends: ['close'],
    handOvers: ['files>restore-file#locate'],
    shells: ['posix', 'powershell']
  },
  'onboarding/role-change.md': {
    structure: 'sections',
    audience: ['tier-1', 'it-admin', 'manager'],
    steps: 7,
    decisions: ['add'],
    ends: ['verify'],
    handOvers: [],
    // Group membership lives in Active Directory: PowerShell only.
    shells: ['powershell']
  },
  'backup-restore/restore-file.md': {
    structure: 'step-headings',
    audience: ['tier-1', 'tier-2'],
    steps: 10,
    decisions: ['locate', 'recycle-bin', 'shadow-copies', 'local', 'verify'],
    ends: ['resolved', 'not-recoverable', 'escalate'],
    handOvers: [],
    shells: ['posix', 'powershell']
  },
  'backup-restore/restore-database.md': {
    structure: 'step-headings',
    audience: ['tier-2', 'it-admin'],
    steps: 9,
    decisions: ['restore', 'verify', 'app-check'],
    ends: ['close', 'escalate'],
    handOvers: [],
    shells: ['posix', 'powershell']
  },
  'backup-restore/monthly-restore-test.md': {
    structure: 'ordered-list',
    audience: ['tier-2', 'it-admin'],
    steps: 8,
    decisions: ['restore-the-file-sample-into-the-test-area', 'restore-the-vm-sample-into-the-isolated-network'],
    ends: ['record-the-result'],
    handOvers: [],
    shells: ['posix', 'powershell']
  },
  'backup-restore/restore-vm-snapshot.md': {
    structure: 'sections',
    audience: ['tier-2', 'it-admin'],
    steps: 12,
    decisions: ['check', 'revert', 'verify'],
    ends: ['cleanup', 'do-not-revert', 'escalate'],
    handOvers: [],
    shells: ['posix', 'powershell']
  },
  'backup-restore/ransomware-recovery.md': {
    structure: 'step-headings',
    audience: ['it-admin', 'incident-commander'],
    steps: 8,
    decisions: ['containment', 'verify'],
    ends: ['review'],
    handOvers: ['containment>malware-workstation#isolate'],
    shells: ['posix', 'powershell']
  },
  'incident-response/phishing-report.md': {
    structure: 'step-headings',
    audience: ['tier-1', 'security'],
    steps: 7,
    decisions: ['analyse', 'interaction'],
    ends: ['close', 'not-malicious'],
    handOvers: ['interaction>compromised-account', 'interaction>malware-workstation#isolate'],
    shells: ['posix', 'powershell']
  },
  'incident-response/compromised-account.md': {
    structure: 'sections',
    audience: ['tier-2', 'security'],
    steps: 7,
    decisions: ['contain', 'data-access'],
    ends: ['restore-access', 'escalate'],
    handOvers: ['data-access>data-breach', 'data-access>phishing-report#scope'],
    shells: ['posix', 'powershell'],
    secrets: ['temp_password']
  },
  'incident-response/malware-workstation.md': {
    structure: 'step-headings',
    audience: ['tier-1', 'tier-2', 'security'],
    steps: 7,
    decisions: ['identify', 'if-the-antivirus-blocked-it-before-it-ran', 'reimage'],
    ends: ['if-files-are-being-encrypted-or-a-ransom-note-appears', 'return'],
    handOvers: ['if-files-are-being-encrypted-or-a-ransom-note-appears>ransomware-recovery#containment', 'reimage>compromised-account'],
    shells: ['posix', 'powershell']
  },
  'incident-response/major-outage.md': {
    structure: 'step-headings',
    audience: ['incident-commander', 'tier-2', 'it-admin'],
    steps: 8,
    decisions: ['work'],
    ends: ['review'],
    handOvers: [],
    shells: ['posix', 'powershell'],
    secrets: ['statuspage_token']
  },
  'incident-response/data-breach.md': {
    structure: 'sections',
    audience: ['security', 'incident-commander', 'it-admin'],
    steps: 9,
    decisions: ['assess'],
    ends: ['if-it-turns-out-no-data-left-our-control', 'record'],
    handOvers: [],
    shells: ['posix', 'powershell']
  }
}

const files = Object.keys(expected)
let library: LoadResult
const byFile = new Map<string, Runbook>()

beforeAll(async () => {
  library = await loadRunbooks('runbooks', {cwd: root})
  for (const runbook of library.runbooks) byFile.set(runbook.file!.replace(/^runbooks\//, ''), runbook)
})

function runbookOf(file: string): Runbook {
  const runbook = byFile.get(file)
  if (!runbook) throw new Error(`runbooks/${file} was not loaded`)
  return runbook
}

const ids = (steps: Step[]) => steps.map((step) => step.id)
const handOversOf = (runbook: Runbook) =>
  runbook.steps.flatMap((step) =>
    step.edges.filter((edge) => edge.runbook !== undefined).map((edge) => `${step.id}>${edge.runbook}${edge.to ? `#${edge.to}` : ''}`)
  )
const endMarker = /^(?:End of runbook\.|End of procedure\.|Stop here\.|This runbook ends here\.)$/

describe('the library', () => {
  it('is exactly the runbooks listed here, in folders named after their category', () => {
    expect([...byFile.keys()].sort()).toEqual([...files].sort())
    for (const runbook of library.runbooks) {
      expect(runbook.file!.split('/')[1], runbook.file).toBe(runbook.meta.category)
    }
  })

  it('has at least 20 runbooks and at least five in each category', () => {
    expect(library.runbooks.length).toBeGreaterThanOrEqual(20)
    const wanted: Category[] = ['troubleshooting', 'onboarding', 'backup-restore', 'incident-response']
    for (const category of wanted) {
      expect(library.runbooks.filter((runbook) => runbook.meta.category === category).length, category).toBeGreaterThanOrEqual(5)
    }
  })

  it('loads with no errors and no warnings', () => {
    const problems = library.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')
    expect(problems.map((d) => `${d.file}:${d.line} ${d.message} [${d.ruleId}]`)).toEqual([])
  })

  it('passes `runbook lint runbooks/` with exit code 0', async () => {
    let out = ''
    let err = ''
    const code = await main(['lint', 'runbooks/'], {
      stdout: {write: (chunk: string) => (out += chunk)},
      stderr: {write: (chunk: string) => (err += chunk)},
      stdin: process.stdin,
      cwd: root,
      env: {}
    })
    // Nothing but the summary line: no diagnostic is printed.
    expect(`${out}${err}`.trim()).toBe(`0 errors, 0 warnings in ${files.length} files`)
    expect(code).toBe(0)
  })

  it('resolves the same hand-overs through createCollection from raw Markdown', () => {
    const collection = createCollection(files.map((file) => ({markdown: readFileSync(path.join(root, 'runbooks', file), 'utf8'), file: `runbooks/${file}`})))
    expect(collection.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    for (const file of files) {
      const runbook = collection.runbooks.find((candidate) => candidate.file === `runbooks/${file}`)!
      expect(handOversOf(runbook), file).toEqual(expected[file]!.handOvers)
    }
  })

  it('links the procedures where they meet', () => {
    const all = library.runbooks.flatMap((runbook) => handOversOf(runbook).map((edge) => `${runbook.id}:${edge}`))
    expect(all).toContain('phishing-report:interaction>compromised-account')
    expect(all).toContain('malware-workstation:if-files-are-being-encrypted-or-a-ransom-note-appears>ransomware-recovery#containment')
    expect(all).toContain('leaver-offboarding:files>restore-file#locate')
    expect(all).toContain('compromised-account:data-access>data-breach')
  })

  it('uses every structure and every way of branching the format has', () => {
    const structures = new Set(library.runbooks.map((runbook) => runbook.structure))
    expect([...structures].sort()).toEqual(['ordered-list', 'sections', 'step-headings'])
    const steps = library.runbooks.flatMap((runbook) => runbook.steps)
    const edges = steps.flatMap((step) => step.edges)
    expect(edges.some((edge) => edge.kind === 'goto')).toBe(true)
    expect(edges.some((edge) => edge.kind === 'choice' && edge.label?.startsWith('If '))).toBe(true)
    expect(edges.some((edge) => edge.kind === 'next' && edge.label === 'Otherwise, continue')).toBe(true)
    expect(steps.some((step) => /^If /.test(step.title))).toBe(true)
    const numbers = new Set(library.runbooks.flatMap((runbook) => runbook.steps.map((step) => step.number)).filter(Boolean))
    expect(numbers.size).toBeGreaterThan(5)
  })

  it('spells callouts all three ways and uses the warning kinds', () => {
    const sources = files.map((file) => readFileSync(path.join(root, 'runbooks', file), 'utf8')).join('\n')
    expect(sources).toMatch(/^> \[!WARNING\]$/m)
    expect(sources).toMatch(/^\s*> (?:Note|Warning|Tip): /m)
    expect(sources).toMatch(/^\s*\*\*(?:Caution|Important):\*\* /m)
    const kinds = new Set(library.runbooks.flatMap((runbook) => runbook.steps.flatMap((step) => step.callouts.map((callout) => callout.kind))))
    for (const kind of ['note', 'important', 'warning', 'caution'] as const) expect(kinds, kind).toContain(kind)
  })
})

describe.each(files)('runbooks/%s', (file) => {
  const want = expected[file]!

  it('has the required metadata', () => {
    const runbook = runbookOf(file)
    expect(runbook.id).toBe(path.basename(file, '.md'))
    expect(runbook.title.length).toBeGreaterThan(5)
    expect(runbook.description?.length ?? 0).toBeGreaterThan(30)
    expect(runbook.meta.tags.length).toBeGreaterThanOrEqual(3)
    expect(runbook.meta.owner).toBeTruthy()
    expect(runbook.meta.estimate).toBeTruthy()
    expect(runbook.meta.audience).toEqual(want.audience)
    expect(runbook.meta.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(runbook.meta.reviewBy).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(runbook.meta.reviewBy! > runbook.meta.reviewed!).toBe(true)
    expect(runbook.meta.extra).toEqual({})
  })

  it('declares every parameter its commands use, with a description', () => {
    const runbook = runbookOf(file)
    for (const param of runbook.params) {
      expect(param.declared, param.name).toBe(true)
      expect(param.description?.length ?? 0, param.name).toBeGreaterThan(5)
    }
    const used = new Set(runbook.steps.flatMap((step) => step.params))
    for (const name of used) expect(runbook.params.map((param) => param.name)).toContain(name)
    expect(runbook.params.filter((param) => param.secret).map((param) => param.name)).toEqual(want.secrets ?? [])
  })

  it('has the outline it was written with', () => {
    const runbook = runbookOf(file)
    expect(runbook.structure).toBe(want.structure)
    expect(runbook.steps).toHaveLength(want.steps)
    expect(ids(runbook.steps.filter((step) => step.kind === 'decision'))).toEqual(want.decisions)
    expect(ids(runbook.steps.filter((step) => step.kind === 'end'))).toEqual(want.ends)
    expect(handOversOf(runbook)).toEqual(want.handOvers)
    const shells = [...new Set(runbook.steps.flatMap((step) => step.commands.map((command) => command.shell)))].sort()
    expect(shells).toEqual(want.shells)
  })

  it('reaches every step from the start, and an end from every step', () => {
    const runbook = runbookOf(file)
    expect(runbook.start).toBe(runbook.steps[0]!.id)
    expect([...reachable(runbook.steps)].sort()).toEqual(ids(runbook.steps).sort())
    // Walking backwards from the ends and hand-overs must find every step: no branch is a dead end or a closed loop.
    const finishing = new Set(runbook.steps.filter((step) => step.kind === 'end' || step.edges.some((edge) => edge.runbook)).map((step) => step.id))
    let grew = true
    while (grew) {
      grew = false
      for (const step of runbook.steps) {
        if (!finishing.has(step.id) && step.edges.some((edge) => edge.runbook === undefined && finishing.has(edge.to!))) {
          finishing.add(step.id)
          grew = true
        }
      }
    }
    expect([...finishing].sort()).toEqual(ids(runbook.steps).sort())
    expect(runbook.steps.some((step) => step.kind === 'end')).toBe(true)
  })

  it('has edges that all resolve', () => {
    const runbook = runbookOf(file)
    const stepIds = new Set(ids(runbook.steps))
    for (const step of runbook.steps) {
      for (const edge of step.edges) {
        if (edge.runbook === undefined) {
          expect(stepIds.has(edge.to!), `${step.id} → ${edge.to}`).toBe(true)
          continue
        }
        const target = library.get(edge.runbook)
        expect(target, `${step.id} → ${edge.href}`).toBeDefined()
        if (edge.to !== undefined) expect(ids(target!.steps), `${step.id} → ${edge.href}`).toContain(edge.to)
      }
      if (step.kind === 'decision') {
        expect(step.edges.length, `${step.id} offers choices`).toBeGreaterThanOrEqual(2)
        for (const edge of step.edges.filter((edge) => edge.kind === 'choice')) expect(edge.label, step.id).toBeTruthy()
      }
    }
  })

  it('marks every end before the last step as an end', () => {
    const runbook = runbookOf(file)
    const last = runbook.steps[runbook.steps.length - 1]!
    for (const step of runbook.steps) {
      if (step.kind !== 'end' || step === last || step.edges.length > 0) continue
      const closing = step.content.children[step.content.children.length - 1]
      const marked = closing !== undefined && endMarker.test(toString(closing).trim())
      const headingAttribute = /\{#[\w-]+ \.end\}/.test(readFileSync(path.join(root, 'runbooks', file), 'utf8'))
      expect(marked || headingAttribute, `${step.id} is marked as an end`).toBe(true)
    }
  })

  it('warns before every destructive command', () => {
    const runbook = runbookOf(file)
    for (const step of runbook.steps) {
      if (!step.commands.some((command) => command.destructive)) continue
      // The warning is in the step, or in the step that branches to it ("If …" headings under a warning).
      const deciders = runbook.steps.filter((other) => other.edges.some((edge) => edge.kind === 'choice' && edge.to === step.id))
      const warned = [step, ...deciders].some((candidate) => candidate.callouts.some((callout) => callout.kind === 'warning' || callout.kind === 'caution'))
      expect(warned, step.id).toBe(true)
    }
  })

  it('says what "working" or "done" looks like', () => {
    const runbook = runbookOf(file)
    const text = runbook.steps.map((step) => toString(step.content)).join('\n')
    expect(text).toMatch(/(?:Working|Done) looks like/)
  })
})

describe('troubleshooting runbooks', () => {
  const troubleshooting = files.filter((file) => file.startsWith('troubleshooting/'))

  it.each(troubleshooting)('%s branches on diagnostic questions and ends in resolved or escalate', (file) => {
    const runbook = runbookOf(file)
    const decisions = runbook.steps.filter((step) => step.kind === 'decision')
    expect(decisions.length).toBeGreaterThanOrEqual(4)
    expect(runbook.steps[0]!.kind).toBe('decision')
    const ends = runbook.steps.filter((step) => step.kind === 'end')
    expect(ends.map((step) => step.title)).toEqual(['Resolved', 'Escalate to tier 2'])
    const escalate = ends[1]!
    // The escalation says what to hand over: a list of facts.
    expect(escalate.content.children.some((node) => node.type === 'list') || /with:|with the/.test(toString(escalate.content))).toBe(true)
  })
})

describe('onboarding runbooks', () => {
  it.each(files.filter((file) => file.startsWith('onboarding/')))('%s has a checklist', (file) => {
    const items = runbookOf(file).steps.flatMap((step) => step.checklist)
    expect(items.length).toBeGreaterThanOrEqual(4)
    expect(items.every((item) => !item.checked)).toBe(true)
  })
})

describe('go-to regressions', () => {
  // slow-workstation.md step 3 has "If more than 15% … is free, skip to [restart and verify](#verify)."
  // and ends with "Go to [restart and verify](#verify).": one unconditional way on, no fall-through.
  it('slow-workstation: "Check the disk" ends in a go-to, not a fall-through to the next step', () => {
    const disk = runbookOf('troubleshooting/slow-workstation.md').steps.find((step) => step.id === 'disk')!
    expect(disk.edges.map((edge) => [edge.kind, edge.to])).toEqual([
      ['choice', 'escalate'],
      ['goto', 'verify']
    ])
  })
})
