/**
 * Cross-site scripting, in real Chromium, through every component of the
 * built widget (packages/widget/dist/runbook-kit.js).
 *
 * Runbooks full of attack vectors (xss-vectors.ts) in titles, step titles,
 * step text, commands, frontmatter values and parameter defaults are bundled
 * with core and served by a local server beside an instrumented page:
 *
 * - a global tripwire `__xss(n)` that every script vector calls;
 * - dialog listeners (`alert`, `confirm`, `prompt`);
 * - a report-only Content Security Policy that allows only the page's own
 *   scripts (and its nonce) and sends every violation to the server's
 *   `/csp-report` endpoint; report-only, so a vector that got through would
 *   also run and hit the tripwire;
 * - every request recorded, and any to another origin aborted and counted.
 *
 * Then every step of every runbook is shown by `<runbook-walkthrough>`, with
 * the vectors typed into its parameter fields and notes; every vector is
 * typed into `<runbook-search>` and into the search of `<runbook-kit>`.
 * Expected: zero tripwire calls, zero dialogs, zero CSP reports, zero
 * requests to any origin but the page's own.
 */
import {readFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {createBundle, parseRunbook, type Runbook} from '@runbook-kit/core'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, expect, test} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {buildWidget} from '../../scripts/start.mjs'
import {describeBrowser, executablePath, launchArgs, root} from '../widget/browser.js'
import {inlineVectors, vectors} from './xss-vectors.js'

const nonce = 'rk-test-nonce'
/** What the page script reads of a runbook (the whole runbook is sent). */
type Shown = {id: string; steps: Array<{id: string; title: string}>}
const widgetFile = path.join(root, 'packages/widget/dist/runbook-kit.js')

/** Runbooks that carry every vector in every place a runbook has text. */
function attackRunbooks(): Runbook[] {
  const runbooks: Runbook[] = []
  const perRunbook = 12
  for (let start = 0; start < vectors.length; start += perRunbook) {
    const group = vectors.slice(start, start + perRunbook)
    const inline = inlineVectors.slice(start % inlineVectors.length, (start % inlineVectors.length) + 6)
    const yaml = (text: string) => JSON.stringify(text)
    const frontmatter = [
      '---',
      `title: ${yaml(`Attack ${start} ${inline[0] ?? ''}`)}`,
      `id: attack-${start}`,
      `description: ${yaml(inline[1] ?? '')}`,
      `owner: ${yaml(inline[2] ?? '')}`,
      `severity: ${yaml(inline[3] ?? '')}`,
      `tags: [${inline.map(yaml).join(', ')}]`,
      `custom: ${yaml(inline[4] ?? '')}`,
      'params:',
      `  - name: target`,
      `    description: ${yaml(inline[5] ?? '')}`,
      `    default: ${yaml(inline[0] ?? '')}`,
      `  - name: token`,
      `    secret: true`,
      '---'
    ].join('\n')
    const steps = group.map((vector, i) => {
      const title = vector.includes('\n') ? vector.split('\n')[0] : vector
      return [
        `## Step ${i + 1}: ${title} {#s${i}}`,
        '',
        vector,
        '',
        `Text before ${vector} text after.`,
        '',
        '```sh',
        `echo '${vector}' <target> $TOKEN`,
        '```',
        '',
        `Run \`${vector.replace(/`/g, '')}\` then go to [the next step](#s${i + 1}).`,
        ''
      ].join('\n')
    })
    const markdown = `${frontmatter}\n\n# Attack ${start}\n\n${group[0]}\n\n${steps.join('\n')}\n## Done {#s${group.length}}\n\nEnd of runbook.\n`
    runbooks.push(parseRunbook(markdown, {file: `runbooks/attack-${start}.md`}).runbook)
  }
  return runbooks
}

function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>XSS test page</title>
<script nonce="${nonce}">
  window.__hits = []
  window.__xss = (n) => { window.__hits.push(String(n)); window.__xssReport && window.__xssReport(String(n)) }
