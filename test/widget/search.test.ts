// @vitest-environment happy-dom
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import '../../packages/widget/src/components/search/search.js'
import type {RunbookSearch} from '../../packages/widget/src/components/search/search.component.js'
import {highlight} from '../../packages/widget/src/components/search/search.component.js'
import type {RunbookSelectDetail} from '../../packages/widget/src/internal/events.js'
import {clearLibraryCache, fetchLibrary} from '../../packages/widget/src/internal/library.js'
import {bundleJson} from './fixtures.js'
import {$, $$, mount, record, settle, until} from './dom.js'

async function searchBox(attributes: Record<string, string> = {}, props: Record<string, unknown> = {}) {
  const element = await mount<RunbookSearch>('runbook-search', props, {src: '/runbooks.bundle.json', ...attributes})
  await until(() => $(element, 'select') ?? $(element, '[role=alert]'))
  return element
}

const input = (element: Element) => $<HTMLInputElement>(element, 'input')!

async function type(element: RunbookSearch, text: string) {
  const field = input(element)
  field.focus()
  field.value = text
  field.dispatchEvent(new Event('input'))
  await settle(element)
}

async function key(element: RunbookSearch, name: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', {key: name, bubbles: true, composed: true, cancelable: true, ...init})
  input(element).dispatchEvent(event)
  await settle(element)
  return event
}

const options = (element: Element) => $$(element, '[role=option]')

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  clearLibraryCache()
  fetchMock = vi.fn(async () => new Response(bundleJson()))
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  document.body.replaceChildren()
  vi.unstubAllGlobals()
})

