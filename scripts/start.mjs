#!/usr/bin/env node
// `npm start`: build the bundle from runbooks/, build the widget if needed, and serve the intranet example.
//
//   node scripts/start.mjs [--port 8080] [--host 127.0.0.1]
//
// Serves examples/intranet/ at / and packages/widget/dist/ at /widget/. The strict-CSP page
// (/csp.html) is sent with `Content-Security-Policy: script-src 'self'; style-src 'self'`.
// Text files are gzip'd when the browser accepts it (as a production web server would, so that
// bench/widget.mjs measures real bytes on the wire); content-hashed files are cacheable forever.
// The functions are exported for the browser tests and bench/widget.mjs, which start the same server.
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {gzip} from 'node:zlib'

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
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

/** Types worth compressing (images here are already compressed, except SVG). */
const compressible = /^(?:text\/|application\/json|image\/svg\+xml)/

/**
 * A script, style or JSON file named with a content hash (`walkthrough-3Fq1_x9a.js`,
 * `runbooks.bundle.9f2c41d0.json`): a last `-` or `.` part of 8 or more letters, digits, `_` or `-`
 * with at least one digit. Such a file never changes under its name, so browsers may keep it for a year.
 */
const hashedName = /[.-](?=[\w-]*\d)[\w-]{8,}\.(?:js|mjs|css|json)$/i

/** Whether the request's Accept-Encoding allows gzip (`gzip;q=0` refuses it). */
export function acceptsGzip(header) {
  for (const part of String(header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (coding !== 'gzip' && coding !== '*') continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}

const gzipAsync = promisify(gzip)
/** Gzip'd bodies by file, reused while the file's size and mtime are unchanged. */
const gzipCache = new Map()

/** The gzip'd body of `file` (level 6, zlib's default and a common server setting). */
async function gzipped(file, body, info) {
  const key = `${info.size}:${info.mtimeMs}`
  const cached = gzipCache.get(file)
  if (cached?.key === key) return cached.value
  const value = gzipAsync(body, {level: 6})
  gzipCache.set(file, {key, value})
  value.catch(() => gzipCache.delete(file))
  return value
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
 * Text types are sent gzip'd to a client that accepts it (`Vary: Accept-Encoding`); files with a
 * content hash in their name get `Cache-Control: public, max-age=31536000, immutable`, the others `no-cache`.
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
      let info = await stat(file).catch(() => undefined)
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html')
        info = await stat(file).catch(() => undefined)
      }
      const body = info?.isFile() ? await readFile(file).catch(() => undefined) : undefined
      if (!info || !body) {
        response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found')
        return
      }
      const type = types[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
      const headers = {
        'content-type': type,
        'cache-control': hashedName.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff'
      }
      if (path.basename(file) === 'csp.html') headers['content-security-policy'] = strictCsp
      let sent = body
      if (compressible.test(type)) {
        headers.vary = 'Accept-Encoding'
        if (body.length > 0 && acceptsGzip(request.headers['accept-encoding'])) {
          sent = await gzipped(file, body, info)
          headers['content-encoding'] = 'gzip'
        }
      }
      headers['content-length'] = sent.length
      response.writeHead(200, headers)
      response.end(request.method === 'HEAD' ? undefined : sent)
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
