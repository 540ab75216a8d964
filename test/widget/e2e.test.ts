/**
 * End-to-end tests of the widget in real headless Chromium, on the
 * intranet example pages, with the built widget and a bundle of the
 * project's runbooks. One browser for the whole file; a fresh context
 * (fresh storage) per test.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, beforeEach, afterEach, expect, it} from 'vitest'
import {artifacts, describeBrowser, focusedText, type Harness, startHarness, watch} from './browser.js'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

let harness: Harness
let context: BrowserContext
let page: Page

/** The title of the step on screen. */
const stepTitle = (p: Page) => p.locator('#step-title, #complete-title').first().textContent()

/**
 * Walk the open runbook to its end with the mouse, taking `pick(choices)`
 * at each decision; returns the step titles seen, in order.
 */
async function walkToEnd(p: Page, pick: (labels: string[]) => number = () => 0): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < 40; i++) {
    const title = (await p.locator('#step-title').textContent())!.trim()
    seen.push(title)
    const choices = p.locator('[part~=choice]')
    const count = await choices.count()
    if (count > 0) {
      const labels = (await choices.allTextContents()).map((t) => t.replace('→', '').trim())
      await choices.nth(pick(labels)).click()
    } else if (await p.getByRole('button', {name: 'Finish'}).count()) {
      await p.getByRole('button', {name: 'Finish'}).click()
      return seen
    } else {
      await p.locator('[part=actions] .button.primary').click()
    }
    await p.waitForFunction((before) => {
      const root = document.querySelector('runbook-kit')?.shadowRoot?.querySelector('runbook-walkthrough')?.shadowRoot ??
        document.querySelector('runbook-walkthrough')?.shadowRoot
      const now = root?.querySelector('#step-title, #complete-title')?.textContent?.trim()
      return now !== before
    }, title)
  }
  throw new Error(`no end after 40 steps: ${seen.join(' → ')}`)
}

async function axeViolations(p: Page) {
  await p.addScriptTag({content: axeSource})
  const result = await p.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (context: unknown, options: unknown) => Promise<{violations: Array<{id: string; impact: string; help: string; nodes: Array<{target: unknown}>}>}>}}).axe
    return axe.run(document, {resultTypes: ['violations']})
  })
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3)}))
}