</script>
<script type="module" src="/runbook-kit.js" nonce="${nonce}"></script>
</head>
<body>
<main id="main"></main>
</body>
</html>`
}

interface Server {
  url: string
  reports: string[]
  close(): Promise<void>
}

async function serve(bundle: string): Promise<Server> {
  const reports: string[] = []
  const widget = readFileSync(widgetFile)
  const csp = `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; report-uri /csp-report`
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.method === 'POST' && url.pathname === '/csp-report') {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        reports.push(body)
        response.writeHead(204).end()
      })
      return
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'content-security-policy-report-only': csp}).end(page())
    } else if (url.pathname === '/runbook-kit.js') {
      response.writeHead(200, {'content-type': 'text/javascript; charset=utf-8'}).end(widget)
    } else if (/^\/runbook-kit\.[\w-]+\.js$/.test(url.pathname) && url.pathname !== '/runbook-kit.iife.js') {
      // The chunks the script loads when a runbook is opened, from the same folder.
      response.writeHead(200, {'content-type': 'text/javascript; charset=utf-8'}).end(readFileSync(path.join(path.dirname(widgetFile), url.pathname.slice(1))))
    } else if (url.pathname === '/bundle.json') {
      response.writeHead(200, {'content-type': 'application/json; charset=utf-8'}).end(bundle)
    } else {
      response.writeHead(404, {'content-type': 'text/plain'}).end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {url: `http://127.0.0.1:${port}`, reports, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

