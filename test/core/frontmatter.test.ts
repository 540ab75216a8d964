import {describe, expect, it} from 'vitest'
import {md, parse, rules} from './helpers.js'

describe('frontmatter', () => {
  it('reads every documented key and keeps unknown keys', () => {
    const {runbook, diagnostics} = parse(md`
      ---
      title: Printer offline
      id: printer-offline
      category: Troubleshooting
      tags: [printer, print-queue]
      owner: Service Desk
      severity: low
      estimate: 15 min
      audience: tier-1
      description: Get a printer printing again.
      last_reviewed_on: 2026-05-11
      review_in: 6 months
      weight: 10
      links: {wiki: "https://wiki.example.com"}
      params:
        printer: Printer host name
        token:
          description: API token
          secret: true
          default: none
      ---
      ## Check

      Look.
    `)
    expect(diagnostics).toEqual([])
    expect(runbook).toMatchObject({id: 'printer-offline', title: 'Printer offline', description: 'Get a printer printing again.'})
    expect(runbook.meta).toEqual({
      category: 'troubleshooting',
      tags: ['printer', 'print-queue'],
      owner: 'Service Desk',
      severity: 'low',
      estimate: '15 min',
      audience: ['tier-1'],
      reviewed: '2026-05-11',
      reviewBy: '6 months',
      extra: {weight: 10, links: {wiki: 'https://wiki.example.com'}}
    })
    expect(runbook.params).toEqual([
      {name: 'printer', description: 'Printer host name', secret: false, declared: true},
      {name: 'token', description: 'API token', default: 'none', secret: true, declared: true}
    ])
  })

  it('accepts category aliases and reports unknown categories', () => {
    expect(parse('---\ncategory: backup\n---\n# T\n').runbook.meta.category).toBe('backup-restore')
    expect(parse('---\ncategory: Incident Response\n---\n# T\n').runbook.meta.category).toBe('incident-response')
    const {runbook, diagnostics} = parse('---\ncategory: plumbing\n---\n# T\n\nx\n')
    expect(runbook.meta.category).toBe('other')
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.message])).toEqual([
      [
        'invalid-frontmatter',
        'warning',
        'Unknown category "plumbing": expected one of troubleshooting, onboarding, backup-restore, incident-response, other; read as "other"'
      ]
    ])
  })

  it('reports broken YAML at the line of the problem and reads the rest of the file', () => {
    const {runbook, diagnostics} = parse('---\ntitle: Ok\ntags: [a, b\nowner: x\n---\n# Heading title\n\n## Step\n\nText.\n', {file: 'bad.md'})
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ruleId: 'invalid-frontmatter', severity: 'error', file: 'bad.md'})
    // Line 4 of the file is where the unterminated flow sequence is noticed.
    expect(diagnostics[0]).toMatchObject({line: 4, column: 1})
    expect(diagnostics[0]!.message).toMatch(/^Frontmatter is not valid YAML: Flow sequence .* end with a \]$/)
    expect(runbook.title).toBe('Heading title')
    expect(runbook.steps.map((step) => step.title)).toEqual(['Step'])
  })

  it('reports duplicate keys and a non-map document', () => {
    expect(rules(parse('---\ntitle: a\ntitle: b\n---\n# T\n\nx\n').diagnostics)).toEqual(['invalid-frontmatter'])
    expect(parse('---\n- just\n- a list\n---\n# T\n\nx\n').diagnostics.map((d) => d.message)).toEqual([
      'Frontmatter must be a map of keys to values'
    ])
  })

  it('survives alias bombs and drops prototype keys', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let index = 1; index < 12; index++) {
      const previous = String.fromCharCode(96 + index)
      const name = String.fromCharCode(97 + index)
      bomb.push(`${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`)
    }
    const {diagnostics} = parse(`---\n${bomb.join('\n')}\n---\n# T\n\nx\n`)
    expect(rules(diagnostics)).toContain('invalid-frontmatter')

    const {runbook, diagnostics: protoDiagnostics} = parse('---\n__proto__: {polluted: true}\nnested: {constructor: {prototype: {x: 1}}}\n---\n# T\n\nx\n')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(runbook.meta.extra)).toEqual(['nested'])
    expect(runbook.meta.extra.nested).toEqual({})
    expect(rules(protoDiagnostics)).toEqual(['invalid-frontmatter', 'invalid-frontmatter'])
  })

  it('reports bad params', () => {
    const {runbook, diagnostics} = parse('---\nparams:\n  - name: "bad name"\n  - name: ok\n  - name: ok\n  - 42\n---\n# T\n\nx\n')
    expect(runbook.params.map((param) => param.name)).toEqual(['ok'])
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Parameter name "bad name" is not valid (letters, digits, "_", "-", ".")',
      'Parameter "ok" is declared twice',
      'Parameter 42 should be a name or a map with "name"'
    ])
  })

  it('reports keys that are maps or lists as diagnostics, and prints no process warning', () => {
    const warnings: unknown[] = []
    const emitWarning = process.emitWarning
    const consoleWarn = console.warn
    process.emitWarning = ((warning: unknown) => void warnings.push(warning)) as typeof process.emitWarning
    console.warn = (...args: unknown[]) => void warnings.push(args)
    try {
      const {runbook, diagnostics} = parse(md`
        ---
        title: Keys
        {a}: 1
        [b, c]: 2
        params:
          {p}: 3
        ---
        ## Check

        Look.
      `, {file: 'keys.md'})
      expect(warnings).toEqual([])
      const keys = diagnostics.filter((d) => d.message.includes('is a map or a list'))
      expect(keys.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`)).toEqual([
        'keys.md:3:1 warning Frontmatter key "{a}" is a map or a list; it was read as text [invalid-frontmatter]',
        'keys.md:4:1 warning Frontmatter key "[b, c]" is a map or a list; it was read as text [invalid-frontmatter]',
        'keys.md:6:3 warning Frontmatter key "{p}" is a map or a list; it was read as text [invalid-frontmatter]'
      ])
      expect(runbook.title).toBe('Keys')
      expect(runbook.meta.extra).toEqual({'{ a }': 1, '[ b, c ]': 2})
    } finally {
      process.emitWarning = emitWarning
      console.warn = consoleWarn
    }
  })

  it('an alias of a map used as a key is reported too', () => {
    const {diagnostics} = parse('---\nbase: &b {x: 1}\n*b : 2\n---\n# T\n\nx\n')
    expect(diagnostics.map((d) => [d.line, d.message])).toContainEqual([3, 'Frontmatter key "*b" is a map or a list; it was read as text'])
  })
})
