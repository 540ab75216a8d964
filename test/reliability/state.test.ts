/**
 * Saved state and bundle loading.
 *
 * Core: the session store and `restoreSession` on corrupted, truncated,
 * foreign-version, oversized and quota-exceeded storage, and two sessions
 * (two tabs) on one saved state. Widget, in Chromium: the same storage
 * damage under a running `<runbook-kit>`, and a bundle that is missing,
 * not JSON, of another format version, or very slow.
 *
 * The retry button on load errors and the notice when another tab saved the
 * same runbook are tested in test/widget (runbook-kit and walkthrough tests).
 */
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {readFileSync} from 'node:fs'
import {createBundle, createLocalStorageStore, createSession, parseRunbook, restoreSession, type Runbook, type StorageLike} from '@runbook-kit/core'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {buildWidget} from '../../scripts/start.mjs'
import {describeBrowser, executablePath, launchArgs, root} from '../widget/browser.js'

const markdown = `---
title: Reset a password
id: reset-password
---
# Reset a password

## Step 1: Check the account {#check}

- [ ] The account exists
- [ ] It is not disabled

## Step 2: Reset it {#reset}

Reset the password.

## Step 3: Tell the user {#tell}

End of runbook.
`

function mapStorage(): StorageLike & {map: Map<string, string>; quota?: number} {
  const map = new Map<string, string>()
  const storage = {
    map,
    quota: undefined as number | undefined,
    getItem: (key: string) => map.get(key) ?? null,
    setItem(key: string, value: string) {
      if (storage.quota !== undefined && value.length > storage.quota) {
        const error = new Error('The quota has been exceeded.')
        error.name = 'QuotaExceededError'
        throw error
      }
      map.set(key, String(value))
    },
    removeItem: (key: string) => void map.delete(key),
    key: (index: number) => [...map.keys()][index] ?? null,
    get length() {
      return map.size
    }
  }
  return storage
}

describe('saved state in core', () => {
  const {runbook} = parseRunbook(markdown)
  let clock = 1_000_000
  const now = () => (clock += 1000)
  const saved = () => {
    const session = createSession(runbook, {now})
    session.check(runbook.steps[0]!.checklist[0]!.id)
    session.complete()
    return session.toJSON()
  }

  test('corrupted, truncated and non-object states give a fresh session that says why and keeps the input', () => {
    const text = JSON.stringify(saved())
    for (const bad of ['{not json', text.slice(0, text.length / 2), '', 'null', '42', '[]', '"text"', '{"format":"other"}', '\u0000\ufffd']) {
      const session = restoreSession(runbook, bad, {now})
      expect(session.report?.restored, bad).toBe(false)
      expect(session.report?.problems.length, bad).toBeGreaterThan(0)
      expect(session.report && 'unreadable' in session.report, bad).toBe(true)
      expect(session.current.id).toBe(runbook.start)
    }
  })

  test('a state with wrong types in every field restores what it can', () => {
    const state = {...saved(), path: 'x', steps: {check: {visits: 'many', checked: [1, null, 'ok']}, __proto__: {x: 1}}, events: [null, 7, {type: 'bogus'}], current: 42, params: [1]}
    const session = restoreSession(runbook, JSON.parse(JSON.stringify(state)), {now})
    expect(session.report?.restored).toBe(true)
    expect(runbook.steps.map((s) => s.id)).toContain(session.current.id)
    expect(Object.getPrototypeOf(session.toJSON().steps)).toBe(Object.prototype)
  })

  test('a state of another format version is not read, and says so', () => {
    for (const version of [0, 2, 999, '1', null]) {
      const session = restoreSession(runbook, {...saved(), version}, {now})
      expect(session.report?.restored).toBe(false)
      expect(session.report?.problems.join(' ')).toMatch(/version/)
    }
  })

  test('an oversized state (10,000 events, 5 MB of notes) restores', () => {
    const state = saved()
    const events = Array.from({length: 10_000}, (_, i) => ({type: 'note' as const, at: state.startedAt + i, step: 'reset', text: 'x'.repeat(500)}))
    const big = {...state, events: [...state.events, ...events]}
    expect(JSON.stringify(big).length).toBeGreaterThan(5_000_000)
    const session = restoreSession(runbook, JSON.stringify(big), {now})
    expect(session.report?.restored).toBe(true)
    expect(session.current.id).toBe('reset')
  })

  test('a store that is full rejects the save with an Error, and the session keeps its progress in memory', async () => {
    const storage = mapStorage()
    const store = createLocalStorageStore({storage})
    const session = createSession(runbook, {now})
    session.complete()
    await store.save('reset', session.toJSON())
    storage.quota = 10
    session.complete()
    await expect(store.save('reset', session.toJSON())).rejects.toThrow(/runbook-kit: could not save session "reset": The quota/)
    expect(session.current.id).toBe('tell')
    // What was saved before stays readable.
    expect((await store.load('reset'))?.current).toBe('reset')
  })

  test('corrupted storage reads as nothing, not as an exception', async () => {
    const storage = mapStorage()
    const store = createLocalStorageStore({storage})
    storage.map.set('runbook-kit:session:v1:reset', '{"truncated":')
    await expect(store.load('reset')).resolves.toBeUndefined()
    storage.map.set('runbook-kit:session:v1:reset', '"a string"')
    await expect(store.load('reset')).resolves.toBeUndefined()
  })

  test('two tabs on one saved state: the later save wins in storage (the earlier tab keeps its own progress in memory)', async () => {
    const storage = mapStorage()
    const store = createLocalStorageStore({storage})
    const first = createSession(runbook, {now})
    await store.save('reset', first.toJSON())
    const tabA = restoreSession(runbook, await store.load('reset'), {now})
    const tabB = restoreSession(runbook, await store.load('reset'), {now})
    tabA.check(runbook.steps[0]!.checklist[0]!.id)
    tabA.complete()
    await store.save('reset', tabA.toJSON())
    tabB.check(runbook.steps[0]!.checklist[1]!.id)
    await store.save('reset', tabB.toJSON())
    const back = restoreSession(runbook, await store.load('reset'), {now})
    // Core has no merge: tab A's tick and step are not in storage any more.
    expect(back.current.id).toBe('check')
    expect(back.isChecked(runbook.steps[0]!.checklist[1]!.id, 'check')).toBe(true)
    expect(back.isChecked(runbook.steps[0]!.checklist[0]!.id, 'check')).toBe(false)
    expect(tabA.current.id).toBe('reset')
  })
})

