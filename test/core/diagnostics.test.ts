import {describe, expect, it} from 'vitest'
import {formatDiagnostic, type RuleId} from '@runbook-kit/core'
import {md, parse} from './helpers.js'

/** One runbook per rule that triggers exactly that rule (and where). */
const cases: Array<[RuleId, string, number]> = [
  ['dangling-link', '# T\n\n## A\n\nSee [there](#nowhere).\n', 5],
  ['unreachable-step', '# T\n\n## A\n\nx\n\nEnd of runbook.\n\n## B\n\ny\n', 9],
  ['duplicate-step-id', '# T\n\n## One {#same}\n\nx\n\n## Two {#same}\n\ny\n', 7],
  ['empty-step', '# T\n\n## A\n\n## B\n\ny\n', 3],
  ['unclosed-code-fence', '# T\n\n## A\n\n```yaml\nkey: value\n', 5],
  ['decision-with-one-choice', '# T\n\n## A\n\n- Yes: [go](#b)\n\n## B\n\nb\n', 5],
  ['missing-title', 'No heading here.\n', 1],
  ['undeclared-param', '# T\n\n## A\n\n```sh\nping <host>\n```\n', 5],
  ['invalid-frontmatter', '---\ntitle: [unclosed\n---\n# T\n\nx\n', 2],
  ['destructive-without-warning', '# T\n\n## A\n\n```sh\nrm -rf /srv/data\n```\n', 5],
  ['no-end', '# T\n\n## A\n\nGo to [B](#b).\n\n## B\n\nGo back to [A](#a).\n', 3],
  ['limit-exceeded', '# T\n\n## A\n\nx\n\n## B\n\ny\n', 7]
]

describe('diagnostics', () => {
  it.each(cases)('%s is reported with its place', (ruleId, source, line) => {
    const options = ruleId === 'limit-exceeded' ? {maxSteps: 1} : {}
    const {diagnostics} = parse(source, {file: 'runbooks/x.md', ...options})
    expect(diagnostics.map((d) => d.ruleId)).toEqual([ruleId])
    expect(diagnostics[0]).toMatchObject({ruleId, file: 'runbooks/x.md', line, source: 'runbook-kit'})
    expect(diagnostics[0]!.column).toBeGreaterThanOrEqual(1)
    expect(diagnostics[0]!.message.length).toBeGreaterThan(10)
  })

  it('covers every rule the parser reports', () => {
    const reported = new Set(cases.map(([ruleId]) => ruleId))
    for (const ruleId of ['dangling-link', 'unreachable-step', 'duplicate-step-id', 'empty-step', 'unclosed-code-fence', 'decision-with-one-choice', 'missing-title', 'undeclared-param', 'invalid-frontmatter', 'destructive-without-warning'] as const) {
      expect(reported.has(ruleId)).toBe(true)
    }
  })

  it('formats as file:line:col severity message [rule]', () => {
    const {diagnostics} = parse('# T\n\n## A\n\nSee [there](#restart).\n', {file: 'runbooks/printer.md'})
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'runbooks/printer.md:5:5 warning Link target "#restart" is not a step or heading [dangling-link]'
    ])
    expect(formatDiagnostic({...diagnostics[0]!, file: undefined})).toMatch(/^<input>:5:5 /)
  })

  it('is sorted by line and carries end positions and notes', () => {
    const {diagnostics} = parse(md`
      # T

      ## A

      \`\`\`sh
      rm -rf /x
      \`\`\`

      See [gone](#gone).
    `)
    expect(diagnostics.map((d) => [d.line, d.ruleId])).toEqual([
      [5, 'destructive-without-warning'],
      [9, 'dangling-link']
    ])
    expect(diagnostics[0]).toMatchObject({endLine: 7, note: expect.stringContaining('WARNING')})
  })

  it('does not report links to headings, HTML anchors and the title', () => {
    const {diagnostics} = parse('# My title\n\n<a name="legacy"></a>\n\n## A\n\n### Sub\n\n[a](#sub) [b](#legacy) [c](#my-title) [d](#a)\n')
    expect(diagnostics).toEqual([])
  })
})
