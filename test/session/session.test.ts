import {describe, expect, test} from 'vitest'
import {createSession, renderTimeline, type Runbook, type SessionEvent} from '@runbook-kit/core'
import {counterIds, makeRunbook, manualClock} from './helpers.js'

/**
 * a ─┬─ b ──────── d (end)
 *    └─ c ── c2 ──┘
 */
function branching(extra?: Partial<Runbook>): Runbook {
  return makeRunbook(
    [
      {id: 'a', title: 'Check', to: ['b', 'c'], checklist: ['Dashboard opened', 'Alerts acknowledged'], commands: ['ping <host>']},
      {id: 'b', title: 'Quick fix', to: ['d']},
      {id: 'c', title: 'Slow fix', to: ['c2']},
      {id: 'c2', title: 'Slow fix, part 2', to: ['d']},
      {id: 'd', title: 'Done', end: true}
    ],
    extra
  )
}

function start(runbook = branching(), options?: Parameters<typeof createSession>[1]) {
  const clock = manualClock()
  const session = createSession(runbook, {now: clock.now, id: counterIds(), ...options})
  return {clock, session, runbook}
}

const types = (events: readonly SessionEvent[]) => events.map((e) => e.type)

describe('createSession', () => {
  test('starts at the runbook start with one start event', () => {
    const {session, clock} = start()
    expect(session.id).toBe('session-1')
    expect(session.status).toBe('active')
    expect(session.current.id).toBe('a')
    expect(session.path).toEqual(['a'])
    expect(session.events).toEqual([{type: 'start', at: clock.now(), step: 'a'}])
    expect(session.startedAt).toBe(Date.UTC(2026, 0, 1))
    expect(session.endedAt).toBeUndefined()
    expect(session.canGoBack).toBe(false)
  })

  test('takes who and incident from options and severity from the runbook by default', () => {
    const runbook = branching({meta: {category: 'other', tags: [], audience: [], extra: {}, severity: 'sev2'}})
    expect(start(runbook, {info: {who: 'dana', incident: 'INC-7'}}).session.info).toEqual({who: 'dana', incident: 'INC-7', severity: 'sev2'})
    expect(start(runbook, {info: {severity: 'sev1'}}).session.info).toEqual({severity: 'sev1'})
  })

  test('can start at another step', () => {
    expect(start(branching(), {start: 'c'}).session.current.id).toBe('c')
  })

  test('logs initial parameters as events', () => {
    const {session} = start(branching(), {params: {host: 'db1', skipped: null}})
    expect(session.events.slice(1)).toEqual([{type: 'param', at: session.startedAt, step: 'a', name: 'host', value: 'db1', secret: false}])
    expect(session.params()).toEqual({host: 'db1'})
  })

  test('refuses a value that is not a runbook, and an unknown start step', () => {
    expect(() => createSession(null as unknown as Runbook)).toThrow(/^runbook-kit: createSession expects a parsed runbook with steps, got null$/)
    expect(() => createSession({steps: []} as unknown as Runbook)).toThrow(TypeError)
    expect(() => createSession(branching(), {start: 'zz'})).toThrow(/no step "zz"/)
  })

  test('uses Date.now and a unique id by default', () => {
    const before = Date.now()
    const one = createSession(branching())
    const two = createSession(branching())
    expect(one.startedAt).toBeGreaterThanOrEqual(before)
    expect(one.id).not.toBe(two.id)
  })
})

describe('choices', () => {
  test('lists the edges with their labels', () => {
    const {session} = start()
    expect(session.choices()).toEqual([
      {index: 0, label: 'to b', kind: 'choice', to: 'b', internal: true},
      {index: 1, label: 'to c', kind: 'choice', to: 'c', internal: true}
    ])
  })

  test('labels a plain next edge "Continue" and an end has none', () => {
    const {session} = start(branching(), {start: 'b'})
    expect(session.choices()).toEqual([{index: 0, label: 'Continue', kind: 'next', to: 'd', internal: true}])
    expect(start(branching(), {start: 'd'}).session.choices()).toEqual([])
  })
})

