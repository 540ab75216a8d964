// @vitest-environment happy-dom
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import * as widget from '../../packages/widget/src/index.js'
import type {RunbookKit} from '../../packages/widget/src/components/runbook-kit/runbook-kit.component.js'
import type {RunbookSearch} from '../../packages/widget/src/components/search/search.component.js'
import type {RunbookWalkthrough} from '../../packages/widget/src/components/walkthrough/walkthrough.component.js'
import {define} from '../../packages/widget/src/internal/define.js'
import {clearLibraryCache} from '../../packages/widget/src/internal/library.js'
import {bundleJson} from './fixtures.js'
import {$, button, mount, settle, until} from './dom.js'

async function kit(attributes: Record<string, string> = {}) {
  const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/runbooks.bundle.json', ...attributes})
  const search = await until(() => $<RunbookSearch>(element, 'runbook-search'))
  await until(() => $(search, '[role=option]'))
  return {element, search}
}

async function choose(search: RunbookSearch, query: string) {
  const field = $<HTMLInputElement>(search, 'input')!
  field.value = query
  field.dispatchEvent(new Event('input'))
  await settle(search)
  field.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, composed: true, cancelable: true}))
  await settle(search)
}

beforeEach(() => {
  clearLibraryCache()
  localStorage.clear()
  history.replaceState(null, '', '/')
  vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson())))
})

afterEach(() => {
  document.body.replaceChildren()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('the package entry', () => {
  it('exports the three components, the default strings and nothing else at runtime', () => {
    expect(Object.keys(widget).sort()).toEqual(['RunbookKit', 'RunbookSearch', 'RunbookWalkthrough', 'defaultStrings'])
    expect(customElements.get('runbook-kit')).toBe(widget.RunbookKit)
    expect(customElements.get('runbook-search')).toBe(widget.RunbookSearch)
    expect(customElements.get('runbook-walkthrough')).toBe(widget.RunbookWalkthrough)
  })

  it('registering twice is harmless: the same class is silent, another class warns and is refused', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => define('runbook-kit', widget.RunbookKit)).not.toThrow()
    expect(warn).not.toHaveBeenCalled()
    class Other extends HTMLElement {}
    expect(() => define('runbook-kit', Other)).not.toThrow()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^runbook-kit: <runbook-kit> is already registered.*\[RK-DUPLICATE-DEFINE\]$/))
    expect(customElements.get('runbook-kit')).toBe(widget.RunbookKit)
  })
})