describe('<runbook-search>', () => {
  it('is registered', () => {
    const element: RunbookSearch = document.createElement('runbook-search')
    expect(customElements.get('runbook-search')).toBe(element.constructor)
  })

  it('shows a labelled combobox, and nothing in the list before a query', async () => {
    const element = await searchBox()
    const field = input(element)
    expect(field.getAttribute('role')).toBe('combobox')
    expect(field.getAttribute('aria-label')).toBe('Search runbooks')
    expect(field.getAttribute('aria-expanded')).toBe('false')
    expect(options(element)).toHaveLength(0)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('finds runbook › step as one types, with highlighted snippets and badges', async () => {
    const element = await searchBox()
    await type(element, 'ping the phone')
    const found = options(element)
    expect(found.length).toBeGreaterThan(0)
    expect(found[0]!.querySelector('[part=result-title]')?.textContent).toContain('Desk phone has no dial tone')
    expect([...found[0]!.querySelectorAll('[part=badge]')].map((b) => b.textContent)).toContain('Troubleshooting')
    expect(found[0]!.querySelectorAll('mark[part=highlight]').length).toBeGreaterThan(0)
    expect(input(element).getAttribute('aria-expanded')).toBe('true')
    expect($(element, '[role=status][aria-live]')?.textContent?.trim()).toBe(`${found.length} results`)
    expect(element.results[0]?.runbookId).toBe('desk-phone')
  })

  it('matches the word being typed as a prefix', async () => {
    const element = await searchBox()
    await type(element, 'snaps')
    expect(options(element)[0]?.textContent).toContain('Restore a deleted share folder')
  })

  it('moves through results with the arrow keys (aria-activedescendant) and wraps', async () => {
    const element = await searchBox()
    await type(element, 'check')
    const count = options(element).length
    expect(count).toBeGreaterThan(1)
    await key(element, 'ArrowDown')
    expect(input(element).getAttribute('aria-activedescendant')).toBe(options(element)[0]!.id)
    expect(options(element)[0]!.getAttribute('aria-selected')).toBe('true')
    await key(element, 'ArrowUp')
    expect(input(element).getAttribute('aria-activedescendant')).toBe(options(element)[count - 1]!.id)
    await key(element, 'ArrowDown')
    expect(input(element).getAttribute('aria-activedescendant')).toBe(options(element)[0]!.id)
  })

  it('Enter fires a cancelable runbook-select for the active result (or the first)', async () => {
    const element = await searchBox()
    const selects = record<RunbookSelectDetail>('runbook-select')
    await type(element, 'share folder')
    const enter = await key(element, 'Enter')
    expect(enter.defaultPrevented).toBe(true)
    expect(selects.events).toHaveLength(1)
    const event = selects.events[0]!
    expect(event.detail).toMatchObject({runbookId: 'restore-share', query: 'share folder'})
    expect(event.cancelable && event.bubbles && event.composed).toBe(true)
    selects.stop()
  })

  it('a click on a result selects it', async () => {
    const element = await searchBox()
    const selects = record<RunbookSelectDetail>('runbook-select')
    await type(element, 'phone')
    options(element)[0]!.click()
    expect(selects.events[0]?.detail.runbookId).toBe('desk-phone')
    selects.stop()
  })

  it('Escape closes the list, then clears the field', async () => {
    const element = await searchBox()
    await type(element, 'phone')
    expect(options(element).length).toBeGreaterThan(0)
    await key(element, 'Escape')
    expect(options(element)).toHaveLength(0)
    expect(input(element).getAttribute('aria-expanded')).toBe('false')
    expect(element.query).toBe('phone')
    await key(element, 'Escape')
    expect(element.query).toBe('')
    expect(input(element).value).toBe('')
  })

  it('filters by category', async () => {
    const element = await searchBox()
    const select = $<HTMLSelectElement>(element, '[part=category-select]')!
    expect([...select.options].map((o) => o.textContent)).toEqual(['All categories', 'Troubleshooting', 'Backup & restore'])
    await type(element, 'check')
    expect(options(element).some((o) => o.textContent?.includes('Desk phone'))).toBe(true)
    select.value = 'backup-restore'
    select.dispatchEvent(new Event('change'))
    await settle(element)
    expect(element.category).toBe('backup-restore')
    expect(options(element).every((o) => o.textContent?.includes('Restore a deleted share folder'))).toBe(true)
  })

  it('shows an empty state that says what to try', async () => {
    const element = await searchBox()
    await type(element, 'zzzqqqxxx')
    expect(options(element)).toHaveLength(0)
    const empty = $(element, '[part=empty]')!
    expect(empty.textContent).toContain('No runbook matches “zzzqqqxxx”.')
    expect(empty.textContent).toContain('Try fewer words')
  })

  it('never throws on query syntax characters', async () => {
    const element = await searchBox()
    for (const text of ['C:\\Windows', 'fe80::1', '~', '^', '-', '*', 'printer~', '+:', '"unclosed']) {
      await type(element, text)
      expect($(element, '[part=base]')).not.toBeNull()
    }
  })

  it('browse lists every runbook (of the chosen category) when the query is empty', async () => {
    const element = await searchBox({browse: ''})
    expect(options(element).map((o) => o.querySelector('[part=result-title]')?.textContent)).toEqual([
      'Desk phone has no dial tone',
      'Restore a deleted share folder'
    ])
    expect(options(element)[0]!.querySelector('[part=snippet]')?.textContent).toBe('Get a desk phone working again.')
  })

  it('browse lists a collection larger than browse-up-to only when asked, and search works before that', async () => {
    const element = await searchBox({browse: '', 'browse-up-to': '1'})
    const library = await fetchLibrary('/runbooks.bundle.json')
    const listed = vi.spyOn(library, 'summaries')
    await settle(element)
    expect(options(element)).toHaveLength(0)
    expect(listed).not.toHaveBeenCalled()
    const button = $<HTMLButtonElement>(element, '[part=browse-button]')!
    expect(button.textContent?.trim()).toBe('List all 2 runbooks')
    await type(element, 'phone')
    expect(options(element).map((o) => o.querySelector('[part=result-title]')?.textContent)).toEqual(['Desk phone has no dial tone › Check the handset'])
    expect($(element, '[part=browse-button]')).toBeNull()
    await type(element, '')
    $<HTMLButtonElement>(element, '[part=browse-button]')!.click()
    await until(() => options(element).length === 2)
    expect(listed).toHaveBeenCalledTimes(1)
    expect($(element, '[part=browse-button]')).toBeNull()
  })

  describe('shortcut', () => {
    const press = (target: EventTarget, init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', {bubbles: true, composed: true, cancelable: true, ...init})
      target.dispatchEvent(event)
      return event
    }

    it('is off by default', async () => {
      const element = await searchBox()
      const event = press(document.body, {key: '/'})
      expect(event.defaultPrevented).toBe(false)
      expect(element.shadowRoot!.activeElement).toBeNull()
    })

    it('"/" focuses the field from anywhere on the page, and shows a hint', async () => {
      const element = await searchBox({shortcut: '/'})
      expect($(element, '[part=shortcut-hint]')?.textContent).toBe('/')
      const event = press(document.body, {key: '/'})
      expect(event.defaultPrevented).toBe(true)
      expect(element.shadowRoot!.activeElement).toBe(input(element))
    })

    it('never fires while the user types in a field, a text area or editable content', async () => {
      await searchBox({shortcut: 'both'})
      const field = document.createElement('input')
      const area = document.createElement('textarea')
      const editable = document.createElement('div')
      editable.contentEditable = 'true'
      document.body.append(field, area, editable)
      for (const target of [field, area, editable]) {
        expect(press(target, {key: '/'}).defaultPrevented).toBe(false)
        expect(press(target, {key: 'k', ctrlKey: true}).defaultPrevented).toBe(false)
      }
    })

    it('"mod+k" answers Ctrl+K and Cmd+K but not "/"', async () => {
      const element = await searchBox({shortcut: 'mod+k'})
      expect(press(document.body, {key: '/'}).defaultPrevented).toBe(false)
      expect(press(document.body, {key: 'k', ctrlKey: true}).defaultPrevented).toBe(true)
      expect(press(document.body, {key: 'K', metaKey: true}).defaultPrevented).toBe(true)
      expect(element.shadowRoot!.activeElement).toBe(input(element))
    })

    it('stops listening once removed from the page', async () => {
      const element = await searchBox({shortcut: '/'})
      element.remove()
      expect(press(document.body, {key: '/'}).defaultPrevented).toBe(false)
    })
  })

  it('shares one fetch of a bundle between components', async () => {
    await searchBox()
    await searchBox()
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('reports a bundle that cannot be loaded', async () => {
    fetchMock.mockImplementation(async () => new Response('not json'))
    const element = await searchBox()
    expect($(element, '[role=alert]')?.textContent).toMatch(/^The runbooks could not be loaded/)
  })

  it('uses replacement strings', async () => {
    const element = await searchBox({}, {strings: {searchPlaceholder: 'Runbooks durchsuchen', noResults: 'Nichts für „{query}“.'}})
    expect(input(element).placeholder).toBe('Runbooks durchsuchen')
    await type(element, 'zzzqqq')
    expect($(element, '.empty-title')?.textContent).toBe('Nichts für „zzzqqq“.')
  })
})

describe('highlight', () => {
  it('wraps ranges in marks, ignoring overlapping and empty ones', () => {
    const parts = highlight('restart the spooler', [
      [0, 7],
      [3, 5],
      [12, 12],
      [12, 19]
    ])
    expect(parts.map((p) => (typeof p === 'string' ? p : `[${(p.values[0] as string)}]`))).toEqual(['[restart]', ' the ', '[spooler]'])
  })
})

describe('<runbook-search> when src changes', () => {
  it('drops the previous bundle\'s results and offers Retry when the new src fails', async () => {
    clearLibraryCache()
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (String(url).includes('missing') ? new Response('', {status: 404}) : new Response(bundleJson())))
    )
    const element = await searchBox()
    await type(element, 'phone')
    expect(options(element).length).toBeGreaterThan(0)
    element.setAttribute('src', '/missing.json')
    await until(() => $(element, '[role=alert]'))
    await settle(element)
    expect(options(element)).toHaveLength(0)
    expect([...element.renderRoot.querySelectorAll('button')].map((button) => button.textContent?.trim())).toContain('Try again')
  })
})

describe('<runbook-search> with a damaged index', () => {
  it('lists runbooks but reports the index when a query needs it', async () => {
    const bundle = JSON.parse(bundleJson())
    bundle.index = {version: 1, broken: true}
    clearLibraryCache()
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(bundle))))
    const element = await searchBox({browse: ''})
    expect(options(element)).toHaveLength(2)
    await type(element, 'phone')
    expect($(element, '[role=alert]')?.textContent).toMatch(/^The runbooks could not be loaded \(runbook-kit: \S+\/runbooks\.bundle\.json: bundle\.index/)
  })
})