describe('complete', () => {
  test('takes a choice by index, label or target id', () => {
    for (const choice of [1, 'to c', 'c']) {
      const {session, clock} = start()
      clock.advance(5000)
      session.complete(choice)
      expect(session.current.id).toBe('c')
      expect(session.path).toEqual(['a', 'c'])
      expect(session.events[1]).toEqual({type: 'complete', at: clock.now(), step: 'a', choice: 'to c', to: 'c'})
      expect(session.stepProgress('a')).toMatchObject({completedAt: clock.now(), choice: 'to c', elapsedMs: 5000, visits: 1})
      expect(session.stepProgress('c')).toMatchObject({visits: 1, elapsedMs: 0})
    }
  })

  test('needs a choice at a decision and leaves the session unchanged when it is missing or wrong', () => {
    const {session} = start()
    const before = session.toJSON()
    expect(() => session.complete()).toThrow(/^runbook-kit: step "a" has 2 choices; pass one of "to b", "to c"$/)
    expect(() => session.complete(2)).toThrow(/has no choice 2/)
    expect(() => session.complete(0.5)).toThrow(TypeError)
    expect(() => session.complete('nowhere')).toThrow(/has no choice "nowhere"/)
    expect(session.toJSON()).toEqual(before)
  })

  test('follows the only way on without a choice and records no label for it', () => {
    const {session} = start()
    session.complete(0).complete()
    expect(session.current.id).toBe('d')
    const event = session.events[2]
    expect(event).toEqual({type: 'complete', at: event!.at, step: 'b', to: 'd'})
    expect(session.stepProgress('b')!.choice).toBeUndefined()
  })

  test('completing an end step finishes the session', () => {
    const {session, clock} = start(branching(), {start: 'd'})
    clock.advance(1000)
    session.complete()
    expect(session.status).toBe('finished')
    expect(session.endedAt).toBe(clock.now())
    expect(types(session.events)).toEqual(['start', 'complete', 'finish'])
    expect(session.stepProgress('d')!.completedAt).toBe(clock.now())
  })

  test('a choice into another runbook finishes with a hand-over', () => {
    const runbook = makeRunbook([
      {id: 'x', to: [{kind: 'choice', label: 'Restore', runbook: 'restore-db', to: 'verify'}, {kind: 'choice', label: 'Stay', to: 'y'}]},
      {id: 'y', end: true}
    ])
    const {session} = start(runbook)
    expect(session.choices()[0]).toEqual({index: 0, label: 'Restore', kind: 'choice', to: 'verify', runbook: 'restore-db', internal: false})
    session.complete('Restore')
    expect(session.status).toBe('finished')
    expect(session.handover).toEqual({label: 'Restore', runbook: 'restore-db', step: 'verify'})
    expect(session.events[1]).toMatchObject({type: 'complete', choice: 'Restore', handover: {runbook: 'restore-db', step: 'verify'}})
    expect(session.events[1]).not.toHaveProperty('to')
    expect(session.progress().percent).toBe(100)
  })

  test('"Otherwise, finish" beside a loop back finishes, with no hand-over', () => {
    const runbook = makeRunbook([
      {id: 'x', end: false, to: ['y']},
      {id: 'y', to: [{kind: 'choice', label: 'Retry and repeat', to: 'x'}, {kind: 'next', label: 'Otherwise, finish'}]}
    ])
    const {session} = start(runbook)
    session.complete()
    expect(session.choices().map((choice) => [choice.label, choice.internal])).toEqual([
      ['Retry and repeat', true],
      ['Otherwise, finish', false]
    ])
    session.complete('Retry and repeat')
    expect(session.current.id).toBe('x')
    session.complete().complete('Otherwise, finish')
    expect(session.status).toBe('finished')
    expect(session.handover).toBeUndefined()
    expect(session.events.at(-2)).toMatchObject({type: 'complete', step: 'y', choice: 'Otherwise, finish'})
    expect(session.events.at(-2)).not.toHaveProperty('handover')
    expect(session.events.at(-1)).toMatchObject({type: 'finish', step: 'y'})
  })

  test('a link to a missing step finishes instead of moving into nothing', () => {
    const runbook = makeRunbook([{id: 'x', to: [{kind: 'goto', to: 'gone'}]}, {id: 'y', end: true}])
    const {session} = start(runbook)
    expect(session.choices()[0]!.internal).toBe(false)
    session.complete()
    expect(session.current.id).toBe('x')
    expect(session.status).toBe('finished')
    expect(session.handover).toEqual({label: 'gone', step: 'gone'})
  })
})