describe('<runbook-kit>', () => {
  it('starts with a search that browses every runbook', async () => {
    const {element, search} = await kit({shortcut: '/'})
    expect(search.browse).toBe(true)
    expect(search.shortcut).toBe('/')
    expect($(element, 'runbook-walkthrough')).toBeNull()
  })

  it('opens the chosen runbook in a walkthrough, and goes back to the search', async () => {
    const {element, search} = await kit()
    await choose(search, 'share folder')
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => walk.session)
    expect(element.runbookId).toBe('restore-share')
    expect(element.getAttribute('runbook-id')).toBe('restore-share')
    await settle(walk)
    expect($(walk, '[part=title]')?.textContent).toBe('Restore a deleted share folder')
    button(element, 'All runbooks').click()
    await settle(element)
    expect($(element, 'runbook-walkthrough')).toBeNull()
    expect($(element, 'runbook-search')).not.toBeNull()
  })

  it('of two quick selections the latest opens, whichever lookup answers last; a failed lookup still opens', async () => {
    const {element, search} = await kit()
    const {fetchLibrary} = await import('../../packages/widget/src/internal/library.js')
    const library = await fetchLibrary('/runbooks.bundle.json')
    const answers: Array<() => void> = []
    const has = library.has.bind(library)
    vi.spyOn(library, 'has').mockImplementation((id) => new Promise((resolve) => answers.push(() => void has(id).then(resolve))))
    const select = (runbookId: string) =>
      search.dispatchEvent(new CustomEvent('runbook-select', {detail: {runbookId, query: ''}, bubbles: true, composed: true, cancelable: true}))
    select('desk-phone')
    select('restore-share')
    await until(() => answers.length === 2)
    answers[1]!()
    await until(() => element.runbookId === 'restore-share')
    answers[0]!()
    await settle(element)
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)))
    await settle(element)
    expect(element.runbookId).toBe('restore-share')
    vi.mocked(library.has).mockRejectedValue(new Error('offline'))
    button(element, 'All runbooks').click()
    await settle(element)
    select('desk-phone')
    await until(() => element.runbookId === 'desk-phone')
  })

  it('stays on the search when the page cancels runbook-select', async () => {
    const {element, search} = await kit()
    const cancel = (event: Event) => event.preventDefault()
    document.addEventListener('runbook-select', cancel)
    await choose(search, 'share folder')
    await settle(element)
    document.removeEventListener('runbook-select', cancel)
    expect(element.runbookId).toBeUndefined()
    expect($(element, 'runbook-walkthrough')).toBeNull()
  })

  it('opens a runbook set by script through runbook-id', async () => {
    const {element} = await kit()
    element.runbookId = 'desk-phone'
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => walk.session)
    expect(walk.session!.runbook.id).toBe('desk-phone')
  })

  it('with deep-link, opens the runbook and step named in the URL hash', async () => {
    history.replaceState(null, '', '#desk-phone/power')
    const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/runbooks.bundle.json', 'deep-link': ''})
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => walk.session)
    await settle(walk)
    expect(walk.session!.current.id).toBe('power')
    expect(walk.deepLink).toBe(true)
  })

  it('passes theme, strings and storage down', async () => {
    const {element, search} = await kit({theme: 'dark', storage: 'none'})
    element.strings = {searchLabel: 'Suche'}
    await settle(element)
    expect(search.getAttribute('theme')).toBe('dark')
    expect($(search, 'input')?.getAttribute('aria-label')).toBe('Suche')
    element.runbookId = 'desk-phone'
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await settle(element)
    expect(walk.storage).toBe('none')
    expect(walk.getAttribute('theme')).toBe('dark')
  })

  it('says so when the bundle cannot be loaded', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', {status: 500})))
    clearLibraryCache()
    const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/broken.json'})
    await until(() => $(element, '[role=alert]'))
    expect($(element, '[role=alert]')?.textContent).toContain('HTTP 500')
  })

  it('loads the bundle again when "Try again" is pressed after a failed load, without reloading the page', async () => {
    const fetch = vi.fn(async () => new Response('', {status: 500}))
    fetch.mockResolvedValueOnce(new Response('', {status: 500})).mockResolvedValueOnce(new Response(bundleJson()))
    vi.stubGlobal('fetch', fetch)
    const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/flaky.json'})
    await until(() => $(element, '[role=alert]'))
    button(element, 'Try again').click()
    const search = await until(() => $<RunbookSearch>(element, 'runbook-search'))
    await until(() => $(search, '[role=option]'))
    expect($(element, '[role=alert]')).toBeNull()
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('offers the retry in every component, with a replaceable label', async () => {
    const fetch = vi.fn(async () => new Response('', {status: 500}))
    vi.stubGlobal('fetch', fetch)
    const walk = await mount<RunbookWalkthrough>('runbook-walkthrough', {strings: {retry: 'Nochmal'}}, {src: '/flaky.json', 'runbook-id': 'desk-phone'})
    await until(() => $(walk, '[role=alert]'))
    fetch.mockImplementation(async () => new Response(bundleJson()))
    button(walk, 'Nochmal').click()
    await until(() => $(walk, '#step-title'))
    expect($(walk, '[role=alert]')).toBeNull()
    clearLibraryCache()
    fetch.mockImplementation(async () => new Response('', {status: 500}))
    const search = await mount<RunbookSearch>('runbook-search', {}, {src: '/other.json', browse: ''})
    await until(() => $(search, '[role=alert]'))
    fetch.mockImplementation(async () => new Response(bundleJson()))
    button(search, 'Try again').click()
    await until(() => $(search, '[role=option]'))
    expect($(search, '[role=alert]')).toBeNull()
  })
})

