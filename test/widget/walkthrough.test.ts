// @vitest-environment happy-dom
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import '../../packages/widget/src/components/walkthrough/walkthrough.js'
import type {RunbookWalkthrough} from '../../packages/widget/src/components/walkthrough/walkthrough.component.js'
import type {
  RunbookCompleteDetail,
  RunbookEscalateDetail,
  RunbookStepChangeDetail
} from '../../packages/widget/src/internal/events.js'
import {clearLibraryCache} from '../../packages/widget/src/internal/library.js'
import {bundleJson, phoneMarkdown, runbookOf} from './fixtures.js'
import {$, $$, button, mount, record, settle, until} from './dom.js'

const phone = runbookOf(phoneMarkdown)
const storageKey = `runbook-kit:widget:v1:desk-phone@${phone.hash}`

async function walkthrough(props: Record<string, unknown> = {runbook: phone}, attributes: Record<string, string> = {}) {
  const element = await mount<RunbookWalkthrough>('runbook-walkthrough', props, attributes)
  await until(() => element.session)
  await settle(element)
  return element
}

const stepTitle = (element: Element) => $(element, '#step-title')?.textContent?.trim()

/** Type `value` into the walkthrough's field for parameter `name`, and commit it (change). */
async function typeParam(element: RunbookWalkthrough, name: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(element, `[part=params] input[name=${name}]`)!
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
  await settle(element)
}

beforeEach(() => {
  localStorage.clear()
  clearLibraryCache()
  history.replaceState(null, '', '/')
})

