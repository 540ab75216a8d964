import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {createSession, renderTimeline, restoreSession, timelineToJSON, type Runbook, type Session} from '@runbook-kit/core'
import {healthCheckFile, makeRunbook, manualClock, parseFile, projectRunbookFiles} from './helpers.js'

const files = [...projectRunbookFiles(), healthCheckFile]
const handBuilt = makeRunbook(
  [
    {id: 'a', to: ['b', 'c'], checklist: ['One', 'Two']},
    {id: 'b', to: ['a', 'd']},
    {id: 'c', to: [{kind: 'choice', label: 'Elsewhere', runbook: 'other', to: 'x'}, {kind: 'choice', label: 'Gone', to: 'missing'}, 'd', 'c']},
    {id: 'd', end: true}
  ],
  {params: [{name: 'token', declared: true, secret: true}]}
)
const runbooks: Array<[string, Runbook]> = [...files.map((file): [string, Runbook] => [file, parseFile(file)]), ['hand-built', handBuilt]]

const SECRET = 'zz-secret-value-zz'

type Op =
  | {op: 'complete'; choice: number | null}
  | {op: 'check' | 'uncheck'; item: number}
  | {op: 'back' | 'pause' | 'resume' | 'finish' | 'abandon' | 'save-restore'}
  | {op: 'goTo'; step: number}
  | {op: 'setParam'; name: string; value: string | null}
  | {op: 'addNote'; text: string}
  | {op: 'escalate'; type: 'person' | 'team' | 'runbook'; reason: string}
  | {op: 'recordCommand'; exitCode: number | null}
  | {op: 'clock'; ms: number}

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {arbitrary: fc.record({op: fc.constant('complete' as const), choice: fc.option(fc.nat(4))}), weight: 6},
  fc.record({op: fc.constantFrom('check' as const, 'uncheck' as const), item: fc.nat(6)}),
  fc.record({op: fc.constantFrom('back' as const, 'pause' as const, 'resume' as const, 'finish' as const, 'abandon' as const, 'save-restore' as const)}),
  fc.record({op: fc.constant('goTo' as const), step: fc.nat(60)}),
  fc.record({op: fc.constant('setParam' as const), name: fc.constantFrom('host', 'token', 'db_password', 'printer', ''), value: fc.option(fc.constantFrom('db1', ''))}),
  fc.record({op: fc.constant('addNote' as const), text: fc.oneof(fc.string(), fc.constant(`typed ${SECRET} by mistake`))}),
  fc.record({op: fc.constant('escalate' as const), type: fc.constantFrom('person' as const, 'team' as const, 'runbook' as const), reason: fc.string()}),
  fc.record({op: fc.constant('recordCommand' as const), exitCode: fc.option(fc.integer({min: 0, max: 255}))}),
  {arbitrary: fc.record({op: fc.constant('clock' as const), ms: fc.integer({min: -5000, max: 120_000})}), weight: 4}
)

/**
 * Apply `op`. `secrets` models which secret parameters the session holds:
 * a secret typed into a note can only be masked when the session knows it.
 */
function apply(session: Session, runbook: Runbook, op: Op, clock: ReturnType<typeof manualClock>, secrets: Set<string>): Session {
  const items = session.current.checklist
  const known = secrets.size > 0
  switch (op.op) {
    case 'complete':
      session.complete(op.choice)
      return session
    case 'check':
      session.check(items[op.item]?.id ?? `no-item-${op.item}`)
      return session
    case 'uncheck':
      session.uncheck(items[op.item]?.id ?? `no-item-${op.item}`)
      return session
    case 'back':
      session.back()
      return session
    case 'pause':
      session.pause()
      return session
    case 'resume':
      session.resume()
      return session
    case 'finish':
      session.finish()
      return session
    case 'abandon':
      session.abandon('property test')
      return session
    case 'goTo':
      session.goTo(runbook.steps[op.step % runbook.steps.length]!.id)
      return session
    case 'setParam': {
      const secret = op.name !== '' && session.isSecret(op.name)
      session.setParam(op.name, op.value === null ? null : secret ? SECRET : op.value)
      if (secret && op.value === null) secrets.delete(op.name)
      else if (secret) secrets.add(op.name)
      return session
    }
    case 'addNote':
      session.addNote(known ? op.text : op.text.replaceAll(SECRET, 'something'))
      return session
    case 'escalate':
      session.escalate({reason: op.reason, target: {type: op.type, name: 'On-call'}})
      return session
    case 'recordCommand':
      session.recordCommand({command: `echo ${op.exitCode}`, exitCode: op.exitCode})
      return session
    case 'clock':
      clock.advance(op.ms)
      return session
    case 'save-restore':
      return restoreSession(runbook, JSON.parse(JSON.stringify(session.toJSON())), {
        now: clock.now,
        secrets: Object.fromEntries([...secrets].map((name) => [name, SECRET]))
      })
  }
}

