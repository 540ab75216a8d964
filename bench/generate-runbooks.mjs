// Generated runbooks for the benchmarks: Markdown files that look like a help desk's and an SRE team's
// runbooks in size and vocabulary, so that an index built from them grows with their number as a
// real collection's does.
//
// Each runbook has front matter (title, id, category, tags, audience, description), an intro and
// 2 to 8 steps (median 4, as in the corpus), with commands in 60% of the steps, choices, checklists,
// callouts and error codes now and then; about 2 KB of Markdown at the median (the corpus: 2.1 KB).
// Words are drawn 70% from a list of common IT words and 30% from an unbounded Zipf-like tail of
// made-up words (see `zipf`), and runbooks name their own services, hosts and alerts: the vocabulary
// keeps growing with the count (Heaps' law), as it does in real collections, instead of saturating.
//
// Deterministic: the same count and seed give the same files.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/** Defaults, in one place. */
const defaults = {seed: 42}
/**
 * The made-up words' ranks follow a Pareto law, P(r) ∝ (r + scale)^-zipf: with these values the
 * vocabulary of 1,000 runbooks is about 9,000 words and grows as Heaps' law with β ≈ 0.68
 * (the corpus: 16,000 words in 880 files, β ≈ 0.57).
 */
const zipf = 1.6
const scale = 50

/** A seeded pseudo-random generator (mulberry32); bench/search.mjs uses it too. */
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Everyday words of IT runbooks (bench/search.mjs draws from them too). */
export const itWords = (
  'restart service server client network dns vpn proxy firewall certificate expired tls ssl disk full memory cpu ' +
  'latency error timeout connection refused denied permission user account password reset mfa login ldap okta ' +
  'printer queue spooler driver offline online windows linux macos update patch reboot backup restore snapshot ' +
  'postgres mysql redis database replication lag primary replica failover cluster node pod container image ' +
  'deployment kubernetes kubectl helm namespace ingress load balancer alert prometheus grafana dashboard metric ' +
  'log logs syslog journal ssh key rotate credentials secret vault token expire renew ticket escalate incident ' +
  'outage degraded healthy unhealthy ready not check verify confirm run open close click select install ' +
  'uninstall configure setting policy group share drive folder file permission mailbox email sync calendar ' +
  'wifi cable switch port router gateway address ip subnet route etcd storage volume mount quota usage high ' +
  'low slow fast crash looping oom killed evicted pending scheduled job cron queue worker consumer producer'
).split(' ')
const glue = 'the a of to and if is then with on for when it that this from by at in or'.split(' ')
const topics = (
  'printer vpn dns backup mailbox laptop firewall database badge wifi certificate kubernetes postgres redis ' +
  'kafka ldap okta sso storage nfs dhcp proxy loadbalancer ingress etcd jenkins gitlab registry vault ' +
  'monitoring alerting logging payroll crm erp intranet telephony video-conferencing mdm antivirus'
).split(' ')
const symptoms = [
  'not responding',
  'slow',
  'offline',
  'down',
  'failing',
  'full',
  'expired',
  'not syncing',
  'access denied',
  'high latency',
  'crash looping',
  'out of memory',
  'degraded',
  'restore',
  'rotation',
  'onboarding',
  'offboarding',
  'migration',
  'upgrade'
]
const categories = ['troubleshooting', 'troubleshooting', 'incident-response', 'backup-restore', 'onboarding', 'other']
const audiences = ['tier-1', 'tier-2', 'sre', 'dba', 'security', 'network']
const alertParts = ['Kube', 'Node', 'Etcd', 'Postgres', 'Redis', 'Kafka', 'Target', 'Certificate', 'Disk', 'Api']
const alertTails = ['Down', 'HighLatency', 'CrashLooping', 'NotReady', 'FillingUp', 'ReplicationLagHigh', 'ExpiringSoon', 'ErrorsHigh']
const errorCodes = ['0x80070005', 'ERR_CONNECTION_REFUSED', 'ECONNRESET', 'E_ACCESSDENIED', 'ETIMEDOUT', 'SSL_ERROR_BAD_CERT_DOMAIN', 'OOMKilled']
const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'sa', 'ti', 'vu', 'ze', 'pa', 'qu', 'do', 'fe', 'gi', 'ha', 'ju']

/** A made-up word for a rank: short for frequent ranks, longer for rare ones. */
function tailWord(rank) {
  let word = ''
  do {
    word += syllables[rank % 16]
    rank = Math.floor(rank / 16)
  } while (rank > 0)
  return word.length < 4 ? word + 'ra' : word
}

/** Text for one collection: every function draws from the same seeded stream. */
function writer(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const int = (low, high) => low + Math.floor(rand() * (high - low + 1))
  const word = () => {
    const r = rand()
    if (r < 0.2) return pick(glue)
    if (r < 0.7) return pick(itWords)
    return tailWord(Math.floor(scale * ((1 - rand()) ** (-1 / (zipf - 1)) - 1)))
  }
  const words = (n) => Array.from({length: n}, word).join(' ')
  const sentence = (n) => {
    const text = words(n)
    return text[0].toUpperCase() + text.slice(1) + '.'
  }
  const paragraph = (sentences) => Array.from({length: sentences}, () => sentence(int(6, 16))).join(' ')
  return {pick, int, word, words, sentence, paragraph}
}