afterEach(() => {
  document.body.replaceChildren()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('<runbook-walkthrough>', () => {
  it('is registered and typed in HTMLElementTagNameMap', () => {
    const element: RunbookWalkthrough = document.createElement('runbook-walkthrough')
    expect(customElements.get('runbook-walkthrough')).toBe(element.constructor)
  })

  it('renders nothing to do without a runbook', async () => {
    const element = await mount<RunbookWalkthrough>('runbook-walkthrough')
    expect(element.session).toBeUndefined()
    expect($(element, '[part~=step]')).toBeNull()
  })

  it('shows the runbook: title, badges, description, progress, outline and the first step', async () => {
    const element = await walkthrough()
    expect($(element, '[part=title]')?.textContent).toBe('Desk phone has no dial tone')
    expect($$(element, '[part=badge]').map((b) => b.textContent)).toEqual(['Troubleshooting', 'tier-1', 'end-user'])
    expect($(element, '.description')?.textContent).toBe('Get a desk phone working again.')
    expect(stepTitle(element)).toBe('1. Check the display')
    const progress = $<HTMLProgressElement>(element, 'progress')!
    expect(progress.value).toBe(0)
    expect($(element, '.progress-text')?.textContent).toMatch(/^Step 1 of \d+$/)
    const outline = $$(element, '[part=outline-item]')
    expect(outline.map((li) => li.textContent?.trim())).toEqual(['Check the display', 'Check power', 'Check the handset', 'Resolved'])
    expect(outline[0]!.querySelector('button')!.getAttribute('aria-current')).toBe('step')
  })

  it('offers a decision as buttons, hides the choice list, and follows the choice taken', async () => {
    const element = await walkthrough()
    const steps = record<RunbookStepChangeDetail>('runbook-step-change')
    const choices = $$(element, '[part~=choice]')
    expect(choices.map((c) => c.textContent?.replace('→', '').trim())).toEqual(['It shows the extension', 'It is dark'])
    expect($$(element, '[part=content] li')).toHaveLength(0)
    button(element, 'It is dark').click()
    await settle(element)
    expect(stepTitle(element)).toBe('2. Check power')
    expect(steps.events.map((e) => e.detail)).toEqual([
      {runbookId: 'desk-phone', stepId: 'power', previousStepId: 'display', cause: 'complete', percent: expect.any(Number)}
    ])
    expect(steps.events[0]!.bubbles && steps.events[0]!.composed).toBe(true)
    steps.stop()
  })

  it('ticks checklist items into the session', async () => {
    const element = await walkthrough()
    button(element, 'It is dark').click()
    await settle(element)
    const box = $<HTMLInputElement>(element, '[part=checklist-item] input')!
    box.checked = true
    box.dispatchEvent(new Event('change'))
    await settle(element)
    expect(element.session!.isChecked('port-light-is-on')).toBe(true)
    expect($<HTMLInputElement>(element, '[part=checklist-item] input')!.checked).toBe(true)
  })

  it('fills parameters into commands as they are typed, and records them on change', async () => {
    const element = await walkthrough()
    button(element, 'It shows the extension').click()
    await settle(element)
    expect(stepTitle(element)).toBe('3. Check the handset')
    expect($(element, '[part~=param-missing]')?.textContent).toBe('‹extension›')
    const input = $<HTMLInputElement>(element, '[part=params] input[name=extension]')!
    input.value = '4021'
    input.dispatchEvent(new Event('input'))
    await settle(element)
    expect($(element, 'mark.param')?.textContent).toBe('4021')
    input.dispatchEvent(new Event('change'))
    await settle(element)
    expect(element.session!.params()).toEqual({extension: '4021'})
  })

  it('fills every spelling of a parameter, as the session fills the command', async () => {
    const runbook = runbookOf(`---
title: Restart a pod
id: restart-pod
---

# Restart a pod

## Step 1: Delete it

\`\`\`sh
kubectl delete pod <Pod Name> && kubectl get pod $POD_NAME $HOME
\`\`\`

## Step 2: Verify

Check it is back.
`)
    const element = await walkthrough({runbook})
    expect(runbook.params.map((param) => param.name)).toEqual(['pod_name'])
    expect($$(element, '[part~=param-missing]').map((mark) => mark.textContent)).toEqual(['‹pod_name›', '‹pod_name›'])
    await typeParam(element, 'pod_name', 'web-1')
    expect($(element, '[part=code] pre')?.textContent).toBe('kubectl delete pod web-1 && kubectl get pod web-1 $HOME')
    expect(element.session!.commands()[0]!.text).toBe('kubectl delete pod web-1 && kubectl get pod web-1 $HOME')
  })

  it('leaves a variable as written where the parser did not read it as the parameter, as the session does', async () => {
    const runbook = runbookOf(`---
title: Move the app
id: move-app
---

# Move the app

## Step 1: List it

\`\`\`sh
ls <home>
\`\`\`

## Step 2: Go home

\`\`\`sh
cd $HOME && ls
\`\`\`

Settings to paste:

\`\`\`yaml
root: <home>
\`\`\`
`)
    const element = await walkthrough({runbook})
    await typeParam(element, 'home', '/srv/app')
    expect($(element, '[part=code] pre')?.textContent).toBe('ls /srv/app')
    button(element, 'Done, next step').click()
    await settle(element)
    expect(element.session!.current.title).toBe('Go home')
    // The command keeps the ambient $HOME (command.params is empty); the YAML, not a command, takes every parameter.
    expect($$(element, '[part=code] pre').map((pre) => pre.textContent)).toEqual(['cd $HOME && ls', 'root: /srv/app'])
    expect(element.session!.commands().map((command) => command.text)).toEqual(['cd $HOME && ls'])
  })

  it('a block that only mentions a command of the step, such as sample output, still fills every parameter', async () => {
    const runbook = runbookOf(`---
title: Check the spooler
id: check-spooler
---

# Check the spooler

## Step 1: Reach it

\`\`\`sh
ping <printer>
\`\`\`

## Step 2: Read its state

Run \`systemctl status spooler\` and compare. Output similar to:

\`\`\`text
spooler on <printer>: active
systemctl status spooler: ok
\`\`\`
`)
    const element = await walkthrough({runbook})
    await typeParam(element, 'printer', 'prn-7')
    button(element, 'Done, next step').click()
    await settle(element)
    expect(element.session!.current.commands.map((command) => command.code)).toContain('systemctl status spooler')
    expect($$(element, '[part=code] pre').map((pre) => pre.textContent)).toEqual(['spooler on prn-7: active\nsystemctl status spooler: ok'])
  })

  it('copies the filled command with the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', {value: {writeText}, configurable: true})
    const element = await walkthrough()
    button(element, 'It shows the extension').click()
    await settle(element)
    button(element, 'Copy').click()
    await settle(element)
    expect(writeText).toHaveBeenCalledWith('ping -c 3 phone-‹extension›.corp.example')
    expect($(element, '[part=copy-button]')?.textContent?.trim()).toBe('Copied')
  })

  it('adds notes to the current step', async () => {
    const element = await walkthrough()
    const field = $<HTMLTextAreaElement>(element, 'textarea[name=note]')!
    field.value = 'Screen dark, LED off'
    $<HTMLFormElement>(element, '[part=notes]')!.requestSubmit()
    await settle(element)
    expect($$(element, '.note-list li').map((li) => li.textContent)).toEqual([expect.stringContaining('Screen dark, LED off')])
    expect(element.session!.events.filter((e) => e.type === 'note')).toHaveLength(1)
    expect(field.value).toBe('')
  })

  it('goes back, and jumps to a step from the outline', async () => {
    const element = await walkthrough()
    expect(button(element, 'Back').disabled).toBe(true)
    button(element, 'It is dark').click()
    await settle(element)
    button(element, 'Back').click()
    await settle(element)
    expect(stepTitle(element)).toBe('1. Check the display')
    $$<HTMLButtonElement>(element, '.outline-button')[2]!.click()
    await settle(element)
    expect(stepTitle(element)).toBe('3. Check the handset')
  })

  it('follows in-runbook links: a link that is a choice takes it', async () => {
    const element = await walkthrough()
    button(element, 'It is dark').click()
    await settle(element)
    const link = $$<HTMLAnchorElement>(element, '[part=content] a').find((a) => a.getAttribute('href') === '#handset')!
    link.click()
    await settle(element)
    expect(stepTitle(element)).toBe('3. Check the handset')
    expect(element.session!.stepProgress('power')?.completedAt).toBeTypeOf('number')
  })

  it('finishes at an end step: runbook-complete with the timeline, then the complete view and export', async () => {
    const element = await walkthrough()
    const completes = record<RunbookCompleteDetail>('runbook-complete')
    button(element, 'It shows the extension').click()
    await settle(element)
    button(element, 'Done, next step').click()
    await settle(element)
    expect(stepTitle(element)).toBe('Resolved')
    button(element, 'Finish').click()
    await settle(element)
    expect(completes.events).toHaveLength(1)
    const detail = completes.events[0]!.detail
    expect(detail.runbookId).toBe('desk-phone')
    expect(detail.stepId).toBe('resolved')
    expect(detail.timeline).toContain('Desk phone has no dial tone')
    expect($(element, '#complete-title')?.textContent).toBe('Runbook complete')
    expect($<HTMLProgressElement>(element, 'progress')!.value).toBe(100)

    const created: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, {createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'), revokeObjectURL: () => {}}))
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    button(element, 'Export timeline').click()
    expect(clicked).toHaveBeenCalledTimes(1)
    expect(created).toHaveLength(1)
    expect(await created[0]!.text()).toContain('Desk phone has no dial tone')
    completes.stop()
  })

  it('offers "Otherwise, finish" beside a loop back in the last step, and finishes there', async () => {
    const drain = runbookOf('# Drain the queue\n\n## Drain {#drain}\n\nStop the consumers.\n\n## Check {#check}\n\n[Drain the queue](#drain) and repeat until it is empty.\n')
    const element = await walkthrough({runbook: drain})
    const completes = record<RunbookCompleteDetail>('runbook-complete')
    button(element, 'Done, next step').click()
    await settle(element)
    expect(stepTitle(element)).toBe('Check')
    expect($$(element, '[part~=choice]').map((c) => c.textContent?.replace('→', '').trim())).toEqual([
      'Drain the queue and repeat until it is empty',
      'Otherwise, finish'
    ])
    button(element, 'Otherwise, finish').click()
    await settle(element)
    expect(completes.events.map((event) => event.detail.stepId)).toEqual(['check'])
    expect($(element, '#complete-title')?.textContent).toBe('Runbook complete')
    completes.stop()
  })

  it('keeps a last list of instructions that hold links: only a list read as choices becomes buttons', async () => {
    const mitigation = runbookOf(
      '# Operator down\n\n## Check {#check}\n\nLook at the pods.\n\n## Mitigation {#mitigation}\n\n- If you see certificate errors, refer to [the certificate article](https://kb.example/cert).\n- If the disk is full, free space as the [disk article](https://kb.example/disk) says.\n'
    )
    const element = await walkthrough({runbook: mitigation})
    button(element, 'Done, next step').click()
    await settle(element)
    expect(stepTitle(element)).toBe('Mitigation')
    expect($$(element, '[part~=choice]').map((c) => c.textContent?.replace('→', '').trim())).toEqual(['If you see certificate errors', 'Otherwise, finish'])
    expect($$(element, '[part=content] li').map((li) => li.textContent?.trim())).toEqual([
      'If you see certificate errors, refer to the certificate article.',
      'If the disk is full, free space as the disk article says.'
    ])
  })

  it('keeps the text of choices offered beside going on (a list of long items is no decision)', async () => {
    const health = runbookOf(
      '# Restart the app\n\n## Is the service healthy?\n\n- Yes: [Verify](#verify). Nothing else to do here, just confirm the dashboards are green.\n- No: [Restart](#restart). This restarts every pod and takes about five minutes.\n\n## Restart {#restart}\n\nRun the restart.\n\n## Verify {#verify}\n\nCheck the status page.\n'
    )
    const element = await walkthrough({runbook: health})
    expect($$(element, '[part~=choice]').length).toBeGreaterThan(1)
    expect($$(element, '[part=content] li').map((li) => li.textContent?.trim().slice(0, 3))).toEqual(['Yes', 'No:'])
  })

  it('escalates with a target and a reason: runbook-escalate and a notice', async () => {
    const element = await walkthrough()
    const escalations = record<RunbookEscalateDetail>('runbook-escalate')
    button(element, 'Escalate').click()
    await settle(element)
    const form = $<HTMLFormElement>(element, '[part=escalation]')!
    ;(form.elements.namedItem('target') as HTMLInputElement).value = 'Voice team'
    ;(form.elements.namedItem('reason') as HTMLTextAreaElement).value = 'Whole floor affected'
    form.requestSubmit()
    await settle(element)
    expect(escalations.events.map((e) => e.detail)).toEqual([
      {runbookId: 'desk-phone', stepId: 'display', reason: 'Whole floor affected', target: {type: 'team', name: 'Voice team'}}
    ])
    expect($(element, '[part=escalation]')).toBeNull()
    expect($$(element, '[part=notice]').map((n) => n.textContent)).toContain('Escalated to Voice team.')
    escalations.stop()
  })

  it('restarts from the first step with progress cleared', async () => {
    const element = await walkthrough()
    button(element, 'It is dark').click()
    await settle(element)
    button(element, 'Restart').click()
    await settle(element)
    expect(stepTitle(element)).toBe('1. Check the display')
    expect(element.session!.path).toEqual(['display'])
  })

  it('saves progress under a namespaced, versioned key with the runbook hash, and resumes it', async () => {
    const first = await walkthrough()
    button(first, 'It is dark').click()
    await settle(first)
    const box = $<HTMLInputElement>(first, '[part=checklist-item] input')!
    box.checked = true
    box.dispatchEvent(new Event('change'))
    await settle(first)
    const saved = JSON.parse(localStorage.getItem(storageKey)!)
    expect(saved.current).toBe('power')
    first.remove()

    const steps = record<RunbookStepChangeDetail>('runbook-step-change')
    const second = await walkthrough()
    expect(stepTitle(second)).toBe('2. Check power')
    expect(second.session!.isChecked('port-light-is-on')).toBe(true)
    expect($$(second, '[part=notice]').map((n) => n.textContent)).toContain('Resumed where you left off: Check power.')
    expect(steps.events[0]!.detail.cause).toBe('resume')
    steps.stop()
  })

  it('two tabs: progress saved in another tab shows a notice, is never overwritten silently, and can be loaded', async () => {
    const mine = await walkthrough()
    // The other tab: the same runbook, walked one step further, then saved (storage events reach only other tabs).
    const other = await walkthrough()
    other.remove()
    button(other, 'It is dark').click()
    await settle(other)
    const theirs = localStorage.getItem(storageKey)!
    expect(JSON.parse(theirs).current).toBe('power')
    window.dispatchEvent(new StorageEvent('storage', {key: 'runbook-kit:widget:v1:something-else@1', newValue: '{}', storageArea: localStorage}))
    await settle(mine)
    expect($$(mine, '[part=notice]')).toHaveLength(0)
    window.dispatchEvent(new StorageEvent('storage', {key: storageKey, oldValue: null, newValue: theirs, storageArea: localStorage}))
    await settle(mine)
    const notice = $(mine, '[part=notice][role=alert]')
    expect(notice?.textContent).toContain('This runbook was updated in another tab.')
    // This tab keeps working, but does not save over the other tab's progress until the user chooses.
    button(mine, 'It shows the extension').click()
    await settle(mine)
    expect(stepTitle(mine)).toBe('3. Check the handset')
    expect(localStorage.getItem(storageKey)).toBe(theirs)
    button(mine, 'Load that progress').click()
    await until(() => stepTitle(mine) === '2. Check power')
    expect(mine.session!.current.id).toBe('power')
    expect($$(mine, '[part=notice]').map((n) => n.textContent).join()).not.toContain('another tab')
  })

  it('two tabs: a save by another tab that this tab has not heard of yet (no storage event) is not overwritten', async () => {
    const mine = await walkthrough()
    // Opening alone writes nothing: a second tab that opens a runbook cannot overwrite the first tab's progress.
    expect(localStorage.getItem(storageKey)).toBeNull()
    button(mine, 'It shows the extension').click()
    await settle(mine)
    expect(JSON.parse(localStorage.getItem(storageKey)!).current).toBe('handset')
    // The other tab saves; its storage event has not arrived here yet.
    const theirs = JSON.stringify({...JSON.parse(localStorage.getItem(storageKey)!), current: 'power'})
    localStorage.setItem(storageKey, theirs)
    button(mine, 'Back').click()
    await settle(mine)
    expect(localStorage.getItem(storageKey)).toBe(theirs)
    expect($(mine, '[part=notice][role=alert]')?.textContent).toContain('This runbook was updated in another tab.')
    expect(stepTitle(mine)).toBe('1. Check the display')
  })

  it('two tabs: a tab that resumes saved progress writes nothing until something changes', async () => {
    const first = await walkthrough()
    button(first, 'It is dark').click()
    await settle(first)
    first.remove()
    // The same state written differently: any write by the widget would make it compact again.
    const saved = JSON.stringify(JSON.parse(localStorage.getItem(storageKey)!), null, 1)
    localStorage.setItem(storageKey, saved)
    const second = await walkthrough()
    expect(stepTitle(second)).toBe('2. Check power')
    expect(localStorage.getItem(storageKey)).toBe(saved)
    button(second, 'Back').click()
    await settle(second)
    expect(localStorage.getItem(storageKey)).not.toBe(saved)
    expect(JSON.parse(localStorage.getItem(storageKey)!).current).toBe('display')
  })

  it('two tabs: storage="none" ignores saves of other tabs', async () => {
    const element = await walkthrough({runbook: phone}, {storage: 'none'})
    window.dispatchEvent(new StorageEvent('storage', {key: storageKey, newValue: '{}', storageArea: localStorage}))
    await settle(element)
    expect($$(element, '[part=notice]')).toHaveLength(0)
    expect(localStorage.length).toBe(0)
  })

  it('two tabs: "Keep this tab\'s progress" saves this tab over the other one', async () => {
    const mine = await walkthrough()
    button(mine, 'It shows the extension').click()
    await settle(mine)
    const saved = JSON.parse(localStorage.getItem(storageKey)!) as {current: string}
    localStorage.setItem(storageKey, JSON.stringify({...saved, current: 'power'}))
    window.dispatchEvent(new StorageEvent('storage', {key: storageKey, newValue: localStorage.getItem(storageKey), storageArea: localStorage}))
    await settle(mine)
    button(mine, 'Keep this tab').click()
    await settle(mine)
    expect(JSON.parse(localStorage.getItem(storageKey)!).current).toBe('handset')
    expect(stepTitle(mine)).toBe('3. Check the handset')
    expect($$(mine, '[part=notice]').map((n) => n.textContent).join()).not.toContain('another tab')
  })

  it('resumes progress saved for an older version of the runbook, with a notice', async () => {
    const first = await walkthrough()
    button(first, 'It is dark').click()
    await settle(first)
    first.remove()
    const edited = runbookOf(phoneMarkdown.replace('Look at the phone', 'Look closely at the phone'))
    expect(edited.hash).not.toBe(phone.hash)
    const second = await walkthrough({runbook: edited})
    expect(stepTitle(second)).toBe('2. Check power')
    expect($$(second, '[part=notice]').map((n) => n.textContent)).toContain(
      'This runbook changed since your last visit; progress on steps that still exist was kept.'
    )
    expect(localStorage.getItem(storageKey)).toBeNull()
    expect(localStorage.getItem(`runbook-kit:widget:v1:desk-phone@${edited.hash}`)).not.toBeNull()
  })

  it('with unreadable storage, still works and says progress will not be kept', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage')
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError')
      }
    })
    let element: RunbookWalkthrough
    try {
      element = await walkthrough()
    } finally {
      if (original) Object.defineProperty(window, 'localStorage', original)
      else delete (window as {localStorage?: Storage}).localStorage
    }
    expect(stepTitle(element)).toBe('1. Check the display')
    expect($(element, '[part=notice]')?.textContent).toContain('Progress cannot be saved')
    button(element, 'It is dark').click()
    await settle(element)
    expect(stepTitle(element)).toBe('2. Check power')
  })

  it('ignores corrupt saved progress and starts fresh', async () => {
    localStorage.setItem(storageKey, '{not json')
    const element = await walkthrough()
    expect(stepTitle(element)).toBe('1. Check the display')
  })

  it('with storage="none" saves nothing', async () => {
    const element = await walkthrough({runbook: phone}, {storage: 'none'})
    button(element, 'It is dark').click()
    await settle(element)
    expect(localStorage.length).toBe(0)
  })

  it('deep-link mirrors the step in the URL hash and follows hash changes', async () => {
    const element = await walkthrough({runbook: phone}, {'deep-link': ''})
    expect(location.hash).toBe('#desk-phone/display')
    button(element, 'It is dark').click()
    await settle(element)
    expect(location.hash).toBe('#desk-phone/power')
    location.hash = '#desk-phone/handset'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    await settle(element)
    expect(stepTitle(element)).toBe('3. Check the handset')
  })

  it('without deep-link leaves the URL alone', async () => {
    const element = await walkthrough()
    button(element, 'It is dark').click()
    await settle(element)
    expect(location.hash).toBe('')
  })

  it('opens at the step of a deep link on load', async () => {
    history.replaceState(null, '', '#desk-phone/handset')
    const element = await walkthrough({runbook: phone}, {'deep-link': ''})
    expect(stepTitle(element)).toBe('3. Check the handset')
  })

  it('loads a runbook by id from a bundle (src + runbook-id)', async () => {
    const fetch = vi.fn(async () => new Response(bundleJson()))
    vi.stubGlobal('fetch', fetch)
    const element = await walkthrough({}, {src: '/runbooks.bundle.json', 'runbook-id': 'restore-share'})
    expect($(element, '[part=title]')?.textContent).toBe('Restore a deleted share folder')
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toMatch(/\/runbooks\.bundle\.json$/)
  })

  it('says so when the bundle has no such runbook, or cannot be loaded', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson())))
    let element = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/b.json', 'runbook-id': 'nope'})
    await until(() => $(element, '[role=alert]'))
    expect($(element, '[role=alert]')?.textContent).toBe('No runbook “nope” in this library.')
    element.remove()
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"format":"something-else"}')))
    element = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/other.json', 'runbook-id': 'desk-phone'})
    await until(() => $(element, '[role=alert]'))
    expect($(element, '[role=alert]')?.textContent).toMatch(/^The runbooks could not be loaded \(.*format.*\)\.$/)
    element.remove()
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', {status: 404})))
    element = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/missing.json', 'runbook-id': 'desk-phone'})
    await until(() => $(element, '[role=alert]'))
    expect($(element, '[role=alert]')?.textContent).toContain('HTTP 404')
  })

  it('replaces every string through the strings property', async () => {
    const element = await walkthrough({runbook: phone, strings: {choose: 'Was sehen Sie?', back: 'Zurück', progress: 'Schritt {current}/{total}', bogus: 1}})
    expect($(element, '.choices-title')?.textContent).toBe('Was sehen Sie?')
    expect(button(element, 'Zurück')).toBeTruthy()
    expect($(element, '.progress-text')?.textContent).toMatch(/^Schritt 1\/\d+$/)
    expect(button(element, 'Restart')).toBeTruthy()
  })

  it('reflects the theme attribute', async () => {
    const element = await walkthrough()
    element.theme = 'dark'
    await element.updateComplete
    expect(element.getAttribute('theme')).toBe('dark')
  })

  it('switches runbooks when the runbook property changes', async () => {
    const element = await walkthrough()
    element.runbook = runbookOf((await import('./fixtures.js')).restoreMarkdown)
    await until(() => element.session?.runbook.id === 'restore-share')
    await settle(element)
    expect(stepTitle(element)).toBe('1. Find the snapshot')
  })

  it('moves focus to the new step title after a step change', async () => {
    const element = await walkthrough()
    button(element, 'It is dark').click()
    await settle(element)
    expect(element.shadowRoot!.activeElement?.id).toBe('step-title')
  })
})