describeBrowser('widget in Chromium', () => {
  beforeAll(async () => {
    harness = await startHarness()
  }, 120_000)

  afterAll(async () => {
    await harness?.close()
  })

  beforeEach(async () => {
    context = await harness.browser.newContext({viewport: {width: 1280, height: 900}, acceptDownloads: true})
    page = await context.newPage()
  })

  afterEach(async () => {
    await context.close()
  })

  it('search → open → walk a branching runbook to the end → export the timeline', async () => {
    const {errors, requests} = watch(page)
    await page.goto(harness.url)
    const field = page.getByRole('combobox', {name: 'Search runbooks'})
    await field.fill('printer offline')
    const first = page.locator('[role=option]').first()
    await expect.poll(() => first.textContent()).toContain('Printer offline or not printing')
    await first.click()
    await expect.poll(() => stepTitle(page)).toContain('Find out who is affected')

    // A branch: "only this user" skips the printer, network and server steps.
    const seen = await walkToEnd(page, (labels) => Math.max(0, labels.findIndex((l) => /only this user/i.test(l))))
    expect(seen[0]).toContain('Find out who is affected')
    expect(seen).not.toContain('4. Test whether the network reaches it')
    expect(seen.length).toBeGreaterThanOrEqual(3)
    await expect.poll(() => stepTitle(page)).toBe('Runbook complete')
    expect(await page.locator('progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(100)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Export timeline'}).click()])
    expect(download.suggestedFilename()).toMatch(/^printer-offline-\d{4}-\d{2}-\d{2}-timeline\.md$/)
    const saved = path.join(artifacts, 'timeline.md')
    await download.saveAs(saved)
    const timeline = readFileSync(saved, 'utf8')
    expect(timeline).toContain('Printer offline or not printing')
    expect(timeline).toContain('Find out who is affected')
    expect(timeline).toMatch(/chose: Only this user cannot print to it/i)
    expect(timeline).toContain('finished, 100%')

    // No network but the page's own files and the bundle.
    const origin = new URL(harness.url).origin
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:'))).toEqual([])
    expect(requests.filter((url) => url.endsWith('.json'))).toEqual([`${origin}/runbooks.bundle.json`])
    expect(errors).toEqual([])
  })

  it('a reload mid-way resumes at the same step with the same checks and notes', async () => {
    // The home page (deep-link on): open a runbook whose first step has a checklist.
    await page.goto(harness.url)
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('monthly restore test')
    await page.locator('[role=option]').filter({hasText: 'Monthly restore test'}).first().click()
    await expect.poll(() => page.locator('[part=checklist-item] input[type=checkbox]').count()).toBeGreaterThan(1)
    const firstTitle = await stepTitle(page)
    const boxes = page.locator('[part=checklist-item] input[type=checkbox]')
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await page.locator('[part=actions] .button.primary').click()
    await expect.poll(() => stepTitle(page)).not.toBe(firstTitle)
    const secondTitle = await stepTitle(page)
    await page.getByLabel('Notes for this step').fill('Sample list agreed with the app owner')
    await page.getByRole('button', {name: 'Add note'}).click()
    await expect.poll(() => page.locator('.note-list li').count()).toBe(1)
    expect(await page.evaluate(() => location.hash)).toMatch(/^#monthly-restore-test\//)

    await page.reload()
    await expect.poll(() => stepTitle(page)).toBe(secondTitle)
    expect(await page.locator('.note-list li').textContent()).toContain('Sample list agreed with the app owner')
    expect(await page.locator('[part=notice]').allTextContents()).toContain(`Resumed where you left off: ${secondTitle!.replace(/^\d+\. /, '')}.`)
    // Back still knows the path taken before the reload, and the ticks are still there.
    await page.getByRole('button', {name: /^← Back$/}).click()
    await expect.poll(() => stepTitle(page)).toBe(firstTitle)
    const ticks = await boxes.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).checked))
    expect(ticks.slice(0, 2)).toEqual([true, true])
    expect(ticks.filter(Boolean)).toHaveLength(2)
  })

  it('works with the keyboard alone: shortcut, arrows, Enter, Tab and Enter through to the end', async () => {
    await page.goto(harness.url)
    await page.locator('runbook-search').waitFor()
    await page.waitForFunction(() => document.querySelector('runbook-kit')?.shadowRoot?.querySelector('runbook-search')?.shadowRoot?.querySelector('select'))
    await page.keyboard.press('/')
    expect((await focusedText(page)).tag).toBe('input')
    await page.keyboard.type('vpn')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('runbook-walkthrough').count()).toBe(1)
    await expect.poll(() => stepTitle(page)).toBeTruthy()

    // From here on only Tab, Shift+Tab and Enter.
    const pressOn = async (match: RegExp) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab')
        const focused = await focusedText(page)
        if (focused.tag === 'button' && match.test(focused.text)) {
          await page.keyboard.press('Enter')
          return focused.text
        }
      }
      throw new Error(`no focusable button matching ${match}`)
    }
    for (let i = 0; i < 40; i++) {
      const title = await stepTitle(page)
      if (title === 'Runbook complete') break
      const hasChoices = (await page.locator('[part~=choice]').count()) > 0
      const finish = (await page.getByRole('button', {name: 'Finish'}).count()) > 0
      await pressOn(hasChoices ? /→$/ : finish ? /^Finish$/ : /(Done, next step|→)/)
      await expect.poll(() => stepTitle(page)).not.toBe(title)
      // Focus moved to the new step's title, so Tab continues from there.
      expect((await focusedText(page)).id).toMatch(/^(step-title|complete-title)$/)
    }
    expect(await stepTitle(page)).toBe('Runbook complete')
  })

  it('axe finds no serious or critical violations: search results, walkthrough with the escalation form, dark theme', async () => {
    await page.goto(harness.url)
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('restore database')
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    const onSearch = await axeViolations(page)

    // The walkthrough, in the dark theme, with the escalation form open and a note.
    await page.goto(`${harness.url}incident.html`)
    await expect.poll(() => stepTitle(page)).toContain('Find out who is affected')
    await page.locator('[data-theme-toggle]').click()
    await page.getByLabel('Notes for this step').fill('Two users affected')
    await page.getByRole('button', {name: 'Add note'}).click()
    await page.getByRole('button', {name: 'Escalate', exact: true}).click()
    const onWalkthrough = await axeViolations(page)

    const serious = [...onSearch, ...onWalkthrough].filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious).toEqual([])
  })

  it('the strict-CSP page works (classic script build) with no console errors', async () => {
    const {errors} = watch(page)
    const violations: string[] = []
    await page.exposeFunction('__cspViolation', (text: string) => violations.push(text))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        ;(window as unknown as {__cspViolation: (t: string) => void}).__cspViolation(`${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    const response = await page.goto(`${harness.url}csp.html`)
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'; style-src 'self'")
    await page.keyboard.press('Control+k')
    await page.keyboard.type('phishing')
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => stepTitle(page)).toBeTruthy()
    const before = await stepTitle(page)
    const choice = page.locator('[part~=choice]')
    if (await choice.count()) await choice.first().click()
    else await page.locator('[part=actions] .button.primary').click()
    await expect.poll(() => stepTitle(page)).not.toBe(before)
    // Styles are applied (adopted stylesheets are allowed by style-src 'self').
    const radius = await page.locator('runbook-walkthrough').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.base')!).borderTopLeftRadius)
    expect(radius).not.toBe('0px')
    expect(violations).toEqual([])
    expect(errors).toEqual([])
  })

  it('saves screenshots of the demo pages (test-results/demo.png)', async () => {
    await page.goto(harness.url)
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('printer offline')
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    await page.screenshot({path: path.join(artifacts, 'demo.png'), fullPage: true})

    await page.goto(`${harness.url}incident.html`)
    await expect.poll(() => stepTitle(page)).toContain('Find out who is affected')
    await page.getByRole('button', {name: /several people/i}).click()
    await expect.poll(() => stepTitle(page)).toContain('display')
    await page.screenshot({path: path.join(artifacts, 'demo-incident.png'), fullPage: true})

    await page.emulateMedia({colorScheme: 'dark'})
    await page.locator('[data-theme-toggle]').click()
    await page.screenshot({path: path.join(artifacts, 'demo-dark.png'), fullPage: true})
    expect(readFileSync(path.join(artifacts, 'demo.png')).subarray(1, 4).toString()).toBe('PNG')
  })
})