describe('checklists', () => {
  test('check and uncheck by id or text, once each', () => {
    const {session, clock} = start()
    clock.advance(1)
    session.check('dashboard-opened').check('Alerts acknowledged').check('dashboard-opened')
    expect(session.isChecked('dashboard-opened')).toBe(true)
    expect(session.stepProgress('a')!.checked).toEqual(['dashboard-opened', 'alerts-acknowledged'])
    session.uncheck('Dashboard opened').uncheck('dashboard-opened')
    expect(session.isChecked('dashboard-opened')).toBe(false)
    expect(session.events.slice(1)).toEqual([
      {type: 'check', at: clock.now(), step: 'a', item: 'dashboard-opened'},
      {type: 'check', at: clock.now(), step: 'a', item: 'alerts-acknowledged'},
      {type: 'uncheck', at: clock.now(), step: 'a', item: 'dashboard-opened'}
    ])
  })

  test('can tick an item of another step', () => {
    const {session} = start()
    session.complete('b').check('dashboard-opened', 'a')
    expect(session.isChecked('dashboard-opened', 'a')).toBe(true)
    expect(session.events.at(-1)).toMatchObject({type: 'check', step: 'a'})
  })

  test('refuses unknown items and steps', () => {
    const {session} = start()
    expect(() => session.check('nope')).toThrow(/^runbook-kit: step "a" has no checklist item "nope"$/)
    expect(() => session.uncheck('x', 'zz')).toThrow(/no step "zz"/)
    expect(session.events).toHaveLength(1)
  })
})

describe('back and goTo', () => {
  test('back returns to the previous step, which is no longer done', () => {
    const {session, clock} = start()
    session.complete('c')
    clock.advance(2000)
    session.back()
    expect(session.current.id).toBe('a')
    expect(session.path).toEqual(['a'])
    expect(session.stepProgress('a')!.completedAt).toBeUndefined()
    expect(session.stepProgress('a')!.choice).toBeUndefined()
    expect(session.stepProgress('a')!.visits).toBe(2)
    expect(session.stepProgress('c')!.elapsedMs).toBe(2000)
    expect(session.events.at(-1)).toEqual({type: 'back', at: clock.now(), step: 'c', to: 'a'})
    session.complete('b')
    expect(session.path).toEqual(['a', 'b'])
  })

  test('back at the first step is refused', () => {
    const {session} = start()
    expect(() => session.back()).toThrow(/^runbook-kit: cannot go back from the first step "a"$/)
  })

  test('goTo jumps and records where from', () => {
    const {session} = start()
    session.goTo('c2')
    expect(session.current.id).toBe('c2')
    expect(session.path).toEqual(['a', 'c2'])
    expect(session.stepProgress('a')!.completedAt).toBeUndefined()
    expect(session.events.at(-1)).toMatchObject({type: 'goto', step: 'a', to: 'c2'})
    session.back()
    expect(session.current.id).toBe('a')
  })

  test('goTo refuses unknown steps and the current step', () => {
    const {session} = start()
    expect(() => session.goTo('zz')).toThrow(/no step "zz"/)
    expect(() => session.goTo(42 as unknown as string)).toThrow(/no step 42/)
    expect(() => session.goTo('a')).toThrow(/already the current step/)
  })
})