describe('<runbook-walkthrough> elapsed time', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('ticks every second in its own element: the step is not rendered again; a step change is', async () => {
    vi.useFakeTimers({toFake: ['setInterval', 'clearInterval', 'Date']})
    const element = await walkthrough()
    const elapsed = $(element, '[part=elapsed]')!
    expect(elapsed.localName).toBe('runbook-elapsed-time')
    expect(elapsed.textContent).toBe('Elapsed 0:00')
    const walkthroughRenders = vi.spyOn(element as unknown as {render(): unknown}, 'render')
    const counterRenders = vi.spyOn(elapsed as unknown as {render(): unknown}, 'render')
    for (let second = 1; second <= 3; second++) {
      vi.advanceTimersByTime(1000)
      await until(() => elapsed.textContent === `Elapsed 0:0${second}`)
    }
    expect(counterRenders).toHaveBeenCalledTimes(3)
    expect(walkthroughRenders).not.toHaveBeenCalled()
    // The control: a step change does render the walkthrough (and the counter still shows the time).
    button(element, 'It is dark').click()
    await settle(element)
    expect(walkthroughRenders).toHaveBeenCalled()
    expect(stepTitle(element)).toBe('2. Check power')
  })

  it('stops ticking once the runbook is finished', async () => {
    vi.useFakeTimers({toFake: ['setInterval', 'clearInterval', 'Date']})
    const element = await walkthrough()
    const elapsed = $(element, '[part=elapsed]')!
    vi.advanceTimersByTime(2000)
    await until(() => elapsed.textContent === 'Elapsed 0:02')
    element.session!.goTo('resolved')
    element.requestUpdate()
    await settle(element)
    button(element, 'Finish').click()
    await until(() => element.session?.status === 'finished')
    await settle(element)
    const counterRenders = vi.spyOn(elapsed as unknown as {render(): unknown}, 'render')
    vi.advanceTimersByTime(5000)
    await settle(element)
    expect(counterRenders).not.toHaveBeenCalled()
    expect(elapsed.textContent).toBe('Elapsed 0:02')
  })
})

