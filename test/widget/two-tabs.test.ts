/**
 * Two tabs on one runbook, in real Chromium: two pages of one browser
 * context share `localStorage`, and each hears the other's saves through
 * real `storage` events. Neither tab's progress may be overwritten
 * silently; each keeps working, and the user chooses which progress to keep.
 */
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, beforeEach, expect, it} from 'vitest'
import {describeBrowser, type Harness, startHarness, watch} from './browser.js'

let harness: Harness
let context: BrowserContext

const storageKey = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).find((key) => key.startsWith('runbook-kit:widget:v1:printer-offline@')) ?? null)
const stored = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('runbook-kit:widget:v1:printer-offline@'))
    return key ? (JSON.parse(localStorage.getItem(key)!) as {current: string; events: unknown[]}) : null
  })
const stepTitle = async (page: Page) => (await page.locator('#step-title').textContent())?.trim()
const otherTabNotice = (page: Page) => page.locator('[part=notice][role=alert]').filter({hasText: 'updated in another tab'})

/** Take the first choice of the step on screen, or "Done, next". */
async function advance(page: Page): Promise<void> {
  const before = await stepTitle(page)
  const choices = page.locator('[part~=choice]')
  if (await choices.count()) await choices.first().click()
  else await page.locator('[part=actions] .button.primary').click()
  await expect.poll(() => stepTitle(page)).not.toBe(before)
}

async function open(): Promise<{page: Page; errors: string[]}> {
  const page = await context.newPage()
  const {errors} = watch(page)
  await page.goto(`${harness.url}incident.html`)
  await expect.poll(() => stepTitle(page)).toBeTruthy()
  return {page, errors}
}

describeBrowser('two tabs on one runbook (Chromium)', () => {
  beforeAll(async () => {
    harness = await startHarness()
  }, 120_000)

  afterAll(async () => {
    await harness?.close()
  })

  beforeEach(async () => {
    context = await harness.browser.newContext({viewport: {width: 1100, height: 800}})
  })

  afterEach(async () => {
    await context.close()
  })

  it('opening the runbook in a second tab writes nothing; a save in one tab gives the other a notice, never an overwrite', async () => {
    const a = await open()
    const b = await open()
    const first = await stepTitle(a.page)
    // Opening alone saved nothing in either tab.
    expect(await storageKey(a.page)).toBeNull()

    await advance(a.page)
    const aStep = await stepTitle(a.page)
    const saved = await stored(a.page)
    expect(saved?.events.length).toBeGreaterThan(0)

    // Tab B hears of it: a notice with a choice, and it stays where it was.
    await expect.poll(() => otherTabNotice(b.page).count()).toBe(1)
    expect(await stepTitle(b.page)).toBe(first)
    // B keeps working, but its steps do not overwrite A's progress.
    await advance(b.page)
    expect(await stored(b.page)).toEqual(saved)

    // B loads A's progress: it is at A's step, the notice is gone.
    await b.page.getByRole('button', {name: 'Load that progress'}).click()
    await expect.poll(() => stepTitle(b.page)).toBe(aStep)
    expect(await otherTabNotice(b.page).count()).toBe(0)

    // Now B moves on; A is told, and keeps its own on request.
    await advance(b.page)
    const bSaved = await stored(b.page)
    expect(bSaved?.current).not.toBe(saved?.current)
    await expect.poll(() => otherTabNotice(a.page).count()).toBe(1)
    await a.page.getByRole('button', {name: /Keep this tab/}).click()
    await expect.poll(async () => (await stored(a.page))?.current).toBe(saved?.current)
    expect(await otherTabNotice(a.page).count()).toBe(0)
    // …and B, in turn, hears of A's save.
    await expect.poll(() => otherTabNotice(b.page).count()).toBe(1)

    expect([...a.errors, ...b.errors]).toEqual([])
  })
})
