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
import {bundleJson, linkingMarkdown, plainPage, restoreMarkdown} from './fixtures.js'

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
    await page.getByRole('button', {name: 'Back', exact: true}).click()
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

  it('axe finds no serious or critical violations when the system is dark and the page is not (the widget follows prefers-color-scheme)', async () => {
    await page.emulateMedia({colorScheme: 'dark'})
    await page.goto(harness.url)
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('printer offline')
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    const onSearch = await axeViolations(page)
    await page.locator('[role=option]').first().click()
    await expect.poll(() => stepTitle(page)).toContain('Find out who is affected')
    // The page itself stays light: only the widget is dark.
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')).toBe('light')
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

  /** Serve `html` at `/plain/<name>.html` and a bundle of the linking fixtures at `/plain/links.json`; returns the page's URL. */
  async function plain(name: string, html: string): Promise<string> {
    const base = `${harness.url}plain/`
    await page.route(`${base}links.json`, (route) => route.fulfill({body: bundleJson([linkingMarkdown, restoreMarkdown]), contentType: 'application/json'}))
    await page.route(`${base}${name}.html`, (route) => route.fulfill({body: html, contentType: 'text/html'}))
    return `${base}${name}.html`
  }

  it('the classic-script build puts the classes on window.RunbookKit, as docs/widget.md says', async () => {
    const {errors} = watch(page)
    await page.goto(await plain('iife', plainPage('<script src="/widget/runbook-kit.iife.js" defer></script>', 'links.json')))
    await expect.poll(() => page.locator('[role=option]').count()).toBeGreaterThan(0)
    const global = await page.evaluate(() => {
      const kit = (window as unknown as {RunbookKit?: Record<string, unknown>}).RunbookKit
      return {
        keys: kit ? Object.keys(kit).sort() : [],
        same: kit?.RunbookWalkthrough === customElements.get('runbook-walkthrough') && kit?.RunbookKit === customElements.get('runbook-kit'),
        back: (kit?.defaultStrings as {backToSearch?: string} | undefined)?.backToSearch
      }
    })
    expect(global).toEqual({keys: ['RunbookKit', 'RunbookSearch', 'RunbookWalkthrough', 'defaultStrings'], same: true, back: 'All runbooks'})
    expect(errors).toEqual([])
  })

  it('a link in step text to another runbook opens it in the widget and the session records the hand-over (mouse, then keyboard)', async () => {
    const {errors, requests} = watch(page)
    const url = await plain('links', plainPage('<script type="module" src="/widget/runbook-kit.js"></script>', 'links.json', 'deep-link'))
    await page.addInitScript(() => {
      const w = window as unknown as {selected: unknown[]; completed: string[]}
      w.selected = []
      w.completed = []
      document.addEventListener('runbook-select', (event) => w.selected.push((event as CustomEvent).detail))
      document.addEventListener('runbook-complete', (event) => w.completed.push((event as CustomEvent<{timeline: string}>).detail.timeline))
    })
    for (const how of ['mouse', 'keyboard'] as const) {
      await page.goto(url)
      await page.getByRole('combobox', {name: 'Search runbooks'}).fill('disk full')
      await page.locator('[role=option]').filter({hasText: 'Disk full on a file server'}).first().click()
      await expect.poll(() => stepTitle(page)).toBe('1. Find what grew')
      await page.locator('[part=actions] .button.primary').click()
      await expect.poll(() => stepTitle(page)).toBe('2. Clean up')
      const link = page.locator('[part=content] a', {hasText: 'restore from backup'})
      if (how === 'mouse') await link.click()
      else {
        await link.focus()
        await page.keyboard.press('Enter')
      }
      // The other runbook, at the linked step, inside the same page.
      await expect.poll(() => stepTitle(page)).toBe('2. Copy it back')
      expect(await page.locator('[part=title]').textContent()).toBe('Restore a deleted share folder')
      expect(new URL(page.url()).pathname).toBe('/plain/links.html')
      const {selected, completed} = await page.evaluate(() => {
        const w = window as unknown as {selected: unknown[]; completed: string[]}
        return {selected: w.selected, completed: w.completed}
      })
      expect(selected.at(-1)).toEqual({runbookId: 'restore-share', stepId: 'step-2-copy-it-back', from: 'disk-full'})
      expect(completed).toHaveLength(1)
      expect(completed[0]).toContain('handed over to restore-share')
      expect(completed[0]).toMatch(/chose: If files were deleted by mistake/i)
    }
    expect(requests.filter((r) => /\.md(?:$|#)/.test(r))).toEqual([])
    expect(errors).toEqual([])
  })

  it('a link in prose opens the other runbook; one to a runbook the bundle lacks is text with a title, not a 404', async () => {
    await page.goto(await plain('prose', plainPage('<script type="module" src="/widget/runbook-kit.js"></script>', 'links.json')))
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('disk full')
    await page.locator('[role=option]').filter({hasText: 'Disk full on a file server'}).first().click()
    await page.locator('[part=outline-item] button', {hasText: 'Done'}).click()
    await expect.poll(() => stepTitle(page)).toBe('3. Done')
    const missing = page.locator('[part=content] .missing-link')
    expect(await missing.textContent()).toBe('the retired guide')
    expect(await missing.getAttribute('title')).toContain('retired-guide')
    expect(await page.locator('[part=content] a', {hasText: 'the retired guide'}).count()).toBe(0)
    await page.locator('[part=content] a', {hasText: 'the restore runbook'}).click()
    await expect.poll(() => stepTitle(page)).toBe('1. Find the snapshot')
    expect(new URL(page.url()).pathname).toBe('/plain/prose.html')
  })

  it('the language label of a code block is not under the copy button (test-results/code-block.png)', async () => {
    await page.goto(await plain('code', plainPage('<script type="module" src="/widget/runbook-kit.js"></script>', 'links.json')))
    await page.getByRole('combobox', {name: 'Search runbooks'}).fill('disk full')
    await page.locator('[role=option]').filter({hasText: 'Disk full on a file server'}).first().click()
    const code = page.locator('[part=code]').first()
    await code.waitFor()
    const lang = (await code.locator('.code-lang').boundingBox())!
    const copy = (await code.locator('[part=copy-button]').boundingBox())!
    await code.screenshot({path: path.join(artifacts, 'code-block.png')})
    const overlap = lang.x < copy.x + copy.width && copy.x < lang.x + lang.width && lang.y < copy.y + copy.height && copy.y < lang.y + lang.height
    expect(overlap).toBe(false)
    // Nor over the code itself.
    const text = (await code.locator('pre').boundingBox())!
    expect(lang.y + lang.height <= text.y + 1 || lang.x >= text.x + text.width - 1).toBe(true)
  })
})

