#!/usr/bin/env node
// alert-router: answers an Alertmanager webhook with the runbook (and step)
// for each alert. An example of using @runbook-kit/core from another tool.
//
//   node examples/alert-router/server.mjs --runbooks runbooks [--port 9095]
//   node examples/alert-router/server.mjs --bundle runbooks.bundle.json   (one file or split, a path or a URL)
//
// POST an Alertmanager webhook payload (version 4) to http://127.0.0.1:9095/alerts.
import {createServer} from 'node:http'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {search} from '@runbook-kit/core'
import {buildBundle, readBundle} from '@runbook-kit/core/node'

/** Largest request body read, in bytes. */
const maxBody = 1024 * 1024

/**
 * Make a router over a search index: `route(alert)` gives the best runbook
 * and step for one Alertmanager alert.
 *
 * @param {import('@runbook-kit/core').SearchIndex} index
 */
export function createRouter(index) {
  const runbooks = index.runbooks
  const byKey = new Map()
  for (const runbook of runbooks) {
    for (const key of [runbook.id, runbook.title, runbook.file && fileKey(runbook.file)]) {
      if (key && !byKey.has(normalize(key))) byKey.set(normalize(key), runbook)
    }
  }

  /** The step an anchor names (a step id or a heading inside a step), else the runbook's first step. */
  const stepFor = (runbook, anchor) =>
    (anchor && (runbook.steps.find((s) => s.id === anchor) ?? runbook.steps.find((s) => s.id === runbook.anchors[anchor]))) ||
    runbook.steps.find((s) => s.id === runbook.start) ||
    null

  return function route(alert) {
    const labels = isObject(alert?.labels) ? alert.labels : {}
    const annotations = isObject(alert?.annotations) ? alert.annotations : {}
    const alertname = text(labels.alertname)
    const summary = text(annotations.summary) || text(annotations.message)
    const description = text(annotations.description).slice(0, 300)
    // Label values such as severity=critical would only add noise: take the ones that name things.
    const query = [alertname, summary, text(labels.service), text(labels.job)].filter(Boolean).join(' ')
    const answer = (runbook, step, reason, score) => ({
      alertname,
      status: text(alert?.status) || undefined,
      fingerprint: text(alert?.fingerprint) || undefined,
      runbook: runbook ? {id: runbook.id, title: runbook.title, file: runbook.file} : null,
      step: step ? {id: step.id, title: step.title} : null,
      reason,
      score
    })

    // 1. The alert names its runbook: runbook_url annotation (or label).
    const url = text(annotations.runbook_url) || text(labels.runbook_url) || text(annotations.runbook)
    if (url) {
      const {key, anchor} = parseRunbookUrl(url)
      const runbook = key && byKey.get(normalize(key))
      if (runbook) return answer(runbook, stepFor(runbook, anchor), 'runbook_url', null)
    }
    // 2. A runbook is named after the alert.
    const named = alertname && byKey.get(normalize(alertname))
    if (named) return answer(named, stepFor(named), 'alertname', null)
    // 3. Search by alert name (its words count: KubePodCrashLooping → pod crash looping), summary and labels.
    const [best] = search(index, query || description, {limit: 1})
    if (!best) return answer(null, null, 'no-match', 0)
    const runbook = runbooks.find((r) => r.id === best.runbookId)
    const step = best.stepId ? runbook.steps.find((s) => s.id === best.stepId) : stepFor(runbook)
    return answer(runbook, step, 'search', best.score)
  }
}

/** The file name (without extension) and fragment of a runbook URL. */
export function parseRunbookUrl(value) {
  let pathname = value
  let anchor
  try {
    const url = new URL(value, 'http://localhost/')
    pathname = decodeURIComponent(url.pathname)
    anchor = url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined
  } catch {
    // Not a URL: read it as a path.
  }
  return {key: fileKey(pathname), anchor}
}

const fileKey = (file) => path.posix.basename(String(file).replace(/\\/g, '/')).replace(/(\.html)?\.(md|markdown)(\.erb)?$|\.html?$/i, '')
const normalize = (value) => String(value).toLowerCase().replace(/[^a-z0-9]+/g, '')
const text = (value) => (typeof value === 'string' ? value : '')
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * An HTTP request handler: `POST /alerts` (or `/`) with an Alertmanager
 * payload answers `{results: [...]}`; `GET /healthz` answers the runbook count.
 */
export function createHandler(index) {
  const route = createRouter(index)
  const send = (response, status, body) => {
    response.writeHead(status, {'content-type': 'application/json; charset=utf-8'})
    response.end(JSON.stringify(body) + '\n')
  }
  return (request, response) => {
    const {pathname} = new URL(request.url ?? '/', 'http://localhost/')
    if (pathname === '/healthz') return send(response, 200, {ok: true, runbooks: index.runbooks.length})
    if (pathname !== '/' && pathname !== '/alerts') return send(response, 404, {error: `no such path: ${pathname}`})
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST')
      return send(response, 405, {error: 'POST an Alertmanager webhook payload'})
    }
    const chunks = []
    let size = 0
    let tooLarge = false
    request.on('data', (chunk) => {
      size += chunk.length
      if (size > maxBody) tooLarge = true
      else chunks.push(chunk)
    })
    request.on('end', () => {
      if (tooLarge) return send(response, 413, {error: `payload larger than ${maxBody} bytes`})
      let payload
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch (error) {
        return send(response, 400, {error: `payload is not JSON: ${error.message}`})
      }
      if (!isObject(payload) || !Array.isArray(payload.alerts)) {
        return send(response, 400, {error: 'payload must be an Alertmanager webhook object with an "alerts" array'})
      }
      send(response, 200, {
        receiver: text(payload.receiver) || undefined,
        groupKey: text(payload.groupKey) || undefined,
        results: payload.alerts.map((alert) => route(alert))
      })
    })
    request.on('error', () => send(response, 400, {error: 'request failed'}))
  }
}

/** Load a bundle (a path or URL; one file or split: every part is read) or build one from a folder of runbooks. */
export async function openIndex({bundle, runbooks}) {
  if (bundle) return (await (await readBundle(bundle)).load()).index
  return (await buildBundle(runbooks, {cache: false})).index
}

/** Start the server on 127.0.0.1; resolves to the `http.Server` once listening. */
export async function start({port = 9095, ...source}) {
  const index = await openIndex(source)
  const server = createServer(createHandler(index))
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return server
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({
    options: {runbooks: {type: 'string'}, bundle: {type: 'string'}, port: {type: 'string', default: '9095'}}
  })
  const here = path.dirname(fileURLToPath(import.meta.url))
  const server = await start({
    port: Number(values.port),
    bundle: values.bundle,
    runbooks: values.runbooks ?? path.resolve(here, '../../runbooks')
  })
  const {port} = server.address()
  console.log(`alert-router listening on http://127.0.0.1:${port}/alerts`)
}
