#!/usr/bin/env node
// `npm start`: build the bundle from runbooks/, build the widget if needed, and serve the intranet example.
//
//   node scripts/start.mjs [--port 8080] [--host 127.0.0.1]
//
// Serves examples/intranet/ at / and packages/widget/dist/ at /widget/. The strict-CSP page
// (/csp.html) is sent with `Content-Security-Policy: script-src 'self'; style-src 'self'`.
// The functions are exported for the browser tests, which start the same server.
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const site = path.join(root, 'examples/intranet')
const widgetDist = path.join(root, 'packages/widget/dist')

/** The Content-Security-Policy of the strict page. */
export const strictCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8'
}

/** Build the widget (and core) with rollup when `packages/widget/dist` is missing or `force` is set. */
export function buildWidget({force = false} = {}) {
  const wanted = ['runbook-kit.js', 'runbook-kit.iife.js'].map((f) => path.join(widgetDist, f))
  const coreBuilt = existsSync(path.join(root, 'packages/core/dist/node/index.js'))
  if (!force && coreBuilt && wanted.every((f) => existsSync(f))) return false
  process.stderr.write('Building core and the widget (rollup)…\n')
  execFileSync(process.execPath, [path.join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], {
    cwd: root,
    stdio: 'inherit'
  })
  return true
}

/**
 * Build the runbook bundle from `runbooks/` with core's `buildBundle` and write it to
 * `examples/intranet/runbooks.bundle.json`. `core` is core's Node entry (default: its dist).
 */
export async function buildDemoBundle({core, dir = path.join(root, 'runbooks'), out = path.join(site, 'runbooks.bundle.json')} = {}) {
  const entry = core ?? (await import(pathToFileURL(path.join(root, 'packages/core/dist/node/index.js')).href))
  const {bundle, diagnostics} = await entry.buildBundle(dir, {cwd: root, cache: false})
  mkdirSync(path.dirname(out), {recursive: true})
  writeFileSync(out, JSON.stringify(bundle))
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  return {out, runbooks: bundle.runbooks.length, errors, warnings: diagnostics.length - errors}
}

/**
 * Serve the example site and the widget on `host:port` (port 0: any free port).
 * Resolves to `{server, url}`. Only GET and HEAD; no directory listings; nothing outside the two folders.
 */
export function startServer({port = 8080, host = '127.0.0.1', siteDir = site, distDir = widgetDist} = {}) {
  const server = http.createServer(async (request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, {allow: 'GET, HEAD'}).end()
        return
      }
      const {pathname} = new URL(request.url ?? '/', 'http://localhost')
      let decoded
      try {
        decoded = decodeURIComponent(pathname)
      } catch {
        response.writeHead(400).end('Bad request')
        return
      }
      const [base, rest] = decoded.startsWith('/widget/') ? [distDir, decoded.slice('/widget/'.length)] : [siteDir, decoded.slice(1)]
      let file = path.resolve(base, rest || 'index.html')
      if (file !== base && !file.startsWith(base + path.sep)) {
        response.writeHead(403).end('Forbidden')
        return
      }
      const info = await stat(file).catch(() => undefined)
      if (info?.isDirectory()) file = path.join(file, 'index.html')
      const body = await readFile(file).catch(() => undefined)
      if (!body) {
        response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found')
        return
      }
      const headers = {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff'
      }
      if (path.basename(file) === 'csp.html') headers['content-security-policy'] = strictCsp
      response.writeHead(200, headers)
      response.end(request.method === 'HEAD' ? undefined : body)
    } catch (error) {
      response.writeHead(500).end(String(error))
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolve({server, url: `http://${host}:${typeof address === 'object' && address ? address.port : port}/`})
    })
  })
}

async function main() {
  const args = process.argv.slice(2)
  const option = (name, fallback) => {
    const at = args.indexOf(name)
    return at >= 0 && args[at + 1] ? args[at + 1] : fallback
  }
  const host = option('--host', '127.0.0.1')
  const port = Number(option('--port', process.env.PORT ?? 8080))
  buildWidget()
  const built = await buildDemoBundle()
  process.stderr.write(
    `Bundle: ${built.runbooks} runbooks → ${path.relative(root, built.out)}` +
      (built.errors + built.warnings ? ` (${built.errors} errors, ${built.warnings} warnings: run \`runbook lint runbooks\`)` : '') +
      '\n'
  )
  let started
  try {
    started = await startServer({port, host})
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error
    started = await startServer({port: 0, host})
  }
  process.stdout.write(`\nRunbook Kit intranet example: ${started.url}\n`)
  process.stdout.write(`  help-desk home   ${started.url}\n  incident page    ${started.url}incident.html\n  strict CSP page  ${started.url}csp.html\n\nCtrl-C to stop.\n`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })
}