describeBrowser('cross-site scripting in Chromium', () => {
  let browser: Browser
  let server: Server
  let runbooks: Runbook[]
  const hits: string[] = []
  const dialogs: string[] = []
  const foreign: string[] = []
  const errors: string[] = []

  beforeAll(async () => {
    buildWidget()
    runbooks = attackRunbooks()
    server = await serve(JSON.stringify(createBundle(runbooks)))
    browser = await chromium.launch({executablePath, args: launchArgs})
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    console.log(
      `xss: ${vectors.length} vectors in ${runbooks?.length} runbooks, ${runbooks?.reduce((n, r) => n + r.steps.length, 0)} steps; ` +
        `script executions ${hits.length}, dialogs ${dialogs.length}, CSP reports ${server?.reports.length}, foreign requests ${foreign.length}`
    )
  })

  async function open(): Promise<Page> {
    const context = await browser.newContext()
    const p = await context.newPage()
    await p.exposeFunction('__xssReport', (n: string) => hits.push(n))
    p.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void dialog.dismiss()
    })
    p.on('pageerror', (error) => errors.push(error.message))
    await p.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(server.url + '/')) return route.continue()
      foreign.push(`${route.request().resourceType()} ${url}`)
      return route.abort()
    })
    p.on('request', (request) => {
      const url = request.url()
      const entry = `${request.resourceType()} ${url}`
      if (!url.startsWith(server.url + '/') && !foreign.includes(entry)) foreign.push(entry)
    })
    await p.goto(server.url + '/')
    // The walkthrough is a chunk the script loads on demand: load it now (its documented `loadWalkthrough`), as the tests create it by script.
    await p.evaluate("import('/runbook-kit.js').then((widget) => widget.loadWalkthrough())")
    await p.waitForFunction(() => customElements.get('runbook-walkthrough') && customElements.get('runbook-search') && customElements.get('runbook-kit'))
    return p
  }

  test('the vectors are many and reach the page', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(100)
    expect(new Set(vectors).size).toBe(vectors.length)
    // The parser keeps raw HTML as html nodes: the widget is what must not run them.
    expect(JSON.stringify(runbooks)).toContain('<script>__xss(1)</script>')
  })

  test('control: the instruments catch a script that does run (innerHTML, outside the widget)', async () => {
    const p = await open()
    await p.evaluate(() => {
      document.querySelector('#main')!.innerHTML = '<img src="/missing.png" onerror="__xss(\'control\')">'
    })
    await p.waitForFunction(() => (window as unknown as {__hits: string[]}).__hits.includes('control'))
    for (let i = 0; i < 50 && !server.reports.some((r) => r.includes('script-src')); i++) await p.waitForTimeout(50)
    await p.context().close()
    const caught = {hits: [...hits], reports: server.reports.filter((r) => r.includes('script-src')).length}
    // Reset: the control must not count against the widget.
    hits.length = 0
    server.reports.length = 0
    expect(caught.hits).toEqual(['control'])
    expect(caught.reports).toBeGreaterThanOrEqual(1)
  })

  test('every step of every runbook in <runbook-walkthrough>, with vectors typed into its fields', async () => {
    const p = await open()
    const shown = await p.evaluate(
      async ({runbooks, typed}) => {
        let steps = 0
        const main = document.querySelector('#main')!
        const tick = () => new Promise((resolve) => setTimeout(resolve, 0))
        for (const runbook of runbooks) {
          for (const step of runbook.steps) {
            const element = document.createElement('runbook-walkthrough') as HTMLElement & {runbook: unknown; startStep: string; storage: string; updateComplete: Promise<unknown>}
            element.storage = 'none'
            element.startStep = step.id
            element.runbook = runbook
            main.replaceChildren(element)
            await element.updateComplete
            await tick()
            const rootNode = element.shadowRoot!
            if (!rootNode.textContent?.includes(step.title.slice(0, 3))) throw new Error(`step ${runbook.id}/${step.id} not shown`)
            let n = steps
            for (const field of rootNode.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type=checkbox]), textarea')) {
              field.value = typed[n++ % typed.length]!
              field.dispatchEvent(new Event('input', {bubbles: true, composed: true}))
              field.dispatchEvent(new Event('change', {bubbles: true, composed: true}))
            }
            await element.updateComplete
            await tick()
            steps++
          }
        }
        return steps
      },
      {runbooks: runbooks as unknown as Shown[], typed: vectors as string[]}
    )
    expect(shown).toBe(runbooks.reduce((n, r) => n + r.steps.length, 0))
    await p.waitForTimeout(300)
    await p.context().close()
    expect(hits).toEqual([])
    expect(dialogs).toEqual([])
  }, 180_000)

  test('every vector typed into <runbook-search> and <runbook-kit>, and every result opened', async () => {
    const p = await open()
    const searched = await p.evaluate(
      async ({queries}) => {
        const main = document.querySelector('#main')!
        const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))
        const search = document.createElement('runbook-search') as HTMLElement & {updateComplete: Promise<unknown>}
        search.setAttribute('src', '/bundle.json')
        const kit = document.createElement('runbook-kit') as HTMLElement & {updateComplete: Promise<unknown>}
        kit.setAttribute('src', '/bundle.json')
        kit.setAttribute('storage', 'none')
        main.replaceChildren(search, kit)
        const inputOf = (element: Element): HTMLInputElement | null => {
          const direct = element.shadowRoot?.querySelector<HTMLInputElement>('input[type=search], input')
          if (direct) return direct
          const inner = element.shadowRoot?.querySelector('runbook-search')
          return inner?.shadowRoot?.querySelector<HTMLInputElement>('input[type=search], input') ?? null
        }
        for (let i = 0; i < 200 && (!inputOf(search) || !inputOf(kit)); i++) await tick(25)
        let count = 0
        let results = 0
        for (const query of [...queries, 'attack', 'script', 'img onerror', 'javascript', 'evil']) {
          for (const element of [search, kit]) {
            const input = inputOf(element)
            if (!input) throw new Error(`no search field in <${element.localName}>`)
            input.value = query
            input.dispatchEvent(new Event('input', {bubbles: true, composed: true}))
            await tick(5)
            count++
          }
          await tick(20)
          const root = search.shadowRoot!
          results += root.querySelectorAll('[part~=result], li').length
        }
        // Open every result the last broad query found, in the kit.
        const kitSearch = kit.shadowRoot?.querySelector('runbook-search')
        const input = inputOf(kit)!
        input.value = 'attack'
        input.dispatchEvent(new Event('input', {bubbles: true, composed: true}))
        await tick(100)
        const links = [...(kitSearch?.shadowRoot?.querySelectorAll<HTMLElement>('[part~=result] a, [part~=result] button, [part~=result]') ?? [])]
        for (const link of links.slice(0, 5)) {
          link.click()
          await tick(100)
        }
        return {count, results}
      },
      {queries: vectors as string[]}
    )
    expect(searched.count).toBe((vectors.length + 5) * 2)
    expect(searched.results).toBeGreaterThan(0)
    await p.waitForTimeout(300)
    await p.context().close()
    expect(hits).toEqual([])
    expect(dialogs).toEqual([])
  }, 180_000)

  test('no script ran, no dialog opened, no script, frame, style or connect CSP violation', () => {
    expect(hits).toEqual([])
    expect(dialogs).toEqual([])
    const violations = server.reports.map((report) => JSON.parse(report)['csp-report'] as {'effective-directive': string; 'blocked-uri': string})
    expect(violations.filter((v) => v['effective-directive'] !== 'img-src')).toEqual([])
    expect(errors.filter((e) => /xss|evil/i.test(e))).toEqual([])
  })

  // Markdown images from other origins (`![x](https://…)`, `![x](//…)`, a
  // reference image) are shown as links unless the page opts in with
  // `remote-images`, so no request (not even a tracking pixel) leaves the
  // page's origin.
  test('no request goes to another origin, and no image is blocked by the CSP', () => {
    expect(foreign).toEqual([])
    expect(server.reports).toEqual([])
  })
})