describe('parameters and commands', () => {
  const withSecret = () =>
    branching({
      params: [
        {name: 'host', declared: true, secret: false, default: 'localhost'},
        {name: 'token', declared: true, secret: true}
      ]
    })

  test('commands show parameters in place, defaults included, missing ones visible', () => {
    const runbook = makeRunbook([{id: 'a', commands: ['ssh <user>@<host> uptime', 'curl -H "X: ${TOKEN}" {{ url }}'], end: true}], {
      params: [{name: 'host', declared: true, secret: false, default: 'db1'}]
    })
    const {session} = start(runbook)
    expect(session.commands().map((c) => [c.text, c.missing])).toEqual([
      ['ssh <user>@db1 uptime', ['user']],
      ['curl -H "X: <TOKEN>" <url>', ['TOKEN', 'url']]
    ])
    session.setParam('user', 'ops').setParam('url', 'https://status')
    expect(session.commands()[0]).toMatchObject({index: 0, text: 'ssh ops@db1 uptime', missing: [], secrets: []})
    expect(() => session.commands('zz')).toThrow(/no step "zz"/)
  })

  test('non-secret values are logged, secret ones never', () => {
    const {session} = start(withSecret())
    session.setParam('host', 'db7').setParam('token', 's3cr3t-value')
    expect(session.events.slice(1)).toEqual([
      {type: 'param', at: session.startedAt, step: 'a', name: 'host', value: 'db7', secret: false},
      {type: 'param', at: session.startedAt, step: 'a', name: 'token', secret: true}
    ])
    expect(session.params()).toEqual({host: 'db7', token: '<token:secret>'})
    const saved = JSON.stringify(session.toJSON())
    expect(saved).not.toContain('s3cr3t-value')
    expect(session.toJSON().secretParams).toEqual(['token'])
  })

  test('a secret is masked in commands unless revealed for running', () => {
    const runbook = makeRunbook([{id: 'a', commands: ['login --token <token> <host>'], end: true}], {params: withSecret().params})
    const {session} = start(runbook)
    session.setParam('token', 'hunter22')
    expect(session.commands()[0]).toMatchObject({text: 'login --token <token:secret> localhost', secrets: ['token']})
    expect(session.commands(null, {reveal: true})[0]!.text).toBe('login --token hunter22 localhost')
  })

  test('names that look like passwords or tokens are secret even when not declared', () => {
    const {session} = start()
    expect(session.isSecret('db_password')).toBe(true)
    expect(session.isSecret('API_KEY')).toBe(true)
    expect(session.isSecret('host')).toBe(false)
    session.setParam('db_password', 'letmein99')
    expect(JSON.stringify(session.events)).not.toContain('letmein99')
  })

  test('secret values typed into notes, commands and reasons are masked', () => {
    const {session} = start(withSecret())
    session.setParam('token', 'tok-123456')
    session.addNote('used tok-123456 to log in')
    session.recordCommand({command: 'login tok-123456', exitCode: 0})
    session.escalate({reason: 'token tok-123456 rejected', target: {type: 'team', name: 'IAM'}})
    session.abandon('gave up on tok-123456')
    const everything = JSON.stringify(session.toJSON()) + renderTimeline(session) + renderTimeline(session, {format: 'json'})
    expect(everything).not.toContain('tok-123456')
    expect(session.events.find((e) => e.type === 'note')).toMatchObject({text: 'used <token:secret> to log in'})
  })

  test('null unsets a value; bad names and values are refused', () => {
    const {session} = start(withSecret())
    session.setParam('host', 'x').setParam('host', null).setParam('token', 'abc').setParam('token', null)
    expect(session.params()).toEqual({})
    expect(session.toJSON().secretParams).toEqual([])
    expect(session.events.at(-3)).toEqual({type: 'param', at: session.startedAt, step: 'a', name: 'host', secret: false})
    expect(() => session.setParam('', 'x')).toThrow(/parameter name must be a non-empty string, got ""/)
    expect(() => session.setParam('host', 5 as unknown as string)).toThrow(/must be a string or null, got 5/)
  })
})

