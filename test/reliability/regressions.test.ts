/**
 * Bugs the fuzzer found, each kept as a named test with the shrunk input.
 */
import {createCollection, createSession, parseRunbook, restoreSession} from '@runbook-kit/core'
import {describe, expect, test} from 'vitest'
import {expectSound, parseSound, readSource} from './invariants.js'

describe('anchors named like Object.prototype members', () => {
  test.each(['constructor', 'isPrototypeOf', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])(
    '"Go to [x](#%s)" with no such step is a dangling link, not an edge to a function',
    (anchor) => {
      const markdown = `# T\n\n## Step 1: Check\n\nGo to [restart](#${anchor}).\n\n## Step 2: Other\n\nText.\n`
      const {runbook, diagnostics} = parseSound(markdown)
      expect(runbook.steps[0]!.edges).toEqual([{kind: 'next', to: 'step-2-other'}])
      expect(diagnostics.map((d) => d.ruleId)).toContain('dangling-link')
    }
  )

  test('a step titled "constructor" is a real target', () => {
    const markdown = '# T\n\n## Step 1: a\n\nGo to [c](#constructor).\n\n## Step 2: b\n\nx\n\n## constructor {#constructor}\n\nDone. End of runbook.\n'
    const {runbook} = parseSound(markdown)
    expect(runbook.steps[0]!.edges).toEqual([{kind: 'goto', rule: 'go-to-sentence', to: 'constructor'}])
  })

  test('a heading "__proto__" inside a step does not change the anchors object', () => {
    const markdown = '# T\n\n## Step 1: a\n\n### `__proto__`\n\n### constructor\n\nText.\n'
    const {runbook} = parseSound(markdown)
    expect(Object.getPrototypeOf(runbook.anchors)).toBe(Object.prototype)
    expect(runbook.anchors).toEqual({constructor: 'step-1-a'})
  })

  test('a collection resolves "other.md#constructor" to nothing, not to a function', () => {
    const collection = createCollection([
      {markdown: '# A\n\n## Step 1: a\n\nGo to [other](other.md#constructor).\n', file: 'runbooks/a.md'},
      {markdown: '# Other\n\n## Step 1: b\n\nText.\n', file: 'runbooks/other.md'}
    ])
    const edge = collection.runbooks[0]!.steps[0]!.edges[0]
    expect(typeof edge?.to === 'string' || edge?.to === undefined).toBe(true)
    expect(JSON.parse(JSON.stringify(collection.runbooks))).toEqual(collection.runbooks)
    expect(collection.diagnostics.map((d) => d.ruleId)).toContain('dangling-link')
  })
})

describe('empty ids', () => {
  test('`id: ""` in the frontmatter falls back to the file name', () => {
    const {runbook} = parseSound('---\nid: ""\n---\n# Printer\n\nText.\n', {file: 'runbooks/printer.md'})
    expect(runbook.id).toBe('printer')
  })

  test('`id: "  "` without a file falls back to the title', () => {
    const {runbook} = parseSound('---\nid: "  "\n---\n# Printer jam\n\nText.\n')
    expect(runbook.id).toBe('printer-jam')
  })

  test('an empty `id` option is no id', () => {
    const markdown = ''
    const result = parseRunbook(markdown, {id: ''})
    expectSound(result, readSource(markdown))
    expect(result.runbook.id).toBe('untitled-runbook')
  })
})

describe('sessions on generated runbooks', () => {
  // Found by the session fuzz: restore merged repeats of one step in a row, so
  // a step that loops to itself restored with a shorter path and a lower
  // percentage (fixed in session/restore.ts).
  test('a step that loops to itself restores with the same path and progress', () => {
    const {runbook} = parseSound('# Retry\n\n## Step 1: Try\n\nText.\n\n## Step 2: Again\n\n- It failed: [try again](#step-2-again)\n- It worked: [done](#done)\n\n## Done {#done}\n\nEnd of runbook.\n')
    let clock = 0
    const now = () => (clock += 1000)
    const session = createSession(runbook, {now})
    session.complete()
    session.complete(0)
    expect(session.path).toEqual(['step-1-try', 'step-2-again', 'step-2-again'])
    const restored = restoreSession(runbook, JSON.parse(JSON.stringify(session.toJSON())), {now})
    expect(restored.path).toEqual(session.path)
    expect(restored.progress()).toEqual(session.progress())
  })
})
