import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {createCollection, parseRunbook} from '@runbook-kit/core'
import {main} from '@runbook-kit/core/node'
import {idFromPath} from '../../packages/core/src/parse/links/links.js'
import {runbookIdFromPath} from '../../packages/core/src/parse/titles/id-from-path.js'

describe('ids from the folder (index.* and README.*)', () => {
  it('names a folder page after its folder', () => {
    expect(idFromPath('docs/redis/README.md')).toBe('redis')
    expect(idFromPath('source/foo/index.html.md')).toBe('foo')
    expect(idFromPath('source/foo/index.html.md.erb')).toBe('foo')
    expect(idFromPath('content/en/Backup Jobs/_index.md')).toBe('backup-jobs')
    expect(idFromPath('docs\\Print Server\\readme.markdown')).toBe('print-server')
    expect(idFromPath('./docs/./vpn/index.md')).toBe('vpn')
  })

  it('keeps the file name for every other file, and for a folder page with no folder', () => {
    expect(idFromPath('docs/redis/failover.md')).toBe('failover')
    expect(idFromPath('docs/redis/readme-first.md')).toBe('readme-first')
    expect(idFromPath('docs/indexing.html.md.erb')).toBe('indexing')
    expect(idFromPath('README.md')).toBe('readme')
    expect(idFromPath('../index.md')).toBe('index')
    expect(idFromPath('notes/upgrade-to-v1.2.md')).toBe('upgrade-to-v1-2')
  })

  it('is the id of a parsed runbook and of the runbook a link guesses', () => {
    const {runbook} = parseRunbook('# Redis\n\n## Check\n\nRead [the failover page](../sentinel/README.md).\n', {file: 'docs/redis/README.md'})
    expect(runbook.id).toBe('redis')
    expect(runbook.links).toEqual([{from: 'check', href: '../sentinel/README.md', runbook: 'sentinel'}])
    expect(idFromPath('docs/x/README.md')).toBe(runbookIdFromPath('docs/x/README.md'))
    // Frontmatter still wins.
    expect(parseRunbook('---\nid: cache\n---\n# Redis\n', {file: 'docs/redis/README.md'}).runbook.id).toBe('cache')
  })

  it('gives a folder page without a title its folder name as title', () => {
    const {runbook} = parseRunbook('Restart the service.\n', {file: 'docs/web-pages/index.md'})
    expect(runbook.title).toBe('Web pages')
  })

  it('lets a collection of two README files have two ids', () => {
    const collection = createCollection([
      {file: 'docs/redis/README.md', markdown: '# Redis\n\nSee [Postgres](../postgres/README.md).\n'},
      {file: 'docs/postgres/README.md', markdown: '# Postgres\n\nRestart it.\n'}
    ])
    expect(collection.runbooks.map((runbook) => runbook.id)).toEqual(['redis', 'postgres'])
    expect(collection.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'duplicate-step-id')).toEqual([])
    expect(collection.get('redis')!.links[0]!.runbook).toBe('postgres')
  })
})

describe('distinct ids in a collection', () => {
  const page = (file: string, markdown = '# Page\n\nDo it.\n') => ({file, markdown})

  it('tells meeting path ids apart by their folders', () => {
    const collection = createCollection([
      page('docs/elastic/troubleshooting/README.md'),
      page('docs/logging/troubleshooting/README.md'),
      page('docs/cloudflare/troubleshooting.md'),
      page('docs/vpn/setup.md')
    ])
    expect(collection.runbooks.map((runbook) => runbook.id)).toEqual([
      'elastic-troubleshooting',
      'logging-troubleshooting',
      'cloudflare-troubleshooting',
      'setup'
    ])
    expect(collection.diagnostics).toEqual([])
  })

  it('lets the folder page keep the id it shares with a file of its folder', () => {
    const collection = createCollection([page('docs/redis/redis.md'), page('docs/redis/README.md', '# Redis\n\nSee [the details](redis.md).\n')])
    expect(collection.runbooks.map((runbook) => runbook.id)).toEqual(['redis-redis', 'redis'])
    expect(collection.get('redis')!.links[0]!.runbook).toBe('redis-redis')
  })

  it('goes up as many folders as it needs', () => {
    const collection = createCollection([page('a/x/ops/restore.md'), page('b/x/ops/restore.md'), page('ops/restore.md', '---\nid: ops-restore\n---\n# R\n\nDo it.\n')])
    expect(collection.runbooks.map((runbook) => runbook.id)).toEqual(['x-ops-restore', 'b-x-ops-restore', 'ops-restore'])
  })

  it('never changes an id the frontmatter sets; a path id gives way to it', () => {
    const collection = createCollection([
      page('docs/db/failover.md', '---\nid: failover\n---\n# F\n\nDo it.\n'),
      page('docs/web/fail-over.md', '---\nid: failover\n---\n# F\n\nDo it.\n'),
      page('docs/web/failover.md'),
      page('docs/a.md', '---\nid: same\n---\n# A\n\nDo it.\n'),
      page('docs/b.md', '---\nid: same\n---\n# B\n\nDo it.\n')
    ])
    // A frontmatter id equal to the file's own path id cannot be told from it: docs/db/failover.md gives way too.
    expect(collection.runbooks.map((runbook) => runbook.id)).toEqual(['db-failover', 'failover', 'web-failover', 'same', 'same'])
    expect(collection.diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['Runbook id "same" is also used by docs/a.md'])
  })
})

describe('runbook lint on a docs tree', () => {
  async function lint(args: string[], cwd: string) {
    let stdout = ''
    let stderr = ''
    const code = await main(['lint', ...args], {
      stdout: {write: (chunk: string) => (stdout += chunk)},
      stderr: {write: (chunk: string) => (stderr += chunk)},
      stdin: new PassThrough(),
      cwd,
      env: {}
    })
    return {code, stdout, stderr}
  }

  it('reports no duplicate runbook id for folder pages', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runbook-ids-'))
    for (const folder of ['redis', 'postgres']) {
      mkdirSync(path.join(dir, 'docs', folder), {recursive: true})
      writeFileSync(path.join(dir, 'docs', folder, 'README.md'), `# ${folder}\n\nRestart ${folder}.\n`)
      writeFileSync(path.join(dir, 'docs', folder, 'index.html.md.erb'), `---\ntitle: ${folder} overview\n---\n# <%= current_page.data.title %>\n\nRead me.\n`)
    }
    // Folder walks skip README.md (loadDefaults.ignore); the two index pages are read.
    const walked = await lint(['docs'], dir)
    expect(walked.stdout).toBe('')
    expect(walked.code).toBe(0)
    // Named explicitly, the two README files are read too.
    const named = await lint(['docs/redis/README.md', 'docs/postgres/README.md'], dir)
    expect(named.stdout).toBe('')
    expect(named.stderr).toBe('0 errors, 0 warnings in 2 files\n')
    expect(named.code).toBe(0)
  })

  it('still reports two runbooks that set the same id', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runbook-ids-'))
    mkdirSync(path.join(dir, 'a'))
    mkdirSync(path.join(dir, 'b'))
    writeFileSync(path.join(dir, 'a/index.md'), '---\nid: same\n---\n# A\n\nDo a.\n')
    writeFileSync(path.join(dir, 'b/index.md'), '---\nid: same\n---\n# B\n\nDo b.\n')
    const result = await lint(['.'], dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Runbook id "same" is also used by a/index.md [duplicate-step-id]')
  })
})