interface Server {
  url: string
  close(): Promise<void>
}

/** Serves the widget, a page, and bundles that fail in chosen ways. */
async function serve(runbooks: Runbook[]): Promise<Server> {
  const widget = readFileSync(path.join(root, 'packages/widget/dist/runbook-kit.js'))
  const good = JSON.stringify(createBundle(runbooks))
  const bundles: Record<string, (response: http.ServerResponse) => void> = {
    '/good.json': (r) => r.writeHead(200, {'content-type': 'application/json'}).end(good),
    '/missing.json': (r) => r.writeHead(404, {'content-type': 'text/plain'}).end('not found'),
    '/invalid.json': (r) => r.writeHead(200, {'content-type': 'application/json'}).end('{"format": "runbook-kit/bundle", "runb'),
    '/html.json': (r) => r.writeHead(200, {'content-type': 'text/html'}).end('<!doctype html><title>Login</title>'),
    '/version.json': (r) => r.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({...JSON.parse(good), version: 999})),
    '/format.json': (r) => r.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({format: 'something-else', version: 1})),
    '/slow.json': (r) => void setTimeout(() => r.writeHead(200, {'content-type': 'application/json'}).end(good), 4000),
    '/error.json': (r) => r.writeHead(500).end()
  }
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/runbook-kit.js') {
      response.writeHead(200, {'content-type': 'text/javascript'}).end(widget)
    } else if (/^\/runbook-kit\.walkthrough-[\w-]+\.js$/.test(url.pathname)) {
      // The chunk the script loads when a runbook is opened, from the same folder.
      response.writeHead(200, {'content-type': 'text/javascript'}).end(readFileSync(path.join(root, 'packages/widget/dist', url.pathname.slice(1))))
    } else if (url.pathname === '/') {
      const src = url.searchParams.get('src') ?? '/good.json'
      response
        .writeHead(200, {'content-type': 'text/html; charset=utf-8'})
        .end(`<!doctype html><html lang="en"><head><title>state</title><script type="module" src="/runbook-kit.js"></script></head><body><runbook-kit src="${src}" deep-link></runbook-kit></body></html>`)
    } else if (bundles[url.pathname]) {
      bundles[url.pathname]!(response)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

/** Visible text of the widget, through shadow roots. */
function widgetText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const text = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? ''
      const element = node as Element
      const children = [...(element.shadowRoot?.childNodes ?? []), ...node.childNodes]
      return children.map(text).join(' ')
    }
    return text(document.querySelector('runbook-kit')!).replace(/\s+/g, ' ').trim()
  })
}