function checkInvariants(session: Session, runbook: Runbook, clock: ReturnType<typeof manualClock>, clean = true) {
  const ids = new Set(runbook.steps.map((s) => s.id))
  // The current step exists, and the path ends there.
  expect(ids.has(session.current.id)).toBe(true)
  expect(session.path.at(-1)).toBe(session.current.id)
  expect(session.path.every((id) => ids.has(id))).toBe(true)
  // The log is ordered by time.
  const times = session.events.map((e) => e.at)
  for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!)
  // Progress stays within 0–100 and is 100 exactly when finished.
  const progress = session.progress()
  expect(Number.isInteger(progress.percent)).toBe(true)
  expect(progress.percent).toBeGreaterThanOrEqual(0)
  expect(progress.percent).toBeLessThanOrEqual(100)
  expect(progress.percent === 100).toBe(session.status === 'finished')
  expect(session.elapsed()).toBeGreaterThanOrEqual(0)
  // Save then restore gives an equal session.
  const saved = session.toJSON()
  const restored = restoreSession(runbook, JSON.parse(JSON.stringify(saved)), {now: clock.now})
  expect(restored.toJSON()).toEqual(saved)
  if (clean) {
    expect(restored.report!.orphaned).toEqual([])
    expect(restored.report!.problems).toEqual([])
  }
  expect(restored.progress()).toEqual(progress)
  expect(restored.elapsed()).toBe(session.elapsed())
  expect(restored.current.id).toBe(session.current.id)
  // Secrets never leave memory.
  expect(JSON.stringify(saved)).not.toContain(SECRET)
}

describe('any sequence of operations on any project runbook keeps the invariants', () => {
  test('there are runbooks to test', () => {
    expect(runbooks.length).toBeGreaterThanOrEqual(5)
    for (const [, runbook] of runbooks) expect(runbook.steps.length).toBeGreaterThan(0)
  })

  test('current step exists, log ordered, progress 0–100, save→restore equal, no secret leaks', () => {
    fc.assert(
      fc.property(fc.nat(runbooks.length - 1), fc.array(opArbitrary, {maxLength: 40}), (index, ops) => {
        const [, runbook] = runbooks[index]!
        const clock = manualClock()
        let counter = 0
        let session = createSession(runbook, {now: clock.now, id: () => `p-${++counter}`})
        const secrets = new Set<string>()
        checkInvariants(session, runbook, clock)
        for (const op of ops) {
          const before = JSON.stringify(session.toJSON())
          try {
            session = apply(session, runbook, op, clock, secrets)
          } catch (error) {
            // Misuse is a TypeError naming the library, and it changes nothing.
            expect(error).toBeInstanceOf(TypeError)
            expect((error as Error).message).toMatch(/^runbook-kit: /)
            expect(JSON.stringify(session.toJSON())).toBe(before)
          }
          checkInvariants(session, runbook, clock)
        }
        const timeline = renderTimeline(session) + JSON.stringify(timelineToJSON(session))
        expect(timeline).not.toContain(SECRET)
        expect(timelineToJSON(session).steps.length).toBeGreaterThanOrEqual(1)
      }),
      {numRuns: Number(process.env.SESSION_PROPERTY_RUNS ?? 250)}
    )
  })
})

describe('restoreSession on damaged saved states', () => {
  const [, runbook] = runbooks.find(([file]) => file === healthCheckFile)!
  const clock = manualClock()
  const session = createSession(runbook, {now: clock.now, id: () => 'damaged'})
  clock.advance(1000)
  session.check(runbook.steps[0]!.checklist[0]!.id).addNote('n').complete(1)
  session.escalate({reason: 'r', target: {type: 'team', name: 'T'}}).recordCommand({command: 'echo', exitCode: 0})
  const valid = session.toJSON() as unknown as Record<string, unknown>
  const keys = Object.keys(valid)

  test('never throws, and the restored session keeps the invariants and renders a timeline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.jsonValue()), {maxLength: 4}),
        fc.array(fc.tuple(fc.nat(20), fc.jsonValue()), {maxLength: 3}),
        (fieldDamage, eventDamage) => {
          const saved = structuredClone(valid)
          for (const [key, value] of fieldDamage) saved[key] = value
          if (Array.isArray(saved.events)) {
            for (const [index, value] of eventDamage) (saved.events as unknown[])[index % Math.max(1, saved.events.length)] = value
          }
          const restored = restoreSession(runbook, saved, {now: clock.now})
          expect(restored.report).toBeDefined()
          checkInvariants(restored, runbook, clock, false)
          expect(typeof renderTimeline(restored)).toBe('string')
        }
      ),
      {numRuns: Number(process.env.SESSION_PROPERTY_RUNS ?? 300)}
    )
  })

  test('events missing the fields their type needs are skipped and counted', () => {
    const saved = structuredClone(valid)
    const events = saved.events as Array<Record<string, unknown>>
    events.push({type: 'goto', at: 9e12, step: 'check'}, {type: 'escalate', at: 9e12, step: 'check', reason: 'r', target: {type: 'robot', name: 'x'}}, {type: 'note', at: 9e12})
    const restored = restoreSession(runbook, saved, {now: clock.now})
    expect(restored.report!.problems).toContain('3 unreadable event(s) in the saved log were skipped.')
    expect(restored.events).toHaveLength(events.length - 3)
  })
})
