/**
 * The module build loads in pieces (issue 14): the first script holds the
 * search and the `<runbook-kit>` shell; the walkthrough is a chunk beside it,
 * fetched when a runbook is opened or when a `<runbook-walkthrough>` is on
 * the page, under `script-src 'self'`, with one script tag.
 */
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, beforeEach, expect, it} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {strictCsp} from '../../scripts/start.mjs'
import {describeBrowser, type Harness, startHarness, watch} from './browser.js'
import {bundleJson, linkingMarkdown, plainPage, restoreMarkdown} from './fixtures.js'

let harness: Harness
let context: BrowserContext
let page: Page

const chunk = /\/widget\/runbook-kit\.walkthrough-[\w-]+\.js$/
const stepTitle = (p: Page) => p.locator('#step-title').first().textContent()

describeBrowser('the module build in chunks', () => {
  beforeAll(async () => {
    harness = await startHarness()
  }, 300_000)

  afterAll(async () => {
    await harness?.close()
  })

  beforeEach(async () => {
    context = await harness.browser.newContext()
    page = await context.newPage()
  })

  afterEach(async () => {
    await context.close()
  })

  /** Serve `html` at `/plain/<name>.html` (with the strict CSP header) and the linking fixtures at `/plain/links.json`. */
  async function serve(name: string, html: string): Promise<string> {
    const base = `${harness.url}plain/`
    await page.route(`${base}links.json`, (route) => route.fulfill({body: bundleJson([linkingMarkdown, restoreMarkdown]), contentType: 'application/json'}))
    await page.route(`${base}${name}.html`, (route) =>
      route.fulfill({body: html, contentType: 'text/html', headers: {'content-security-policy': strictCsp as string}})
    )
    return `${base}${name}.html`
  }

  it('searches with the first script alone, and fetches the walkthrough chunk from the same folder when a runbook is opened', async () => {
    const {errors, requests} = watch(page)
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await page.goto(await serve('search', plainPage('<script type="module" src="/widget/runbook-kit.js"></script>', 'links.json')))
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('disk full')
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    const scripts = () => requests.filter((url) => url.endsWith('.js')).map((url) => new URL(url).pathname)
    expect(scripts()).toEqual(['/widget/runbook-kit.js'])
    expect(await page.evaluate(() => customElements.get('runbook-walkthrough') === undefined)).toBe(true)

    await page.locator('[role=option]').first().click()
    await expect.poll(() => stepTitle(page)).toBeTruthy()
    expect(scripts()).toHaveLength(2)
    expect(scripts()[1]).toMatch(chunk)
    expect(violations).toEqual([])
    expect(errors).toEqual([])
  })

  it('pointing at a result fetches the walkthrough before it is chosen; typing alone does not', async () => {
    const {errors, requests} = watch(page)
    await page.goto(await serve('prefetch', plainPage('<script type="module" src="/widget/runbook-kit.js"></script>', 'links.json')))
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('restore')
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    expect(requests.filter((url) => chunk.test(url))).toEqual([])
    await page.locator('[role=option]').first().hover()
    await expect.poll(() => requests.filter((url) => chunk.test(url)).length).toBe(1)
    expect(await page.locator('runbook-walkthrough').count()).toBe(0)
    await page.locator('[role=option]').first().click()
    await expect.poll(() => stepTitle(page)).toBeTruthy()
    expect(requests.filter((url) => chunk.test(url)).length).toBe(1)
    expect(errors).toEqual([])
  })

  it('a page with only <runbook-walkthrough> and the one script tag: the element is defined and shows its runbook', async () => {
    const {errors, requests} = watch(page)
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Walkthrough only</title>
<script type="module" src="/widget/runbook-kit.js"></script></head>
<body><main><runbook-walkthrough src="links.json" runbook-id="disk-full" storage="none"></runbook-walkthrough></main></body></html>`
    await page.goto(await serve('walkthrough', html))
    expect(await page.evaluate(() => customElements.whenDefined('runbook-walkthrough').then(() => true))).toBe(true)
    await expect.poll(() => stepTitle(page)).toBe('1. Find what grew')
    expect(requests.some((url) => chunk.test(url))).toBe(true)
    expect(errors).toEqual([])
  })

  it('a <runbook-walkthrough> added later by script is loaded too', async () => {
    const {errors} = watch(page)
    await page.goto(await serve('later', plainPage('<script type="module" src="/widget/runbook-kit.js"></script>', 'links.json')))
    await page.waitForFunction(() => customElements.get('runbook-kit'))
    await page.evaluate(() => {
      const walk = document.createElement('runbook-walkthrough')
      walk.setAttribute('src', 'links.json')
      walk.setAttribute('runbook-id', 'restore-share')
      walk.setAttribute('storage', 'none')
      document.body.append(walk)
    })
    await expect.poll(() => page.locator('body > runbook-walkthrough #step-title').textContent()).toBe('1. Find the snapshot')
    expect(errors).toEqual([])
  })
})