describe('notes, escalations and commands', () => {
  test('addNote trims and refuses empty text', () => {
    const {session} = start()
    session.addNote('  looked at the dashboard \n')
    expect(session.events.at(-1)).toEqual({type: 'note', at: session.startedAt, step: 'a', text: 'looked at the dashboard'})
    expect(() => session.addNote('   ')).toThrow(/^runbook-kit: a note must be non-empty text, got "   "$/)
  })

  test('escalate records the target and reason for each target type', () => {
    const {session} = start()
    for (const type of ['person', 'team', 'runbook'] as const) session.escalate({reason: `why ${type}`, target: {type, name: ` ${type}-name `}})
    expect(session.events.slice(1)).toEqual(
      (['person', 'team', 'runbook'] as const).map((type) => ({
        type: 'escalate',
        at: session.startedAt,
        step: 'a',
        reason: `why ${type}`,
        target: {type, name: `${type}-name`}
      }))
    )
  })

  test('escalate refuses a bad target or a missing reason', () => {
    const {session} = start()
    expect(() => session.escalate({reason: 'x', target: {type: 'robot' as 'team', name: 'r'}})).toThrow(/got "robot"/)
    expect(() => session.escalate({reason: 'x', target: {type: 'team', name: ''}})).toThrow(/needs a name/)
    expect(() => session.escalate({reason: ' ', target: {type: 'team', name: 'Ops'}})).toThrow(/needs a reason/)
    expect(() => session.escalate(undefined as never)).toThrow(TypeError)
    expect(session.events).toHaveLength(1)
  })

  test('recordCommand logs the command, exit code, signal and duration', () => {
    const {session} = start()
    session.recordCommand({command: 'echo ok', exitCode: 0, durationMs: 12})
    session.recordCommand({command: 'sleep 100', exitCode: null, signal: 'SIGINT', step: 'c', durationMs: -1})
    expect(session.events.slice(1)).toEqual([
      {type: 'command', at: session.startedAt, step: 'a', command: 'echo ok', exitCode: 0, durationMs: 12},
      {type: 'command', at: session.startedAt, step: 'c', command: 'sleep 100', exitCode: null, signal: 'SIGINT'}
    ])
    expect(() => session.recordCommand({command: '', exitCode: 0})).toThrow(/needs the command text/)
    expect(() => session.recordCommand({command: 'x', exitCode: 1.5})).toThrow(/exit code must be an integer or null, got 1.5/)
    expect(() => session.recordCommand({command: 'x', exitCode: 0, step: 'zz'})).toThrow(/no step "zz"/)
  })
})

describe('pause, resume, finish, abandon', () => {
  test('paused time counts for no step and not in the total', () => {
    const {session, clock} = start()
    clock.advance(1000)
    session.pause()
    expect(session.status).toBe('paused')
    clock.advance(60_000)
    expect(session.elapsed()).toBe(1000)
    expect(session.elapsed('a')).toBe(1000)
    expect(() => session.complete(0)).toThrow(/session is paused; call resume\(\) first/)
    session.addNote('still allowed while paused')
    session.resume()
    clock.advance(500)
    expect(session.elapsed('a')).toBe(1500)
    expect(session.elapsed()).toBe(1500)
    expect(() => session.resume()).toThrow(/not paused/)
  })

  test('finish: progress 100, the current step done, nothing more allowed', () => {
    const {session, clock} = start()
    session.complete('b')
    clock.advance(3000)
    session.finish()
    expect(session.status).toBe('finished')
    expect(session.progress()).toEqual({done: 2, remaining: 0, percent: 100})
    expect(session.stepProgress('b')).toMatchObject({completedAt: clock.now(), elapsedMs: 3000})
    expect(session.endedAt).toBe(clock.now())
    expect(session.canGoBack).toBe(false)
    for (const op of [() => session.complete(), () => session.addNote('x'), () => session.back(), () => session.finish(), () => session.abandon()]) {
      expect(op).toThrow(/session is finished/)
    }
    clock.advance(99_000)
    expect(session.elapsed()).toBe(3000)
  })

  test('abandon keeps progress where it was and the reason', () => {
    const {session} = start()
    session.complete('c')
    const before = session.progress()
    session.abandon('  wrong runbook ')
    expect(session.status).toBe('abandoned')
    expect(session.progress()).toEqual(before)
    expect(session.events.at(-1)).toMatchObject({type: 'abandon', step: 'c', reason: 'wrong runbook'})
    expect(() => session.setParam('a', 'b')).toThrow(/session is abandoned/)
  })

  test('a session can be abandoned or finished while paused', () => {
    const one = start().session.pause()
    one.finish()
    expect(one.status).toBe('finished')
    const two = start().session.pause()
    two.abandon()
    expect(two.status).toBe('abandoned')
  })
})

