// @vitest-environment happy-dom
import {html, LitElement} from 'lit'
import {afterEach, describe, expect, it} from 'vitest'
import {DeepLinkController} from '../../packages/widget/src/controllers/deep-link.js'
import {SavedProgressController} from '../../packages/widget/src/controllers/saved-progress.js'
import {TaskController} from '../../packages/widget/src/controllers/task.js'
import {until} from './dom.js'
import {phoneMarkdown, runbookOf} from './fixtures.js'

/** A deferred result per run, released by the test. */
interface Run {
  arg: string
  signal: AbortSignal
  resolve: (value: string) => void
  reject: (error: Error) => void
}

class TaskHost extends LitElement {
  static override properties = {arg: {type: String}}
  declare arg: string
  runs: Run[] = []
  task = new TaskController(this, {
    task: ([arg]: readonly [string], signal: AbortSignal) => new Promise<string>((resolve, reject) => this.runs.push({arg, signal, resolve, reject})),
    args: () => [this.arg] as const
  })

  constructor() {
    super()
    this.arg = 'a'
  }

  override render() {
    return html`${this.task.status}:${this.task.value ?? ''}`
  }
}
customElements.define('test-task-host', TaskHost)

class LinkHost extends LitElement {
  changes = 0
  link = new DeepLinkController(this, {onChange: () => this.changes++})
}
customElements.define('test-link-host', LinkHost)

afterEach(() => {
  document.body.replaceChildren()
  history.replaceState(null, '', '/')
})

describe('TaskController', () => {
  it('runs when its arguments change, aborts the run in flight and drops its result: the latest arguments win', async () => {
    const host = document.body.appendChild(new TaskHost())
    await host.updateComplete
    expect(host.shadowRoot!.textContent).toBe('pending:')
    host.arg = 'b'
    await host.updateComplete
    const [first, second] = host.runs
    expect([first!.arg, second!.arg]).toEqual(['a', 'b'])
    expect(first!.signal.aborted).toBe(true)
    expect(second!.signal.aborted).toBe(false)
    second!.resolve('B')
    await until(() => host.task.status === 'complete')
    first!.resolve('A')
    await host.updateComplete
    expect(host.task.value).toBe('B')
    expect(host.shadowRoot!.textContent).toBe('complete:B')
  })

  it('does not run again for the same arguments; run() runs again on demand; a failure is its error', async () => {
    const host = document.body.appendChild(new TaskHost())
    await host.updateComplete
    host.requestUpdate()
    await host.updateComplete
    expect(host.runs).toHaveLength(1)
    host.runs[0]!.reject(new Error('offline'))
    await until(() => host.task.status === 'error')
    expect((host.task.error as Error).message).toBe('offline')
    void host.task.run()
    expect(host.runs).toHaveLength(2)
    expect(host.task.status).toBe('pending')
    host.runs[1]!.resolve('ok')
    await until(() => host.task.status === 'complete')
    expect(host.task.error).toBeUndefined()
  })
})

describe('DeepLinkController', () => {
  it('reads, writes and clears #<runbook>/<step> without new history entries, and reports hash changes while connected', async () => {
    const host = document.body.appendChild(new LinkHost())
    await host.updateComplete
    expect(host.link.read()).toBeUndefined()
    const length = history.length
    host.link.write('disk full', 'step/2')
    expect(location.hash).toBe('#disk%20full/step%2F2')
    expect(history.length).toBe(length)
    expect(host.link.read()).toEqual({runbookId: 'disk full', stepId: 'step/2'})
    expect(host.link.stepFor('disk full')).toBe('step/2')
    expect(host.link.stepFor('other')).toBeUndefined()
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    expect(host.changes).toBe(1)
    host.link.clear()
    expect(location.hash).toBe('')
    history.replaceState(null, '', '#main')
    host.link.clear()
    expect(location.hash).toBe('#main')
    host.remove()
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    expect(host.changes).toBe(1)
  })
})

describe('SavedProgressController', () => {
  it('finding an older version\'s progress removes nothing; forgetMoved removes it once the caller has saved', async () => {
    localStorage.clear()
    const old = runbookOf(phoneMarkdown)
    const edited = runbookOf(phoneMarkdown.replace('Look at the phone', 'Look closely at the phone'))
    const oldKey = `runbook-kit:widget:v1:desk-phone@${old.hash}`
    const host = document.createElement('test-link-host') as LinkHost
    document.body.append(host)
    const {createSession} = await import('../../packages/core/src/session/index.js')
    localStorage.setItem(oldKey, JSON.stringify(createSession(old).toJSON()))
    const progress = new SavedProgressController(host, {enabled: () => true, session: () => undefined, onSaveError: () => undefined})
    const found = await progress.find(edited)
    expect(found.moved).toBe(true)
    expect(found.saved).toBeDefined()
    // An open that is aborted now, or cannot restore it, has lost nothing.
    expect(localStorage.getItem(oldKey)).not.toBeNull()
    progress.forgetMoved(found)
    await until(() => localStorage.getItem(oldKey) === null)
  })
})
