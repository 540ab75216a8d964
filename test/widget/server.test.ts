/**
 * The example server (`npm start`, the browser tests, bench/widget.mjs): gzip negotiated from
 * Accept-Encoding for text types, content types, caching of content-hashed files, and nothing
 * served from outside its two folders.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import type {Server} from 'node:http'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {gunzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
// @ts-expect-error: a plain ES module without types.
import {acceptsGzip, startServer} from '../../scripts/start.mjs'

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

let server: Server
let port: number
let work: string
const script = 'export const answer = 42;\n'.repeat(200)
const json = JSON.stringify({runbooks: Array.from({length: 200}, (_, i) => ({id: `rb-${i}`}))})
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({length: 64}, () => 0)])

/** A raw request, so the body arrives as sent (no automatic decompression, no URL normalising). */
function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request({host: '127.0.0.1', port, path: pathname, method, headers}, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks)}))
    })
    request.on('error', reject)
    request.end()
  })
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'runbook-kit-server-'))
  const site = path.join(work, 'site')
  const dist = path.join(work, 'dist')
  mkdirSync(path.join(site, 'parts'), {recursive: true})
  mkdirSync(dist)
  writeFileSync(path.join(work, 'secret.txt'), 'not for the web')
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>home</title>')
  writeFileSync(path.join(site, 'runbooks.bundle.json'), json)
  writeFileSync(path.join(site, 'parts', 'index.3f9a0c1d.json'), json)
  writeFileSync(path.join(site, 'logo.png'), png)
  writeFileSync(path.join(site, 'empty.json'), '')
  writeFileSync(path.join(dist, 'runbook-kit.js'), script)
  writeFileSync(path.join(dist, 'walkthrough-Dq3_x9aK.js'), script)
  ;({server} = (await startServer({port: 0, siteDir: site, distDir: dist})) as {server: Server})
  port = (server.address() as {port: number}).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(work, {recursive: true, force: true})
})

describe('acceptsGzip', () => {
  it('accepts gzip when listed, with a positive weight, or through *', () => {
    expect(acceptsGzip('gzip')).toBe(true)
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true)
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('GZIP')).toBe(true)
  })

  it('refuses gzip when absent, weighted 0, or no header at all', () => {
    expect(acceptsGzip('br, deflate')).toBe(false)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip('')).toBe(false)
    expect(acceptsGzip(undefined)).toBe(false)
  })
})

describe('startServer', () => {
  it('sends scripts gzip\'d to a browser that accepts it, as text/javascript', async () => {
    const reply = await get('/widget/runbook-kit.js', {'accept-encoding': 'gzip, deflate, br'})
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(reply.headers['content-encoding']).toBe('gzip')
    expect(reply.headers.vary).toBe('Accept-Encoding')
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length)
    expect(reply.body.length).toBeLessThan(script.length / 10)
    expect(gunzipSync(reply.body).toString()).toBe(script)
  })

  it('sends JSON gzip\'d as application/json, and the same bytes again from its cache', async () => {
    const first = await get('/runbooks.bundle.json', {'accept-encoding': 'gzip'})
    const second = await get('/runbooks.bundle.json', {'accept-encoding': 'gzip'})
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(first.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(first.body).toString()).toBe(json)
    expect(second.body.equals(first.body)).toBe(true)
  })

  it('sends the file as it is without Accept-Encoding or with gzip refused', async () => {
    for (const headers of [{}, {'accept-encoding': 'gzip;q=0, br'}] as Array<Record<string, string>>) {
      const reply = await get('/runbooks.bundle.json', headers)
      expect(reply.headers['content-encoding']).toBeUndefined()
      expect(reply.headers.vary).toBe('Accept-Encoding')
      expect(reply.body.toString()).toBe(json)
    }
  })

  it('does not compress what is compressed already, nor an empty file', async () => {
    const image = await get('/logo.png', {'accept-encoding': 'gzip'})
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.headers['content-encoding']).toBeUndefined()
    expect(image.body.equals(png)).toBe(true)
    const empty = await get('/empty.json', {'accept-encoding': 'gzip'})
    expect(empty.status).toBe(200)
    expect(empty.headers['content-encoding']).toBeUndefined()
    expect(empty.body.length).toBe(0)
  })

  it('lets browsers keep content-hashed files for a year, and revalidate the others', async () => {
    expect((await get('/widget/walkthrough-Dq3_x9aK.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await get('/parts/index.3f9a0c1d.json')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await get('/widget/runbook-kit.js')).headers['cache-control']).toBe('no-cache')
    expect((await get('/runbooks.bundle.json')).headers['cache-control']).toBe('no-cache')
    expect((await get('/')).headers['cache-control']).toBe('no-cache')
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const reply = await get('/widget/runbook-kit.js', {'accept-encoding': 'gzip'}, 'HEAD')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-encoding']).toBe('gzip')
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(0)
    expect(reply.body.length).toBe(0)
  })

  it('serves index.html for a folder, and nothing that is missing, outside its folders, or not GET/HEAD', async () => {
    expect((await get('/')).body.toString()).toContain('<title>home</title>')
    expect((await get('/missing.json')).status).toBe(404)
    expect((await get('/parts/')).status).toBe(404)
    for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/widget/../../secret.txt', '/widget/..%2f..%2fsecret.txt']) {
      const reply = await get(escape)
      expect([403, 404]).toContain(reply.status)
      expect(reply.body.toString()).not.toContain('not for the web')
    }
    expect((await get('/', {}, 'POST')).status).toBe(405)
  })
})