describe('<runbook-search> properties', () => {
  beforeEach(() => {
    clearLibraryCache()
    vi.stubGlobal('fetch', vi.fn(async () => new Response(bundleJson())))
  })

  it('limit caps the results; results carry scores from core search', async () => {
    const element = await searchBox({limit: '1'})
    await type(element, 'check')
    expect(options(element)).toHaveLength(1)
    expect(element.results).toHaveLength(1)
    expect(element.results[0]!.score).toBeGreaterThan(0)
  })

  it('a query and a category set as attributes apply at once', async () => {
    const element = await searchBox({query: 'snapshot', category: 'backup-restore'})
    await settle(element)
    expect(input(element).value).toBe('snapshot')
    expect($<HTMLSelectElement>(element, '[part=category-select]')!.value).toBe('backup-restore')
    expect(options(element)[0]?.textContent).toContain('Restore a deleted share folder')
  })

  it('reflects theme and shows nothing while src is unset', async () => {
    const element = await mount<RunbookSearch>('runbook-search')
    expect($(element, '[role=status].status')).toBeNull()
    element.theme = 'dark'
    await element.updateComplete
    expect(element.getAttribute('theme')).toBe('dark')
  })
})

describe('<runbook-search> loading state', () => {
  it('says it is loading until the bundle arrives', async () => {
    clearLibraryCache()
    let release!: (response: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = resolve))))
    const element = await mount<RunbookSearch>('runbook-search', {}, {src: '/slow.json', browse: ''})
    expect($(element, '.status[role=status]')?.textContent).toBe('Loading runbooks…')
    release(new Response(bundleJson()))
    await until(() => options(element).length > 0)
    expect($(element, '.status')).toBeNull()
  })
})