describe('<runbook-kit> parts', () => {
  it('exports the parts of its inner components for ::part styling', async () => {
    const {element, search} = await kit()
    expect(search.getAttribute('exportparts')).toContain('input')
    element.runbookId = 'desk-phone'
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    expect(walk.getAttribute('exportparts')).toContain('step-title')
  })
})

describe('<runbook-kit> hand-over', () => {
  it('continues with the runbook a finished one handed over to, at its step', async () => {
    const {handoverMarkdown, restoreMarkdown} = await import('./fixtures.js')
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson([handoverMarkdown, restoreMarkdown]))))
    clearLibraryCache()
    const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/handover-kit.json'})
    await until(() => $(element, 'runbook-search'))
    element.runbookId = 'missing-folder'
    const first = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => first.session)
    await settle(first)
    button(first, 'It was deleted by mistake').click()
    await settle(first)
    button(first, 'Continue with').click()
    await until(() => element.runbookId === 'restore-share')
    const next = await until(() => {
      const walk = $<RunbookWalkthrough>(element, 'runbook-walkthrough')
      return walk?.session?.runbook.id === 'restore-share' ? walk : undefined
    })
    await settle(next)
    expect(next.session!.current.id).toBe('step-2-copy-it-back')
  })
})

/** A button's text as a screen reader gets it: without `aria-hidden` decoration. */
function spoken(element: Element): string {
  const copy = element.cloneNode(true) as Element
  for (const hidden of copy.querySelectorAll('[aria-hidden=true]')) hidden.remove()
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim()
}

describe('<runbook-kit> arrows and strings', () => {
  it('the strings own their text: the arrows are aria-hidden decoration, never added twice', async () => {
    const {element} = await kit()
    element.runbookId = 'desk-phone'
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => walk.session)
    await settle(walk)
    const back = $(element, '[part=back-button]')!
    expect(back.textContent!.replace(/\s+/g, ' ').trim()).toBe('← All runbooks')
    expect(spoken(back)).toBe('All runbooks')
    expect(spoken(button(walk, 'Back'))).toBe('Back')

    // A translation that brings its own arrows shows them once.
    element.strings = {backToSearch: '← Alle Runbooks', back: '← Zurück', next: 'Weiter →'}
    await settle(element)
    await settle(walk)
    expect(back.textContent!.replace(/\s+/g, ' ').trim()).toBe('← Alle Runbooks')
    expect(button(walk, 'Zurück').textContent!.replace(/\s+/g, ' ').trim()).toBe('← Zurück')
  })
})

describe('<runbook-kit> deep link', () => {
  it('an empty hash returns to the search', async () => {
    history.replaceState(null, '', '#desk-phone/power')
    const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/runbooks.bundle.json', 'deep-link': ''})
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => walk.session)
    location.hash = ''
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    await until(() => $(element, 'runbook-search'))
    expect(element.runbookId).toBeUndefined()
    expect($(element, 'runbook-walkthrough')).toBeNull()
  })

  it('a hash that names no runbook (a skip link, #main) leaves the walkthrough open', async () => {
    history.replaceState(null, '', '#desk-phone/power')
    const element = await mount<RunbookKit>('runbook-kit', {}, {src: '/runbooks.bundle.json', 'deep-link': ''})
    const walk = await until(() => $<RunbookWalkthrough>(element, 'runbook-walkthrough'))
    await until(() => walk.session)
    location.hash = '#main'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    await settle(element)
    expect(element.runbookId).toBe('desk-phone')
  })
})
