/**
 * Journey: the widget as a new user gets it. Both packages are packed and
 * installed into a temporary project; the installed CLI builds a bundle; a
 * plain page loads the installed widget (the ESM build, then the classic
 * script, whose global must exist) and a person searches, opens a runbook,
 * follows a link in its text to another runbook (it opens in the widget and
 * the session records the hand-over), finishes and exports the timeline.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import type {Server} from 'node:http'
import path from 'node:path'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, expect, it} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {startServer} from '../../scripts/start.mjs'
import {describeBrowser, executablePath, launchArgs} from '../widget/browser.js'
import {linkingMarkdown, restoreMarkdown} from '../widget/fixtures.js'
import {type InstalledProject, packAndInstall} from './pack.js'

let project: InstalledProject
let server: Server
let url: string
let browser: Browser

const page = (script: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Runbooks</title>${script}</head>
<body><main><runbook-kit src="/runbooks.bundle.json" deep-link></runbook-kit></main></body></html>`

describeBrowser('journey: the packed widget on plain pages', () => {
  beforeAll(async () => {
    project = await packAndInstall()
    const runbooks = path.join(project.dir, 'runbooks')
    mkdirSync(runbooks)
    writeFileSync(path.join(runbooks, 'disk-full.md'), linkingMarkdown)
    writeFileSync(path.join(runbooks, 'restore-share.md'), restoreMarkdown)
    const site = path.join(project.dir, 'public')
    // `-o` makes the folder, as the CLI's own journey checks.
    const built = await project.run(path.join(project.dir, 'node_modules/.bin/runbook'), ['build', 'runbooks', '-o', 'public/runbooks.bundle.json'])
    expect(built.code, built.stderr).toBe(0)
    writeFileSync(path.join(site, 'esm.html'), page('<script type="module" src="/widget/runbook-kit.js"></script>'))
    writeFileSync(path.join(site, 'classic.html'), page('<script src="/widget/runbook-kit.iife.js" defer></script>'))
    ;({server, url} = (await startServer({
      port: 0,
      siteDir: site,
      distDir: path.join(project.dir, 'node_modules/@runbook-kit/widget/dist')
    })) as {server: Server; url: string})
    browser = await chromium.launch({executablePath, args: launchArgs})
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    if (server) await new Promise((resolve) => server.close(resolve))
    await project?.cleanup()
  })

  for (const build of ['esm', 'classic'] as const) {
    it(`${build}: search → open → follow a link to another runbook → finish → export`, async () => {
      const context = await browser.newContext({acceptDownloads: true})
      const tab: Page = await context.newPage()
      const errors: string[] = []
      tab.on('pageerror', (error) => errors.push(error.message))
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      const requests: string[] = []
      tab.on('request', (request) => requests.push(new URL(request.url()).pathname))
      tab.on('response', (response) => {
        if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
      })
      await tab.addInitScript(() => {
        const w = window as unknown as {selected: unknown[]; timelines: string[]}
        w.selected = []
        w.timelines = []
        document.addEventListener('runbook-select', (event) => w.selected.push((event as CustomEvent).detail))
        document.addEventListener('runbook-complete', (event) => w.timelines.push((event as CustomEvent<{timeline: string}>).detail.timeline))
      })
      await tab.goto(`${url}${build}.html`)
      const title = () => tab.locator('#step-title, #complete-title').first().textContent()

      if (build === 'classic') {
        await tab.waitForFunction(() => customElements.get('runbook-kit'))
        const names = await tab.evaluate(() => Object.keys((window as unknown as {RunbookKit?: object}).RunbookKit ?? {}).sort())
        expect(names).toEqual(['RunbookKit', 'RunbookSearch', 'RunbookWalkthrough', 'defaultStrings'])
      }

      await tab.getByRole('combobox', {name: 'Search runbooks'}).fill('disk full')
      await tab.locator('[role=option]').filter({hasText: 'Disk full on a file server'}).first().click()
      await expect.poll(title).toBe('1. Find what grew')
      await tab.locator('[part=actions] .button.primary').click()
      await expect.poll(title).toBe('2. Clean up')

      await tab.locator('[part=content] a', {hasText: 'restore from backup'}).click()
      await expect.poll(title).toBe('2. Copy it back')
      expect(await tab.locator('[part=title]').textContent()).toBe('Restore a deleted share folder')
      const handover = await tab.evaluate(() => {
        const w = window as unknown as {selected: unknown[]; timelines: string[]}
        return {selected: w.selected, timelines: w.timelines}
      })
      expect(handover.selected.at(-1)).toEqual({runbookId: 'restore-share', stepId: 'step-2-copy-it-back', from: 'disk-full'})
      expect(handover.timelines).toHaveLength(1)
      expect(handover.timelines[0]).toContain('handed over to restore-share')

      await tab.locator('[part=actions] .button.primary').click()
      await expect.poll(title).toBe('3. Tell the user')
      await tab.getByRole('button', {name: 'Finish'}).click()
      await expect.poll(title).toBe('Runbook complete')
      const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', {name: 'Export timeline'}).click()])
      const saved = path.join(project.dir, `${build}-timeline.md`)
      await download.saveAs(saved)
      const timeline = readFileSync(saved, 'utf8')
      expect(timeline).toContain('Restore a deleted share folder')
      expect(timeline).toContain('Copy it back')
      expect(timeline).toContain('finished, 100%')

      expect(requests.filter((p) => p.endsWith('.md'))).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    }, 60_000)
  }
})
