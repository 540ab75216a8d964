/**
 * The alert-router example, run as a user would run it: a separate Node
 * process importing the built @runbook-kit/core (npm test builds first).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync, cpSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const server = path.join(root, 'examples/alert-router/server.mjs')
const scratch = mkdtempSync(path.join(tmpdir(), 'alert-router-'))

// Our library plus one alert runbook written for this test.
const alertRunbook = `---
title: KubePodCrashLooping
category: incident-response
tags: [kubernetes, alert]
---
# KubePodCrashLooping

A pod's container keeps restarting.

## Meaning {#meaning}

The container exits soon after it starts.

## Diagnosis {#diagnosis}

\`\`\`sh
kubectl logs <pod> -n <namespace> --previous
\`\`\`

## Mitigation {#mitigation}

Roll back the last deployment.
`

/** A webhook payload as Alertmanager 0.27 sends it (version 4). */
function payload(alerts: object[]) {
  return {
    receiver: 'runbook-router',
    status: 'firing',
    alerts: alerts.map((alert, i) => ({
      status: 'firing',
      startsAt: '2026-11-23T16:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph?g0.expr=up',
      fingerprint: `f${i}`,
      ...alert
    })),
    groupLabels: {alertname: 'mixed'},
    commonLabels: {severity: 'warning'},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey: '{}:{alertname="mixed"}',
    truncatedAlerts: 0
  }
}

let child: ChildProcess | undefined
let base = ''

beforeAll(async () => {
  const dist = path.join(root, 'packages/core/dist/index.js')
  if (!existsSync(dist)) throw new Error(`alert-router test needs the built package: run \`npm run build\` (missing ${dist})`)
  const library = path.join(scratch, 'runbooks')
  cpSync(path.join(root, 'runbooks'), library, {recursive: true})
  writeFileSync(path.join(library, 'KubePodCrashLooping.md'), alertRunbook)
  child = spawn(process.execPath, [server, '--runbooks', library, '--port', '0'], {cwd: scratch, stdio: ['ignore', 'pipe', 'pipe']})
  base = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child!.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child!.on('exit', (code) => reject(new Error(`alert-router exited with ${code}: ${err}`)))
  })
}, 60_000)

afterAll(() => {
  child?.kill()
  rmSync(scratch, {recursive: true, force: true})
})

const post = async (body: unknown, pathname = '/alerts') => {
  const response = await fetch(base + pathname, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  return {status: response.status, body: (await response.json()) as any}
}

describe('alert-router example', () => {
  it('answers each alert with its runbook and step', async () => {
    const {status, body} = await post(
      payload([
        // Named by a runbook_url annotation with an anchor.
        {
          labels: {alertname: 'VPNGatewayUnreachable', severity: 'critical', instance: 'vpn-gw-1:9100'},
          annotations: {
            summary: 'Users cannot reach the VPN gateway',
            runbook_url: 'https://git.example.com/it/runbooks/-/blob/main/troubleshooting/vpn-not-connecting.md#if-it-cannot-reach-the-server-or-times-out'
          }
        },
        // A runbook named after the alert.
        {labels: {alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'cart-7d9f', severity: 'warning'}, annotations: {summary: 'Pod shop/cart-7d9f is crash looping'}},
        // Found by search: the alert name's words and the summary.
        {labels: {alertname: 'DNSResolutionFailing', site: 'LON', severity: 'warning'}, annotations: {summary: 'Names do not resolve from the London office', description: 'Probe lookups fail for intranet names.'}},
        {labels: {alertname: 'PrintQueueStuck', printer: 'PRN-3F-EAST'}, annotations: {summary: 'Print jobs stuck in the queue on the print server'}},
        // Nothing fits.
        {labels: {alertname: 'Xyzzy'}, annotations: {}}
      ])
    )
    expect(status).toBe(200)
    expect(body.receiver).toBe('runbook-router')
    const [vpn, crash, dns, print, none] = body.results
    expect(vpn).toMatchObject({alertname: 'VPNGatewayUnreachable', fingerprint: 'f0', reason: 'runbook_url', runbook: {id: 'vpn-not-connecting'}, step: {id: 'if-it-cannot-reach-the-server-or-times-out'}})
    expect(crash).toMatchObject({reason: 'alertname', runbook: {id: 'kubepodcrashlooping', title: 'KubePodCrashLooping'}, step: {id: 'meaning'}})
    expect(dns).toMatchObject({reason: 'search', runbook: {id: 'dns-not-resolving'}})
    expect(dns.step.id).toEqual(expect.any(String))
    expect(dns.score).toBeGreaterThan(0)
    expect(print).toMatchObject({reason: 'search', runbook: {id: 'printer-offline'}})
    expect(none).toMatchObject({alertname: 'Xyzzy', runbook: null, step: null, reason: 'no-match'})
  })

  it('finds an alert runbook by the words of a different alert name', async () => {
    const {body} = await post(payload([{labels: {alertname: 'ShopPodCrashLoop'}, annotations: {summary: 'container restarting repeatedly'}}]))
    expect(body.results[0]).toMatchObject({reason: 'search', runbook: {id: 'kubepodcrashlooping'}})
  })

  it('refuses what is not a webhook payload', async () => {
    expect(await post('{not json')).toMatchObject({status: 400, body: {error: expect.stringMatching(/not JSON/)}})
    expect(await post({alerts: 'no'})).toMatchObject({status: 400, body: {error: expect.stringMatching(/"alerts" array/)}})
    expect(await post({}, '/elsewhere')).toMatchObject({status: 404})
    const get = await fetch(base + '/alerts')
    expect(get.status).toBe(405)
    const health = await fetch(base + '/healthz')
    expect(await health.json()).toMatchObject({ok: true, runbooks: expect.any(Number)})
  })

  it('survives alerts of any shape', async () => {
    const {status, body} = await post(payload([{}, {labels: null}, {labels: {alertname: 42}}, {annotations: {runbook_url: '::::'}}]))
    expect(status).toBe(200)
    expect(body.results).toHaveLength(4)
  })

  it('serves from a split bundle that runbook build wrote', async () => {
    const {main} = await import('@runbook-kit/core/node')
    const quiet = {write: () => true}
    const io = {stdout: quiet, stderr: quiet, stdin: process.stdin, cwd: scratch, env: {}}
    expect(await main(['build', 'runbooks', '-o', 'split/runbooks.bundle.json', '--split', '--no-cache'], io)).toBeLessThan(2)
    const {openIndex, createRouter} = (await import(server)) as {
      openIndex: (source: {bundle: string}) => Promise<{runbooks: Array<{id: string}>}>
      createRouter: (index: unknown) => (alert: object) => {runbook: {id: string} | null; reason: string}
    }
    const index = await openIndex({bundle: path.join(scratch, 'split/runbooks.bundle.json')})
    expect(index.runbooks.map((runbook) => runbook.id)).toContain('kubepodcrashlooping')
    const route = createRouter(index)
    expect(route({labels: {alertname: 'KubePodCrashLooping'}})).toMatchObject({runbook: {id: 'kubepodcrashlooping'}, reason: 'alertname'})
    expect(route({labels: {alertname: 'PrintQueueStuck'}, annotations: {summary: 'Print jobs stuck in the queue'}})).toMatchObject({
      runbook: {id: 'printer-offline'},
      reason: 'search'
    })
  })

  it('listens on 127.0.0.1 only', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})