/** Roles present inside the widget (alert, status, …). */
function roles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const visit = (root: Element | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        const role = element.getAttribute('role')
        if (role) found.push(role)
        if (element.shadowRoot) visit(element.shadowRoot)
      }
    }
    visit(document.querySelector('runbook-kit')!.shadowRoot!)
    return found
  })
}

describeBrowser('saved state and bundle loading in Chromium', () => {
  let browser: Browser
  let server: Server
  const runbook = parseRunbook(markdown).runbook

  beforeAll(async () => {
    buildWidget()
    server = await serve([runbook])
    browser = await chromium.launch({executablePath, args: launchArgs})
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function open(src = '/good.json', setup?: (page: Page) => Promise<void>) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await setup?.(page)
    await page.goto(`${server.url}/?src=${encodeURIComponent(src)}#${runbook.id}/check`)
    return {page, errors, context}
  }

  test.each([
    ['missing (404)', '/missing.json'],
    ['a server error (500)', '/error.json'],
    ['not JSON', '/invalid.json'],
    ['an HTML login page', '/html.json'],
    ['another format version', '/version.json'],
    ['another format', '/format.json']
  ])('a bundle that is %s gives an alert, not a blank widget and not an exception', async (_, src) => {
    const {page, errors, context} = await open(src)
    await page.waitForFunction(() => {
      const visit = (root: Element | ShadowRoot): boolean =>
        [...root.querySelectorAll('*')].some((e) => e.getAttribute('role') === 'alert' || (e.shadowRoot ? visit(e.shadowRoot) : false))
      return visit(document.querySelector('runbook-kit')!.shadowRoot!)
    }, undefined, {timeout: 10_000})
    expect(await roles(page)).toContain('alert')
    expect((await widgetText(page)).length).toBeGreaterThan(10)
    expect(errors).toEqual([])
    await context.close()
  })

  test('a very slow bundle shows a loading state, then the runbook', async () => {
    const {page, errors, context} = await open('/slow.json')
    await page.waitForTimeout(1000)
    const loading = await widgetText(page)
    expect(loading.length).toBeGreaterThan(0)
    await page.waitForFunction(() => document.querySelector('runbook-kit')?.shadowRoot?.querySelector('runbook-walkthrough, runbook-search'), undefined, {timeout: 15_000})
    expect(errors).toEqual([])
    await context.close()
  }, 30_000)

  const damage: Array<[string, string]> = [
    ['corrupted JSON', '{"format":"runbook-kit/session",'],
    ['a truncated state', '{"format":"runbook-kit/session","version":1,"id":"x","runbook":{"id":"reset-password"'],
    ['a foreign version', '{"format":"runbook-kit/session","version":7,"runbook":{"id":"reset-password"}}'],
    ['a state of wrong types', '{"format":"runbook-kit/session","version":1,"current":42,"path":"x","steps":[],"events":{}}'],
    ['an oversized state', JSON.stringify({format: 'runbook-kit/session', version: 1, id: 'big', runbook: {id: 'reset-password', hash: 'x'}, status: 'active', startedAt: 1, current: 'reset', path: ['check', 'reset'], steps: {}, params: {}, secretParams: [], events: Array.from({length: 3000}, (_, i) => ({type: 'note', at: 1 + i, step: 'check', text: 'n'.repeat(300)}))})]
  ]
  test.each(damage)('%s in localStorage: the walkthrough still opens and works', async (_, value) => {
    const {page, errors, context} = await open('/good.json', async (p) => {
      await p.addInitScript(
        ({key, value}) => {
          if (!sessionStorage.getItem('seeded')) {
            localStorage.setItem(key, value)
            sessionStorage.setItem('seeded', '1')
          }
        },
        {key: `runbook-kit:widget:v1:${runbook.id}@${runbook.hash}`, value}
      )
    })
    await page.waitForFunction(() => document.querySelector('runbook-kit')?.shadowRoot?.querySelector('runbook-walkthrough'), undefined, {timeout: 10_000})
    const text = await widgetText(page)
    expect(text).toContain('Reset a password')
    expect(errors).toEqual([])
    await context.close()
  })

  test('storage that throws on every write (quota exceeded): a notice, and the walkthrough keeps working', async () => {
    const {page, errors, context} = await open('/good.json', async (p) => {
      await p.addInitScript(() => {
        Storage.prototype.setItem = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        }
      })
    })
    await page.waitForFunction(() => document.querySelector('runbook-kit')?.shadowRoot?.querySelector('runbook-walkthrough'), undefined, {timeout: 10_000})
    await page.waitForTimeout(300)
    expect(await widgetText(page)).toMatch(/cannot be saved|storage/i)
    expect(errors).toEqual([])
    await context.close()
  })
})