describe('<runbook-walkthrough> loading', () => {
  it('a new runbook-id aborts the load in flight: only the runbook asked for last opens', async () => {
    let release!: (response: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = resolve))))
    const steps = record<RunbookStepChangeDetail>('runbook-step-change')
    const element = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/slow.json', 'runbook-id': 'desk-phone', storage: 'none'})
    expect($(element, '.loading[role=status]')?.textContent).toBe('Loading runbooks…')
    element.runbookId = 'restore-share'
    await element.updateComplete
    release(new Response(bundleJson()))
    await until(() => element.session)
    await settle(element)
    expect(element.session!.runbook.id).toBe('restore-share')
    expect(steps.events.map((e) => [e.detail.runbookId, e.detail.cause])).toEqual([['restore-share', 'start']])
    steps.stop()
  })

  it('a runbook set by script while a bundle loads wins over src and runbook-id', async () => {
    let release!: (response: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = resolve))))
    const element = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/slow-too.json', 'runbook-id': 'restore-share', storage: 'none'})
    element.runbook = phone
    await until(() => element.session)
    release(new Response(bundleJson()))
    await settle(element)
    expect(element.session!.runbook.id).toBe('desk-phone')
  })
})

describe('<runbook-walkthrough> with bad input', () => {
  it('shows a runbook without steps as an error, not a broken page', async () => {
    const broken = {...phone, steps: []}
    const element = await mount<RunbookWalkthrough>('runbook-walkthrough', {runbook: broken})
    await until(() => $(element, '[role=alert]'))
    expect($(element, '[role=alert]')?.textContent).toContain('The runbooks could not be loaded')
    element.runbook = phone
    await until(() => element.session)
    await settle(element)
    expect($(element, '[role=alert]')).toBeNull()
    expect(stepTitle(element)).toBe('1. Check the display')
  })

  it('reads only the runbook it shows: another malformed runbook in the bundle does not matter, its own is reported', async () => {
    const bundle = JSON.parse(bundleJson()) as {runbooks: Array<{id: string; body: string}>}
    const other = bundle.runbooks.find((r) => r.id !== 'desk-phone')!
    other.body = '{"steps": ['
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(bundle))))
    const element = await walkthrough({}, {src: '/half-broken.json', 'runbook-id': 'desk-phone'})
    expect(stepTitle(element)).toBe('1. Check the display')
    const broken = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/half-broken.json', 'runbook-id': other.id})
    const alert = await until(() => broken.shadowRoot!.querySelector('[role="alert"]'))
    expect(broken.session).toBeUndefined()
    expect(alert.textContent).toMatch(/runbooks\[\d\]\.body is not valid JSON/)
  })

  it('renders a runbook from a bundle whose search index is damaged (the index is only needed to search)', async () => {
    const bundle = JSON.parse(bundleJson())
    bundle.index = {version: 1, broken: true}
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(bundle))))
    const element = await walkthrough({}, {src: '/damaged.json', 'runbook-id': 'desk-phone'})
    expect(stepTitle(element)).toBe('1. Check the display')
  })
})

