import {describe, expect, test} from 'vitest'
import {createSession, parseRunbook, restoreSession, type Runbook, type SavedSession} from '@runbook-kit/core'
import {counterIds, makeRunbook, manualClock} from './helpers.js'

const sections = {
  find: `## Step 1: Find the big files

- [ ] Checked /var/log
- [ ] Checked /tmp

\`\`\`sh
du -sh /var/* <mount>
\`\`\`
`,
  rotate: `## Step 2: Rotate the logs

\`\`\`sh
logrotate -f /etc/logrotate.conf
\`\`\`
`,
  clean: `## Step 3: Clean the temp folder

Remove files older than a week.
`,
  confirm: `## Step 4: Confirm free space

\`\`\`sh
df -h <mount>
\`\`\`
`
}

const head = '---\ntitle: Disk full\nid: disk-full\n---\n\n# Disk full\n\n'
const parse = (...parts: string[]): Runbook => parseRunbook(head + parts.join('\n')).runbook
const original = () => parse(sections.find, sections.rotate, sections.clean, sections.confirm)

const FIND = 'step-1-find-the-big-files'
const ROTATE = 'step-2-rotate-the-logs'
const CLEAN = 'step-3-clean-the-temp-folder'
const CONFIRM = 'step-4-confirm-free-space'

/** A session on the original runbook: steps 1 and 2 done, at step 3 with a note. */
function savedOnOriginal(): {saved: SavedSession; clock: ReturnType<typeof manualClock>} {
  const clock = manualClock()
  const session = createSession(original(), {now: clock.now, id: counterIds(), info: {who: 'sam'}})
  clock.advance(1000)
  session.check('checked-varlog').check('checked-tmp').setParam('mount', '/data')
  clock.advance(1000)
  session.complete()
  clock.advance(2000)
  session.recordCommand({command: 'logrotate -f /etc/logrotate.conf', exitCode: 0})
  session.complete()
  clock.advance(500)
  session.addNote('tmp is 40 GB')
  return {saved: JSON.parse(JSON.stringify(session.toJSON())), clock}
}

describe('restoreSession onto the same runbook', () => {
  test('gives back an equal session and an empty report', () => {
    const {saved, clock} = savedOnOriginal()
    const session = restoreSession(original(), saved, {now: clock.now})
    expect(session.toJSON()).toEqual(saved)
    expect(session.report).toEqual({
      restored: true,
      changed: false,
      savedHash: saved.runbook.hash,
      currentHash: saved.runbook.hash,
      kept: [FIND, ROTATE, CLEAN],
      orphaned: [],
      droppedItems: [],
      pathRemoved: [],
      problems: []
    })
    expect(session.current.id).toBe(CLEAN)
    expect(session.elapsed(CLEAN)).toBe(500)
    session.complete()
    expect(session.current.id).toBe(CONFIRM)
  })

  test('accepts the saved state as JSON text', () => {
    const {saved, clock} = savedOnOriginal()
    expect(restoreSession(original(), JSON.stringify(saved), {now: clock.now}).toJSON()).toEqual(saved)
  })
})

describe('restoreSession keeps the path as taken', () => {
  test('a step that loops to itself stays twice on the path', () => {
    const runbook = makeRunbook([{id: 'retry', to: ['retry', 'done']}, {id: 'done', end: true}])
    const clock = manualClock()
    const session = createSession(runbook, {now: clock.now})
    session.complete('retry').complete('retry')
    expect(session.path).toEqual(['retry', 'retry', 'retry'])
    const restored = restoreSession(runbook, JSON.parse(JSON.stringify(session.toJSON())), {now: clock.now})
    expect(restored.path).toEqual(['retry', 'retry', 'retry'])
    expect(restored.progress()).toEqual(session.progress())
    expect(restored.toJSON()).toEqual(session.toJSON())
    restored.back()
    expect(restored.path).toEqual(['retry', 'retry'])
  })
})

