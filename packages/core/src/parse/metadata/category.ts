/**
 * Rule: a runbook whose frontmatter gives no `category` is filed by what its
 * path and its words say. Each category has cue words; a cue in a folder
 * name weighs 3, in the file name or the title 2 (2.5 in both), in section
 * headings half a point each (at most 1). An alert runbook's sections
 * (Meaning, Impact, Diagnosis, Mitigation) weigh 4 for troubleshooting, and
 * the phases of incident response as sections (Containment, Eradication,
 * Recovery, Lessons learned) 4 for incident-response (2 when only two). The category with the
 * most weight wins when it has at least 2 (ties: troubleshooting,
 * incident-response, backup-restore, onboarding); otherwise none is
 * inferred and the runbook stays `other`.
 *
 * @example
 *   // alerts/etcd/EtcdNoLeader.md with "## Meaning", "## Diagnosis", "## Mitigation"  → troubleshooting
 *   // playbooks/phishing.md, "# Phishing" with "## Contain", "## Eradicate"           → incident-response
 *   // docs/patroni/restore-from-backup.md                                              → backup-restore
 *   // people/new-starter-checklist.md                                                  → onboarding
 *   // docs/architecture.md, "# How the cache works"                                    → none
 */
import type {Category} from '../../types.js'

/** What the rule reads. */
export interface CategoryInput {
  /** The file's path as given to the parser (default: none). */
  file?: string | null | undefined
  /** The runbook's title. */
  title: string
  /** The text of the document's section headings, in order. */
  headings: readonly string[]
}

/** Cue words of each category, as patterns over lower-case text with words separated by single spaces. */
const cues: ReadonlyArray<[Exclude<Category, 'other'>, RegExp]> = [
  [
    'troubleshooting',
    /\b(?:alerts?(?! ?manager)|alerting|troubleshoot(?:ing)?|debug(?:ging)?|diagnos(?:e|is|ing|tics)|symptoms?|possible causes?|errors?|error rate|failures?|failing|failed|stuck|timeouts?|saturat(?:ed|ion)|latency|slow|high (?:cpu|memory|load|latency|usage)|unhealthy|degraded|crash(?:es|ing|looping|loop)?|oom|issues?|problems?|(?:is|are) (?:down|failing|slow|unavailable|not working)|not (?:working|responding|starting|syncing|connecting|resolving|printing|ready)|down $)/
  ],
  [
    'incident-response',
    /\b(?:incidents?|incident response|playbooks?|postmortems?|post mortems?|after action review|containment|contain|eradicat(?:e|ion)|(?:data|security) breach(?:es)?|(?:major |service |site )?outages?|phishing|ransomware|malware|intrusions?|compromised?|exfiltration|forensics?)\b/
  ],
  ['backup-restore', /\b(?:backups?|back up|restor(?:e|es|ed|ing)|snapshots?|disaster recovery|point in time recovery|pitr|wal archiv(?:e|ing))\b/],
  ['onboarding', /\b(?:onboard(?:ing)?|offboard(?:ing)?|new (?:starters?|joiners?|hires?|employees?|team members?)|joiners?|leavers?|starters? and leavers?|induction|first (?:day|week))\b/]
]

/** Sections of an alert runbook (openshift, kube-prometheus and many others write these). */
const alertSections = /^(?:meaning|impact|diagnosis|mitigation|summary|severity|verification)$/
/** The phases of incident response (NIST, SANS) as sections. */
const responsePhases = /^(?:(?:phase \d+ )?(?:preparation|prepare|identification|identify|detection|detect|analysis|containment|contain|eradication|eradicate|recovery|recover|lessons learned|post incident activity))$/

/** Least weight a category needs to be inferred. */
const enough = 2

/** Words of a path, title or heading: lower case, runs of anything but letters as one space. */
function words(text: string): string {
  // Split camelCase and ACRONYMWords; most text has no capital after another character to split at.
  const split = /[^\s][A-Z]/.test(text)
    ? text.replace(/([a-z\d])([A-Z])|([A-Z])([A-Z][a-z])/g, (_, a?: string, b?: string, c?: string, d?: string) => (a ? `${a} ${b}` : `${c} ${d}`))
    : text
  return ` ${split
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `
}

/**
 * The category that the path, title and headings point to, or `undefined`
 * when they point to none clearly enough.
 */
export function inferCategory(input: CategoryInput): Exclude<Category, 'other'> | undefined {
  const weight = new Map<Category, number>()
  const add = (category: Category, amount: number) => weight.set(category, (weight.get(category) ?? 0) + amount)

  const parts = (input.file ?? '').split(/[\\/]/).filter((part) => part !== '' && part !== '.' && part !== '..')
  const name = (parts.pop() ?? '').replace(/(?:\.html)?\.(?:md|markdown|mdx)(?:\.erb)?$/i, '')
  const folders = words(parts.join(' '))
  const file = words(name)
  const title = words(input.title)
  const headings = input.headings.map(words)

  const trimmed = headings.map((heading) => heading.trim())
  const sections = new Set(trimmed.filter((heading) => alertSections.test(heading)))
  if (sections.has('diagnosis') || sections.has('mitigation')) add('troubleshooting', sections.size >= 3 ? 4 : 2)
  const phases = new Set(trimmed.filter((heading) => responsePhases.test(heading)))
  if (phases.size >= 2) add('incident-response', phases.size >= 3 ? 4 : 2)

  for (const [category, cue] of cues) {
    // A folder is a choice its author made for many files: it weighs most.
    if (cue.test(folders)) add(category, 3)
    // The file name and the title often say the same words: both weigh little more than one.
    const inFile = cue.test(file)
    const inTitle = cue.test(title)
    if (inFile || inTitle) add(category, inFile && inTitle ? 2.5 : 2)
    // Headings only tip the balance: a reference page with a "Troubleshooting" section is no troubleshooting runbook.
    let inHeadings = 0
    for (const heading of headings) if (cue.test(heading) && ++inHeadings === 2) break
    add(category, inHeadings * 0.5)
  }

  let best: Exclude<Category, 'other'> | undefined
  let bestWeight = enough - 1
  for (const [category] of cues) {
    const value = weight.get(category) ?? 0
    if (value > bestWeight) {
      best = category
      bestWeight = value
    }
  }
  return best
}
