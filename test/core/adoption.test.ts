/**
 * What a new user trips on first: taking a `Choice` object, misuse messages
 * that name the library and quote the value, a missing file that fails.
 */
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {createSession, formatOutline, parseRunbook, renderTimeline, timelineToJSON, toMermaid} from '@runbook-kit/core'
import {loadRunbook, loadRunbooks} from '@runbook-kit/core/node'

const markdown = '# Disk\n\n## Check {#check}\n\n- Full: [clean](#clean)\n- Fine: [done](#done)\n\n## Clean {#clean}\n\nx\n\n## Done {#done}\n\ny\n'

describe('session.complete', () => {
  it('accepts a Choice object from choices()', () => {
    const session = createSession(parseRunbook(markdown).runbook)
    const [full, fine] = session.choices()
    session.complete(fine!)
    expect(session.current.id).toBe('done')
    session.back()
    session.complete({...full!})
    expect(session.current.id).toBe('clean')
    expect(session.stepProgress('check')?.choice).toBe('Full')
  })

  it('refuses a Choice of another step, leaving the session unchanged', () => {
    const session = createSession(parseRunbook(markdown).runbook)
    const stale = session.choices()[0]!
    session.complete(stale)
    expect(() => session.complete({...stale, index: 0})).toThrow(/^runbook-kit: step "clean" has no choice/)
    expect(session.current.id).toBe('clean')
  })
})

describe('misuse messages are runbook-kit: TypeErrors quoting the value', () => {
  it.each([
    ['parseRunbook(undefined)', () => parseRunbook(undefined as never), /^runbook-kit: parseRunbook expects Markdown text \(a string\), not undefined$/],
    ['renderTimeline({})', () => renderTimeline({} as never), /^runbook-kit: renderTimeline expects a session from createSession or restoreSession, not \{\}$/],
    ['timelineToJSON(null)', () => timelineToJSON(null as never), /^runbook-kit: timelineToJSON expects a session .*, not null$/],
    ['toMermaid(null)', () => toMermaid(null as never), /^runbook-kit: toMermaid expects a parsed runbook \(with steps\), not null$/],
    ['formatOutline({title})', () => formatOutline({title: 'x'} as never), /^runbook-kit: formatOutline expects a parsed runbook \(with steps\), not \{"title":"x"\}$/]
  ])('%s', (_, call, message) => {
    expect(call).toThrow(TypeError)
    expect(call).toThrow(message)
  })

  it('loadRunbooks(42) and loadRunbook(undefined)', async () => {
    await expect(loadRunbooks(42 as never)).rejects.toThrow(
      new TypeError('runbook-kit: loadRunbooks expects a path or an array of paths (non-empty strings), not 42')
    )
    await expect(loadRunbook(undefined as never)).rejects.toThrow(/^runbook-kit: loadRunbook expects a file path \(a string\), not undefined$/)
  })
})

describe('loadRunbook', () => {
  it('rejects for a missing file, naming it, like reading a missing file does', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'runbook-load-'))
    const error = await loadRunbook('missing.md', {cwd}).then(
      () => undefined,
      (reason: unknown) => reason as Error & {code?: string}
    )
    expect(error).toBeInstanceOf(Error)
    expect(error!.message).toBe('runbook-kit: cannot read missing.md: file not found')
    expect(error!.code).toBe('ENOENT')
  })

  it('loadRunbooks still reports a missing path as an invalid-input diagnostic', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'runbook-load-'))
    const loaded = await loadRunbooks(['missing.md'], {cwd})
    expect(loaded.runbooks).toEqual([])
    expect(loaded.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([['invalid-input', 'No such file or folder: missing.md']])
  })
})