describe('time', () => {
  test('elapsed per step and in total follows the clock', () => {
    const {session, clock} = start()
    clock.advance(4000)
    session.complete('b')
    clock.advance(1500)
    expect(session.elapsed('a')).toBe(4000)
    expect(session.elapsed('b')).toBe(1500)
    expect(session.elapsed('never')).toBe(0)
    expect(session.elapsed()).toBe(5500)
  })

  test('the log never goes back in time, even when the clock does', () => {
    const {session, clock} = start()
    clock.advance(10_000)
    session.addNote('later')
    clock.advance(-20_000)
    session.addNote('clock went back')
    clock.set(Number.NaN)
    session.addNote('clock broke')
    const times = session.events.map((e) => e.at)
    expect(times).toEqual([...times].sort((x, y) => x - y))
    expect(times.at(-1)).toBe(session.startedAt + 10_000)
  })
})

describe('progress', () => {
  test('counts the longest way left, so a branch that skips steps jumps forward', () => {
    const {session} = start()
    expect(session.progress()).toEqual({done: 0, remaining: 4, percent: 0})
    session.complete('b')
    expect(session.progress()).toEqual({done: 1, remaining: 2, percent: 33})
    session.back().complete('c')
    expect(session.progress()).toEqual({done: 1, remaining: 3, percent: 25})
    session.complete()
    expect(session.progress()).toEqual({done: 2, remaining: 2, percent: 50})
    session.complete()
    expect(session.progress()).toEqual({done: 3, remaining: 1, percent: 75})
    session.complete()
    expect(session.progress()).toEqual({done: 4, remaining: 0, percent: 100})
  })

  test('is below 100 at an end step until the session finishes', () => {
    const {session} = start(makeRunbook([{id: 'x'}, {id: 'y'}]))
    session.complete()
    expect(session.progress().percent).toBe(50)
    session.complete()
    expect(session.progress().percent).toBe(100)
  })

  test('stays finite on a graph with loops', () => {
    const runbook = makeRunbook([
      {id: 'a', to: ['b']},
      {id: 'b', to: ['a', 'c']},
      {id: 'c', end: true}
    ])
    const {session} = start(runbook)
    expect(session.progress()).toEqual({done: 0, remaining: 3, percent: 0})
    session.complete().complete('a')
    expect(session.progress()).toEqual({done: 2, remaining: 3, percent: 40})
  })
})

describe('subscribe', () => {
  test('tells listeners about each event until they stop listening', () => {
    const {session} = start()
    const seen: string[] = []
    const stop = session.subscribe((event, s) => seen.push(`${event.type}@${s.current.id}`))
    session.addNote('one').complete('b')
    stop()
    session.addNote('two')
    expect(seen).toEqual(['note@a', 'complete@b'])
    expect(() => session.subscribe('nope' as never)).toThrow(/subscribe expects a function/)
  })
})

describe('toJSON', () => {
  test('is plain JSON with the format, version and runbook hash', () => {
    const {session, runbook} = start()
    session.check('dashboard-opened').complete('b')
    const saved = session.toJSON()
    expect(saved).toMatchObject({
      format: 'runbook-kit/session',
      version: 1,
      id: 'session-1',
      runbook: {id: runbook.id, hash: runbook.hash, title: runbook.title},
      status: 'active',
      current: 'b',
      path: ['a', 'b'],
      params: {},
      secretParams: []
    })
    expect(saved.steps.a).toEqual({title: 'Check', visits: 1, elapsedMs: 0, completedAt: session.startedAt, choice: 'to b', checked: ['dashboard-opened']})
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved)
    expect(saved).not.toHaveProperty('orphaned')
  })

  test('returns copies: changing them does not change the session', () => {
    const {session} = start()
    const saved = session.toJSON()
    saved.path.push('zz')
    saved.steps.a!.checked.push('x')
    ;(session.events as SessionEvent[])[0]!.at = -1
    expect(session.path).toEqual(['a'])
    expect(session.toJSON().steps.a!.checked).toEqual([])
    expect(session.events[0]!.at).toBe(session.startedAt)
  })
})
