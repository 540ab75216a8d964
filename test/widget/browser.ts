/**
 * The real-browser harness of the widget tests: one headless Chromium
 * (Debian's, driven by playwright-core), the intranet example served by
 * `scripts/start.mjs` with a bundle built from `runbooks/`, and the built
 * widget (`packages/widget/dist`, built first when missing).
 *
 * Without Chromium the browser tests are skipped with a loud message,
 * except with `CI=true`, where a missing Chromium fails the run.
 */
import {existsSync, mkdirSync} from 'node:fs'
import type {Server} from 'node:http'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import * as coreNode from '@runbook-kit/core/node'
import {type Browser, chromium, type Page} from 'playwright-core'
import {describe} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {buildDemoBundle, buildWidget, startServer} from '../../scripts/start.mjs'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const artifacts = path.join(root, 'test-results')
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(executablePath)
const ci = process.env.CI === 'true' || process.env.CI === '1'

if (!hasChromium) {
  if (ci) throw new Error(`widget browser tests: no Chromium at ${executablePath}; CI requires it (apt-get install -y chromium)`)
  const line = '!'.repeat(78)
  console.warn(
    `\n${line}\n!!  WIDGET BROWSER TESTS SKIPPED: no Chromium at ${executablePath}\n` +
      `!!  Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH)\n${line}\n`
  )
}

/** `describe` when Chromium is there, `describe.skip` when not. */
export const describeBrowser = hasChromium ? describe : describe.skip

/** Launch arguments for a sandbox-less container. */
export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage'
]

export interface Harness {
  browser: Browser
  server: Server
  url: string
  close(): Promise<void>
}

/** Build what is missing, serve the example, launch Chromium. */
export async function startHarness(): Promise<Harness> {
  mkdirSync(artifacts, {recursive: true})
  buildWidget()
  await buildDemoBundle({core: coreNode})
  const {server, url} = (await startServer({port: 0})) as {server: Server; url: string}
  const browser = await chromium.launch({executablePath, args: launchArgs})
  return {
    browser,
    server,
    url,
    async close() {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

/** What a page logged that a test should know about: console errors and warnings, page errors, CSP violations. */
export function watch(page: Page): {errors: string[]; requests: string[]} {
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`console.${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('request', (request) => requests.push(request.url()))
  return {errors, requests}
}

/** The text of the deeply focused element (through shadow roots). */
export function focusedText(page: Page): Promise<{tag: string; text: string; id: string}> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    return {tag: active?.localName ?? '', text: (active?.textContent ?? '').replace(/\s+/g, ' ').trim(), id: active?.id ?? ''}
  })
}