describe('restoreSession onto an edited runbook', () => {
  test('a removed step: its progress is orphaned and reported, the rest kept', () => {
    const {saved, clock} = savedOnOriginal()
    const edited = parse(sections.find, sections.clean, sections.confirm)
    const session = restoreSession(edited, saved, {now: clock.now})
    const report = session.report!
    expect(report.restored).toBe(true)
    expect(report.changed).toBe(true)
    expect(report.kept).toEqual([FIND, CLEAN])
    expect(report.orphaned).toEqual([{step: ROTATE, progress: saved.steps[ROTATE]}])
    expect(report.pathRemoved).toEqual([ROTATE])
    expect(report.currentMoved).toBeUndefined()
    expect(report.problems).toEqual([
      `1 step(s) with progress are no longer in the runbook: "${ROTATE}"; their progress is kept in the saved state's "orphaned" section.`
    ])
    expect(session.current.id).toBe(CLEAN)
    expect(session.path).toEqual([FIND, CLEAN])
    expect(session.stepProgress(FIND)!.checked).toEqual(['checked-varlog', 'checked-tmp'])
    const again = session.toJSON()
    expect(again.orphaned).toEqual({[ROTATE]: saved.steps[ROTATE]})
    expect(again.steps[ROTATE]).toBeUndefined()
    // The log is history: events about the removed step stay in it.
    expect(again.events).toEqual(saved.events)
    expect(again.runbook.hash).toBe(edited.hash)
  })

  test('orphaned progress comes back when the step does, even after another save', () => {
    const {saved, clock} = savedOnOriginal()
    const onEdited = restoreSession(parse(sections.find, sections.clean, sections.confirm), saved, {now: clock.now}).toJSON()
    const back = restoreSession(original(), onEdited, {now: clock.now})
    expect(back.report!.kept).toEqual([FIND, CLEAN, ROTATE])
    expect(back.report!.orphaned).toEqual([])
    expect(back.stepProgress(ROTATE)).toEqual(saved.steps[ROTATE])
    expect(back.toJSON().orphaned).toBeUndefined()
  })

  test('a renamed step gets a new id: its progress is orphaned, not moved onto the new step', () => {
    const {saved, clock} = savedOnOriginal()
    const renamed = sections.rotate.replace('Rotate the logs', 'Rotate and compress the logs')
    const session = restoreSession(parse(sections.find, renamed, sections.clean, sections.confirm), saved, {now: clock.now})
    const report = session.report!
    expect(report.kept).toEqual([FIND, CLEAN])
    expect(report.orphaned).toEqual([{step: ROTATE, progress: saved.steps[ROTATE]}])
    expect(session.stepProgress('step-2-rotate-and-compress-the-logs')).toBeUndefined()
    expect(session.path).toEqual([FIND, CLEAN])
    expect(session.current.id).toBe(CLEAN)
  })

  test('renaming the current step moves the session back to the last step that still exists', () => {
    const {saved, clock} = savedOnOriginal()
    const renamed = sections.clean.replace('Clean the temp folder', 'Clean temporary files')
    const session = restoreSession(parse(sections.find, sections.rotate, renamed, sections.confirm), saved, {now: clock.now})
    const report = session.report!
    expect(report.currentMoved).toEqual({from: CLEAN, to: ROTATE})
    expect(report.orphaned.map((o) => o.step)).toEqual([CLEAN])
    expect(report.pathRemoved).toEqual([CLEAN])
    expect(report.problems).toContain(`The current step "${CLEAN}" is no longer in the runbook; the session continues at "${ROTATE}".`)
    expect(session.current.id).toBe(ROTATE)
    expect(session.path).toEqual([FIND, ROTATE])
    // The note written on the renamed step is still in the log and in the timeline's history.
    expect(session.events.filter((e) => e.type === 'note')).toEqual([{type: 'note', at: saved.events.at(-1)!.at, step: CLEAN, text: 'tmp is 40 GB'}])
  })

  test('a step whose explicit id changed but whose title did not is offered as a candidate', () => {
    const runbook = makeRunbook([{id: 'one', title: 'One'}, {id: 'two', title: 'Two'}, {id: 'three', title: 'Three'}])
    const clock = manualClock()
    const session = createSession(runbook, {now: clock.now})
    session.complete().complete()
    const edited = makeRunbook([{id: 'one', title: 'One'}, {id: 'second', title: 'Two'}, {id: 'three', title: 'Three'}])
    const report = restoreSession(edited, session.toJSON(), {now: clock.now}).report!
    expect(report.orphaned).toEqual([{step: 'two', progress: session.toJSON().steps.two, candidate: 'second'}])
  })

  test('reordered steps keep all their progress', () => {
    const {saved, clock} = savedOnOriginal()
    const session = restoreSession(parse(sections.find, sections.clean, sections.rotate, sections.confirm), saved, {now: clock.now})
    const report = session.report!
    expect(report.changed).toBe(true)
    expect(report.kept).toEqual([FIND, ROTATE, CLEAN])
    expect(report.orphaned).toEqual([])
    expect(report.pathRemoved).toEqual([])
    expect(report.problems).toEqual([])
    expect(session.current.id).toBe(CLEAN)
    expect(session.path).toEqual([FIND, ROTATE, CLEAN])
    const {runbook: _a, ...rest} = session.toJSON()
    const {runbook: _b, ...savedRest} = saved
    expect(rest).toEqual(savedRest)
    // The new order decides where the session goes next.
    session.complete()
    expect(session.current.id).toBe(ROTATE)
  })

  test('a removed checklist item is reported and its tick kept in the orphaned section', () => {
    const {saved, clock} = savedOnOriginal()
    const fewer = sections.find.replace('- [ ] Checked /tmp\n', '')
    const session = restoreSession(parse(fewer, sections.rotate, sections.clean, sections.confirm), saved, {now: clock.now})
    expect(session.report!.droppedItems).toEqual([{step: FIND, item: 'checked-tmp'}])
    expect(session.report!.orphaned).toEqual([])
    expect(session.stepProgress(FIND)!.checked).toEqual(['checked-varlog'])
    expect(session.toJSON().orphaned).toEqual({[FIND]: {...saved.steps[FIND], checked: ['checked-tmp']}})
    const back = restoreSession(original(), session.toJSON(), {now: clock.now})
    expect(back.stepProgress(FIND)!.checked).toEqual(['checked-varlog', 'checked-tmp'])
    expect(back.toJSON().orphaned).toBeUndefined()
  })

  test('every step gone: the session continues at the start and everything is orphaned', () => {
    const {saved, clock} = savedOnOriginal()
    const other = makeRunbook([{id: 'x'}, {id: 'y'}], {id: 'disk-full'})
    const session = restoreSession(other, saved, {now: clock.now})
    expect(session.current.id).toBe('x')
    expect(session.path).toEqual(['x'])
    expect(session.report!.orphaned.map((o) => o.step)).toEqual([FIND, ROTATE, CLEAN])
    expect(session.report!.currentMoved).toEqual({from: CLEAN, to: 'x'})
    expect(Object.keys(session.toJSON().orphaned!)).toEqual([FIND, ROTATE, CLEAN])
    expect(session.status).toBe('active')
  })
})

