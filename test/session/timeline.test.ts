import {describe, expect, test} from 'vitest'
import {createSession, formatDuration, renderTimeline, restoreSession, timelineToJSON} from '@runbook-kit/core'
import {makeRunbook, manualClock} from './helpers.js'

const runbook = makeRunbook(
  [
    {id: 'triage', title: 'Triage the alert', to: ['db', 'app'], checklist: ['Alert acknowledged', 'Channel opened']},
    {id: 'db', title: 'Check the database', to: ['done']},
    {id: 'app', title: 'Check the app servers', to: ['done'], commands: ['systemctl status <service>']},
    {id: 'done', title: 'Close out', end: true}
  ],
  {
    id: 'api-down',
    title: 'API is down',
    file: 'runbooks/api-down.md',
    hash: 'abc123',
    params: [{name: 'token', declared: true, secret: true}],
    meta: {category: 'incident-response', tags: [], audience: [], extra: {}, severity: 'sev2'}
  }
)
;(runbook.steps[2] as {number?: string}).number = '3'

/** A session that does a bit of everything, one clock step at a time. */
function incident() {
  const clock = manualClock(Date.UTC(2026, 10, 23, 14, 0, 0))
  const s = createSession(runbook, {now: clock.now, id: () => 'inc-1', info: {who: 'Ana', incident: 'INC-42'}})
  const tick = (seconds: number) => clock.advance(seconds * 1000)
  tick(30)
  s.check('alert-acknowledged')
  tick(15)
  s.complete('db')
  tick(60)
  s.addNote('Replication lag is 0; DB *looks* fine | moving on')
  tick(5)
  s.back()
  tick(10)
  s.complete('app')
  tick(20)
  s.setParam('service', 'api').setParam('token', 'tok-999999')
  tick(2)
  s.recordCommand({command: 'systemctl status api', exitCode: 3, durationMs: 250})
  tick(1)
  s.recordCommand({command: 'journalctl -u api | grep `date +%F`', exitCode: 0})
  tick(1)
  s.recordCommand({command: 'for i in 1 2; do\n  curl -s localhost/health\ndone', exitCode: null, signal: 'SIGINT'})
  tick(30)
  s.escalate({reason: 'Needs a deploy rollback', target: {type: 'team', name: 'Platform'}})
  s.pause()
  tick(600)
  s.resume()
  tick(45)
  s.complete()
  tick(5)
  s.addNote('Rolled back by Platform')
  s.complete()
  return {session: s, clock}
}

describe('renderTimeline', () => {
  test('writes the whole incident as Markdown', () => {
    const {session} = incident()
    expect(renderTimeline(session)).toBe(`## Incident timeline: API is down

| | |
| --- | --- |
| Runbook | API is down (\`api-down\`) |
| Severity | sev2 |
| Who | Ana |
| Incident | INC-42 |
| Start | 2026-11-23T14:00:00Z |
| End | 2026-11-23T14:13:44Z |
| Duration | 3m 44s |
| Status | finished, 100% |

### Steps

1. 14:00:00Z **Triage the alert** (45s), chose: to db
   - 14:00:30Z checked: Alert acknowledged
2. 14:00:45Z **Check the database** (1m 5s)
   - 14:01:45Z note: Replication lag is 0; DB \\*looks\\* fine \\| moving on
3. 14:01:50Z **Triage the alert** (10s), came back, chose: to app
   - checked earlier: Alert acknowledged
4. 14:02:00Z **Step 3: Check the app servers** (1m 39s)
   - 14:02:20Z set \`service\` = \`api\`
   - 14:02:20Z set \`token\` (secret)
   - 14:02:22Z ran \`systemctl status api\`: exit 3, 250ms
   - 14:02:23Z ran \`\` journalctl -u api | grep \`date +%F\` \`\`: exit 0
   - 14:02:24Z ran (killed by SIGINT):

     \`\`\`sh
     for i in 1 2; do
       curl -s localhost/health
     done
     \`\`\`
   - 14:02:54Z escalated to team Platform: Needs a deploy rollback
   - 14:02:54Z paused
   - 14:12:54Z resumed
5. 14:13:39Z **Close out** (5s)
   - 14:13:44Z note: Rolled back by Platform

### Escalations

- 2026-11-23T14:02:54Z to team Platform from \`app\`: Needs a deploy rollback
`)
  })

  test('takes a heading level and a title', () => {
    const {session} = incident()
    const text = renderTimeline(session, {headingLevel: 1, title: 'INC-42 timeline'})
    expect(text.startsWith('# INC-42 timeline\n')).toBe(true)
    expect(text).toContain('\n## Steps\n')
    expect(renderTimeline(session, {headingLevel: 99})).toContain('\n###### Steps\n')
  })

  test('never contains a secret value', () => {
    const {session} = incident()
    expect(renderTimeline(session) + renderTimeline(session, {format: 'json'})).not.toContain('tok-999999')
  })

  test('is the same for the same session, and for its saved and restored copy', () => {
    const {session: one, clock} = incident()
    const two = incident().session
    expect(renderTimeline(one)).toBe(renderTimeline(two))
    const restored = restoreSession(runbook, JSON.parse(JSON.stringify(one.toJSON())), {now: clock.now})
    expect(renderTimeline(restored)).toBe(renderTimeline(one))
  })

  test('an open session runs to its last event and marks the step in progress', () => {
    const clock = manualClock()
    const s = createSession(runbook, {now: clock.now})
    clock.advance(7000)
    s.complete(0)
    clock.advance(99_000)
    const text = renderTimeline(s)
    expect(text).toContain('| End | (active) |')
    expect(text).toContain('| Duration | 7s |')
    expect(text).toContain('| Status | active, 33% |')
    expect(text).toContain('2. 00:00:07Z **Check the database** (0s), in progress')
  })

  test('an abandoned session says where it stopped', () => {
    const clock = manualClock()
    const s = createSession(runbook, {now: clock.now})
    clock.advance(3000)
    s.abandon('wrong runbook')
    const text = renderTimeline(s)
    expect(text).toContain('1. 00:00:00Z **Triage the alert** (3s), abandoned here')
    expect(text).toContain('| Status | abandoned, 0% |')
    expect(text).toContain('| End | 2026-01-01T00:00:03Z |')
  })

  test('a hand-over to another runbook is in the status row', () => {
    const handover = makeRunbook([{id: 'x', to: [{kind: 'goto', runbook: 'restore-db', label: 'Restore'}]}])
    const s = createSession(handover, {now: manualClock().now})
    s.complete()
    expect(renderTimeline(s)).toContain('| Status | finished, 100%, handed over to restore-db |')
  })
})