/** The Markdown of runbook number `n` (its id is unique in the collection). */
function runbookMarkdown(n, w) {
  const topic = w.pick(topics)
  const symptom = w.pick(symptoms)
  const service = `${topic}-${w.word()}-${n % 97}`
  const host = `${w.pick(['web', 'db', 'app', 'files', 'print', 'mail', 'k8s'])}-${String(n % 1000).padStart(3, '0')}`
  const alert = w.pick(alertParts) + w.pick(alertTails)
  const title = n % 10 === 0 ? `${alert} on ${service}` : `${topic[0].toUpperCase()}${topic.slice(1)} ${symptom}: ${w.words(w.int(1, 3))}`
  const id = `${topic}-${symptom.replace(/ /g, '-')}-${n}`
  const stepCount = Math.max(2, Math.min(8, Math.round(2 + w.int(0, 3) + w.int(0, 3) / 2)))
  const commandFor = () =>
    w.pick([
      `kubectl get pods -n ${service} --field-selector=status.phase!=Running`,
      `kubectl rollout restart deployment/${service} -n ${w.word()}`,
      `systemctl restart ${service}.service`,
      `journalctl -u ${service} --since "1 hour ago" | grep -i ${w.word()}`,
      `ping -c 4 10.${w.int(0, 255)}.${w.int(0, 255)}.1`,
      `ssh ${host}.corp.example.com`,
      `Get-Service -Name ${service} | Restart-Service`,
      `psql -h ${host} -c "SELECT * FROM pg_stat_replication"`,
      `curl -fsS https://${service}.corp.example.com/healthz`,
      `df -h /var/lib/${w.word()}`
    ])
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `id: ${id}`,
    `category: ${w.pick(categories)}`,
    `tags: [${[topic, w.word(), w.word(), `svc-${n % 53}`].join(', ')}]`,
    `audience: [${w.pick(audiences)}]`,
    `description: ${JSON.stringify(w.sentence(w.int(8, 18)))}`,
    '---',
    '',
    `# ${title}`,
    '',
    `Use this when ${service} on ${host} is ${symptom} (alert ${alert}). ${w.paragraph(w.int(1, 3))}`,
    ''
  ]
  const stepIds = Array.from({length: stepCount}, (_, s) => `step-${s + 1}-${w.word()}`)
  for (let s = 0; s < stepCount; s++) {
    lines.push(`## Step ${s + 1}: ${w.words(w.int(2, 5))} {#${stepIds[s]}}`, '', w.paragraph(w.int(1, 4)), '')
    if (w.int(1, 10) <= 6) {
      lines.push('```sh', ...Array.from({length: w.int(1, 3)}, () => `$ ${commandFor()}`), '```', '')
    }
    if (w.int(1, 10) === 1) lines.push(`Error: ${w.pick(errorCodes)} from ${service}.`, '')
    if (w.int(1, 5) === 1) lines.push(...Array.from({length: w.int(2, 4)}, () => `- [ ] ${w.words(w.int(3, 7))}`), '')
    if (w.int(1, 7) === 1) lines.push(`> [!${w.pick(['WARNING', 'NOTE', 'TIP'])}]`, `> ${w.sentence(w.int(6, 14))}`, '')
    if (s === 0 && stepCount > 3 && w.int(1, 3) === 1) {
      lines.push(`- ${w.words(w.int(2, 5))}: [${w.words(2)}](#${stepIds[2]})`, `- ${w.words(w.int(2, 5))}: [${w.words(2)}](#${stepIds[1]})`, '')
    }
  }
  lines.push(`Confirm with the user that ${service} works again. End of runbook.`, '')
  return {id, text: lines.join('\n')}
}

/**
 * Write `count` generated runbooks as Markdown files into `dir` (created if missing), 1,000 per
 * sub-folder. Returns their ids and total size in bytes.
 *
 * @param {string} dir
 * @param {number} count
 * @param {{seed?: number | null | undefined} | null | undefined} [options] `seed` (default 42).
 */
export function writeRunbooks(dir, count, options) {
  const seed = options?.seed ?? defaults.seed
  const w = writer(random(seed))
  const ids = []
  let bytes = 0
  for (let n = 0; n < count; n++) {
    const folder = path.join(dir, `part-${String(Math.floor(n / 1000)).padStart(3, '0')}`)
    if (n % 1000 === 0) mkdirSync(folder, {recursive: true})
    const {id, text} = runbookMarkdown(n, w)
    writeFileSync(path.join(folder, `${id}.md`), text)
    ids.push(id)
    bytes += Buffer.byteLength(text)
  }
  return {ids, bytes}
}