describe('restoreSession never throws', () => {
  const runbook = makeRunbook([{id: 'x'}, {id: 'y'}])
  const clock = manualClock()

  test.each([
    ['null', null, 'not a Runbook Kit session'],
    ['a number', 42, 'not a Runbook Kit session'],
    ['broken JSON text', '{"format": ', 'not valid JSON'],
    ['another format', {format: 'other'}, 'not a Runbook Kit session'],
    ['a newer version', {format: 'runbook-kit/session', version: 2}, 'has version 2']
  ])('%s: a fresh session and a report that keeps the input', (_name, input, problem) => {
    const session = restoreSession(runbook, input, {now: clock.now, id: () => 'fresh'})
    expect(session.report!.restored).toBe(false)
    expect(session.report!.problems[0]).toContain(problem)
    expect(session.report!.unreadable).toEqual(input)
    expect(session.id).toBe('fresh')
    expect(session.current.id).toBe('x')
    expect(session.status).toBe('active')
  })

  test('damaged fields are repaired and said so', () => {
    const session = restoreSession(
      runbook,
      {
        format: 'runbook-kit/session',
        version: 1,
        id: 'old',
        runbook: {id: 'some-other-runbook', hash: 'h'},
        status: 'exploded',
        startedAt: 1000,
        current: 42,
        path: ['x', 7, 'x', 'y'],
        steps: {x: {title: 5, visits: 'many', checked: 'no'}, y: null},
        params: {a: 'b', c: 3},
        events: [{type: 'start', at: 1000, step: 'x'}, {type: 'note', at: 500, step: 'x', text: 'early'}, 'junk', {type: 'warp', at: 2}]
      },
      {now: clock.now}
    )
    const report = session.report!
    expect(report.restored).toBe(true)
    expect(report.problems).toEqual([
      'The state was saved for runbook "some-other-runbook", not "hand-built".',
      'An event (note) was earlier than the one before it; its time was moved forward.',
      '2 unreadable event(s) in the saved log were skipped.',
      'The saved state names no current step; the session continues at "y".'
    ])
    expect(session.status).toBe('active')
    expect(session.path).toEqual(['x', 'x', 'y'])
    expect(session.current.id).toBe('y')
    expect(session.params()).toEqual({a: 'b'})
    expect(session.stepProgress('x')).toEqual({title: 'x', visits: 0, elapsedMs: 0, checked: []})
    expect(session.events.map((e) => e.at)).toEqual([1000, 1000])
  })

  test('secret values can be handed back on restore, in memory only', () => {
    const rb = makeRunbook([{id: 'x', commands: ['login <token>'], end: true}], {params: [{name: 'token', declared: true, secret: true}]})
    const first = createSession(rb, {now: clock.now})
    first.setParam('token', 'abc123')
    const saved = first.toJSON()
    expect(JSON.stringify(saved)).not.toContain('abc123')
    const without = restoreSession(rb, saved, {now: clock.now})
    expect(without.commands()[0]!.missing).toEqual(['token'])
    const withSecret = restoreSession(rb, saved, {now: clock.now, secrets: {token: 'abc123', notSecret: 'x'}})
    expect(withSecret.commands(null, {reveal: true})[0]!.text).toBe('login abc123')
    expect(withSecret.toJSON()).toEqual(saved)
  })
})