describe('timelineToJSON', () => {
  test('has the header fields and one entry per visit', () => {
    const {session} = incident()
    const timeline = timelineToJSON(session)
    expect(timeline).toMatchObject({
      format: 'runbook-kit/timeline',
      version: 1,
      runbook: {id: 'api-down', title: 'API is down', hash: 'abc123', file: 'runbooks/api-down.md'},
      session: 'inc-1',
      status: 'finished',
      who: 'Ana',
      severity: 'sev2',
      incident: 'INC-42',
      start: '2026-11-23T14:00:00Z',
      end: '2026-11-23T14:13:44Z',
      durationMs: 224_000,
      progress: 100
    })
    expect(timeline.steps.map((s) => [s.step, s.via, s.outcome, s.durationMs, s.choice])).toEqual([
      ['triage', 'start', 'completed', 45_000, 'to db'],
      ['db', 'choice', 'back', 65_000, undefined],
      ['triage', 'back', 'completed', 10_000, 'to app'],
      ['app', 'choice', 'completed', 99_000, undefined],
      ['done', 'next', 'completed', 5000, undefined]
    ])
    expect(timeline.steps[3]!.entries.find((e) => e.type === 'param' && e.secret)).toEqual({type: 'param', at: '2026-11-23T14:02:20Z', name: 'token', secret: true})
    expect(timeline.steps[2]!.checked).toEqual([{item: 'alert-acknowledged', text: 'Alert acknowledged'}])
    expect(timeline.escalations).toEqual([{at: '2026-11-23T14:02:54Z', step: 'app', reason: 'Needs a deploy rollback', target: {type: 'team', name: 'Platform'}}])
  })

  test('renderTimeline with format json is the same data as text', () => {
    const {session} = incident()
    expect(JSON.parse(renderTimeline(session, {format: 'json'}))).toEqual(JSON.parse(JSON.stringify(timelineToJSON(session))))
  })

  test('a jump is a visit reached by goto and the step left is marked left', () => {
    const s = createSession(runbook, {now: manualClock().now})
    s.goTo('done')
    const steps = timelineToJSON(s).steps
    expect(steps.map((v) => [v.step, v.via, v.outcome])).toEqual([
      ['triage', 'start', 'left'],
      ['done', 'goto', 'open']
    ])
    expect(renderTimeline(s)).toContain('**Close out** (0s), jumped here, in progress')
  })
})

describe('formatDuration', () => {
  test.each([
    [0, '0s'],
    [-5, '0s'],
    [Number.NaN, '0s'],
    [250, '250ms'],
    [1000, '1s'],
    [61_000, '1m 1s'],
    [3_600_000, '1h 0m 0s'],
    [3_723_400, '1h 2m 3s']
  ])('%s ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