describe('<runbook-walkthrough> hand-over to another runbook', () => {
  it('offers to continue with the runbook handed over to, and opens it at its step (with src)', async () => {
    const {handoverMarkdown, restoreMarkdown} = await import('./fixtures.js')
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson([handoverMarkdown, restoreMarkdown]))))
    const element = await walkthrough({}, {src: '/handover.json', 'runbook-id': 'missing-folder'})
    const selects = record<{runbookId: string; stepId?: string; from?: string}>('runbook-select')
    button(element, 'It was deleted by mistake').click()
    await settle(element)
    expect($(element, '.handover')?.textContent).toBe('Handed over: It was deleted by mistake.')
    button(element, 'Continue with').click()
    await until(() => element.session?.runbook.id === 'restore-share')
    await settle(element)
    expect(selects.events.map((e) => e.detail)).toEqual([{runbookId: 'restore-share', stepId: 'step-2-copy-it-back', from: 'missing-folder'}])
    expect(stepTitle(element)).toBe('2. Copy it back')
    selects.stop()
  })

  it('a link in step text to another runbook takes the hand-over it is and opens that runbook at its step', async () => {
    const {linkingMarkdown, restoreMarkdown} = await import('./fixtures.js')
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson([linkingMarkdown, restoreMarkdown]))))
    const element = await walkthrough({}, {src: '/links.json', 'runbook-id': 'disk-full', 'start-step': 'clean'})
    const selects = record<{runbookId: string; stepId?: string; from?: string}>('runbook-select')
    const completes = record<{timeline: string}>('runbook-complete')
    const link = $$<HTMLAnchorElement>(element, '[part=content] a').find((a) => a.textContent === 'restore from backup')!
    expect(link.getAttribute('href')).toBe('#restore-share/step-2-copy-it-back')
    const first = element.session!
    const click = new MouseEvent('click', {bubbles: true, composed: true, cancelable: true})
    link.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    // Recorded as the cross-runbook choice it is.
    expect(first.status).toBe('finished')
    expect(first.handover).toEqual({runbook: 'restore-share', step: 'step-2-copy-it-back', label: 'If files were deleted by mistake'})
    expect(first.events.find((e) => e.type === 'complete')).toMatchObject({step: 'clean', handover: {runbook: 'restore-share', step: 'step-2-copy-it-back'}})
    expect(completes.events).toHaveLength(1)
    await until(() => element.session?.runbook.id === 'restore-share')
    await settle(element)
    expect(selects.events.map((e) => e.detail)).toEqual([{runbookId: 'restore-share', stepId: 'step-2-copy-it-back', from: 'disk-full'}])
    expect(stepTitle(element)).toBe('2. Copy it back')
    selects.stop()
    completes.stop()
  })

  it('a link in prose to a runbook the bundle lacks is text with a title, never a link to a 404', async () => {
    const {linkingMarkdown, restoreMarkdown} = await import('./fixtures.js')
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson([linkingMarkdown, restoreMarkdown]))))
    const element = await walkthrough({}, {src: '/links2.json', 'runbook-id': 'disk-full', 'start-step': 'done'})
    await until(() => $(element, '.missing-link'))
    const missing = $(element, '.missing-link')!
    expect(missing.textContent).toBe('the retired guide')
    expect(missing.title).toBe('Not in this library: retired-guide.md#start')
    expect($$<HTMLAnchorElement>(element, '[part=content] a').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['the restore runbook', '#restore-share/']
    ])
    // A walkthrough given only a runbook (no bundle to check against) still never links to a .md file.
    element.remove()
    const {runbookOf, linkingMarkdown: markdown} = await import('./fixtures.js')
    const alone = await walkthrough({runbook: runbookOf(markdown), startStep: 'done', storage: 'none'})
    expect($$<HTMLAnchorElement>(alone, '[part=content] a').map((a) => a.getAttribute('href'))).toEqual(['#restore-share/', '#retired-guide/start'])
  })

  it('a page that cancels runbook-select keeps the walkthrough where it is', async () => {
    const {handoverMarkdown, restoreMarkdown} = await import('./fixtures.js')
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson([handoverMarkdown, restoreMarkdown]))))
    const element = await walkthrough({}, {src: '/handover2.json', 'runbook-id': 'missing-folder'})
    const cancel = (event: Event) => event.preventDefault()
    document.addEventListener('runbook-select', cancel)
    button(element, 'It was deleted by mistake').click()
    await settle(element)
    button(element, 'Continue with').click()
    await settle(element)
    document.removeEventListener('runbook-select', cancel)
    expect(element.session!.runbook.id).toBe('missing-folder')
  })

  it('start-step opens a new session at that step; an unknown one is ignored', async () => {
    let element = await walkthrough({runbook: phone, startStep: 'handset'})
    expect(stepTitle(element)).toBe('3. Check the handset')
    element.remove()
    localStorage.clear()
    element = await walkthrough({runbook: phone, startStep: 'nope'})
    expect(stepTitle(element)).toBe('1. Check the display')
  })
})