describe('<runbook-search> with an asynchronous bundle reader', () => {
  /** Hold every query of the reader until the test releases it: with its real results, or as a failure. */
  async function heldSearches() {
    const element = await searchBox()
    const library = await fetchLibrary('/runbooks.bundle.json')
    const real = library.search.bind(library)
    const held: Array<{query: string; signal: {readonly aborted: boolean} | undefined; release: () => void; fail: (error: Error) => void}> = []
    vi.spyOn(library, 'search').mockImplementation(
      (query, options) =>
        new Promise((resolve, reject) => {
          if (query === '') return resolve([])
          held.push({query, signal: options?.signal, release: () => void real(query, {...options, signal: undefined}).then(resolve, reject), fail: reject})
        })
    )
    const pending = (query: string) => until(() => held.find((h) => h.query === query))
    return {element, held, pending}
  }

  const titles = (element: Element) => options(element).map((o) => o.querySelector('[part=result-title]')?.textContent ?? '')

  it('shows the results of the latest query only: the older query is aborted, and its late results are dropped', async () => {
    const {element, pending} = await heldSearches()
    await type(element, 'phone')
    const first = await pending('phone')
    await type(element, 'share folder')
    const second = await pending('share folder')
    expect(first.signal?.aborted).toBe(true)
    expect(second.signal?.aborted).toBe(false)
    second.release()
    await until(() => options(element).length > 0)
    const shown = element.results.map((r) => `${r.runbookId}/${r.stepId}`)
    first.release()
    await settle(element)
    expect(element.results.map((r) => `${r.runbookId}/${r.stepId}`)).toEqual(shown)
    expect(element.results[0]?.runbookId).toBe('restore-share')
    // The control: the dropped query had other results.
    const library = await fetchLibrary('/runbooks.bundle.json')
    vi.mocked(library.search).mockRestore()
    const dropped = (await library.search('phone', {limit: 8})).map((r) => `${r.runbookId}/${r.stepId}`)
    expect(dropped.length).toBeGreaterThan(0)
    expect(dropped).not.toEqual(shown)
  })

  it('keeps the shown results and says nothing about "no results" while a query is on its way; aria-busy marks the wait', async () => {
    const {element, pending} = await heldSearches()
    await type(element, 'phone')
    ;(await pending('phone')).release()
    await until(() => options(element).length > 0)
    const before = titles(element)
    const list = $(element, '[role=listbox]')!
    expect(list.getAttribute('aria-busy')).toBe('false')

    await type(element, 'zzzqqq')
    const nothingFound = await pending('zzzqqq')
    expect(list.getAttribute('aria-busy')).toBe('true')
    expect($(element, '[part=empty]')).toBeNull()
    expect(titles(element)).toEqual(before)
    expect($(element, '[role=status][aria-live]')?.textContent?.trim()).toBe('')

    nothingFound.release()
    await until(() => $(element, '[part=empty]'))
    expect(list.getAttribute('aria-busy')).toBe('false')
    expect(options(element)).toHaveLength(0)
    expect($(element, '[role=status][aria-live]')?.textContent?.trim()).toBe('0 results')
  })

  it('Enter pressed before the results arrive opens the first result once they do', async () => {
    const {element, pending} = await heldSearches()
    const selects = record<RunbookSelectDetail>('runbook-select')
    await type(element, 'share folder')
    const held = await pending('share folder')
    const enter = await key(element, 'Enter')
    expect(enter.defaultPrevented).toBe(true)
    expect(selects.events).toHaveLength(0)
    held.release()
    await until(() => selects.events.length > 0)
    expect(selects.events.map((e) => e.detail.runbookId)).toEqual(['restore-share'])
    selects.stop()
  })

  it('reports a query that fails, in an alert, and shows no stale results', async () => {
    const {element, pending} = await heldSearches()
    await type(element, 'phone')
    ;(await pending('phone')).release()
    await until(() => options(element).length > 0)
    await type(element, 'printer')
    ;(await pending('printer')).fail(new Error('/runbooks.bundle.json.parts/index-3.json: HTTP 503'))
    await until(() => $(element, '[role=alert]'))
    expect($(element, '[role=alert]')?.textContent).toBe('The runbooks could not be loaded (/runbooks.bundle.json.parts/index-3.json: HTTP 503).')
    expect(options(element)).toHaveLength(0)
    expect($(element, '[part=empty]')).toBeNull()
  })
})
