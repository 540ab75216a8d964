import {parseRunbook, type ParseOptions, type Runbook} from '@runbook-kit/core'

/** Dedent a template literal so Markdown fixtures can be indented in tests. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((all, part, index) => all + part + (index < values.length ? String(values[index]) : ''), '')
  const lines = text.replace(/^\n/, '').split('\n')
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length))
  return lines.map((line) => line.slice(indent)).join('\n')
}

/** Parse and return the runbook and diagnostics. */
export function parse(markdown: string, options?: ParseOptions) {
  return parseRunbook(markdown, {file: 'test.md', ...options})
}

/** A compact view of a graph: `id kind → target(label)` per step. */
export function graph(runbook: Runbook): string[] {
  return runbook.steps.map((step) => {
    const edges = step.edges.map((edge) => {
      const target =
        edge.runbook !== undefined ? `${edge.runbook}${edge.to ? '#' + edge.to : ''}` : (edge.to ?? (edge.href === undefined ? 'end' : undefined))
      return `${edge.kind}:${target}${edge.label ? `(${edge.label})` : ''}`
    })
    return `${step.id} ${step.kind}${edges.length ? ' ' + edges.join(' ') : ''}`
  })
}

/** The rule ids of diagnostics, in order. */
export function rules(diagnostics: Array<{ruleId: string}>): string[] {
  return diagnostics.map((diagnostic) => diagnostic.ruleId)
}