describe('<runbook-walkthrough> secret parameters', () => {
  it('masks a secret value in the command, copies it as is, and never saves it', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', {value: {writeText}, configurable: true})
    const runbook = runbookOf(`---
title: Rotate the API key
id: rotate-key
params:
  - name: api_token
    secret: true
---

# Rotate the API key

## Step 1: Call the API

\`\`\`sh
curl -H "Authorization: Bearer <api_token>" https://api.example.com/rotate
\`\`\`

## Step 2: Verify

Check the new key works.
`)
    const element = await walkthrough({runbook})
    expect($<HTMLInputElement>(element, '[part=params] input[name=api_token]')!.type).toBe('password')
    await typeParam(element, 'api_token', 's3cr3t-value')
    expect($(element, 'mark.param')?.textContent).toBe('••••••')
    expect(element.shadowRoot!.textContent).not.toContain('s3cr3t-value')
    button(element, 'Copy').click()
    expect(writeText).toHaveBeenCalledWith('curl -H "Authorization: Bearer s3cr3t-value" https://api.example.com/rotate')
    const stored = Array.from({length: localStorage.length}, (_, i) => localStorage.getItem(localStorage.key(i)!)).join('\n')
    expect(stored).toContain('"rotate-key"')
    expect(stored).not.toContain('s3cr3t-value')
    expect(JSON.stringify(element.session!.toJSON())).not.toContain('s3cr3t-value')
  })
})

describe('<runbook-walkthrough> loading state', () => {
  it('says it is loading until the bundle arrives', async () => {
    let release!: (response: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = resolve))))
    const element = await mount<RunbookWalkthrough>('runbook-walkthrough', {}, {src: '/slow.json', 'runbook-id': 'desk-phone'})
    expect($(element, '.loading[role=status]')?.textContent).toBe('Loading runbooks…')
    release(new Response(bundleJson()))
    await until(() => element.session)
    await settle(element)
    expect($(element, '.loading')).toBeNull()
    expect(stepTitle(element)).toBe('1. Check the display')
  })
})
