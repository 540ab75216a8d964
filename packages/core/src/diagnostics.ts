/**
 * Diagnostics: problems in runbooks, reported with a rule id and a place,
 * in the style of vfile messages.
 */
import type {Diagnostic, Point, Position, RuleId, Severity} from './types.js'

/** The severity each rule reports at unless a caller overrides it. */
export const ruleSeverity: Readonly<Record<RuleId, Severity>> = {
  'dangling-link': 'error',
  'unreachable-step': 'warning',
  'duplicate-step-id': 'error',
  'empty-step': 'warning',
  'unclosed-code-fence': 'warning',
  'decision-with-one-choice': 'warning',
  'missing-title': 'warning',
  'undeclared-param': 'warning',
  'invalid-frontmatter': 'error',
  'destructive-without-warning': 'warning',
  'no-end': 'warning',
  'limit-exceeded': 'error',
  'invalid-input': 'error',
  'not-a-procedure': 'info',
  'procedure-outside-steps': 'warning',
  'go-to-in-step': 'info'
}

/** Fields of a diagnostic that callers may add. */
export interface DiagnosticExtra {
  severity?: Severity | undefined
  note?: string | undefined
}

/**
 * Create a diagnostic at `place` (a point, a position, or nothing: 1:1).
 */
export function createDiagnostic(
  ruleId: RuleId,
  message: string,
  place: Point | Position | undefined,
  file: string | undefined,
  extra: DiagnosticExtra = {}
): Diagnostic {
  const start = place ? ('start' in place ? place.start : place) : {line: 1, column: 1}
  const end = place && 'end' in place ? place.end : undefined
  const diagnostic: Diagnostic = {
    ruleId,
    severity: extra.severity ?? ruleSeverity[ruleId],
    message,
    line: start.line,
    column: start.column,
    source: 'runbook-kit'
  }
  if (file !== undefined) diagnostic.file = file
  if (end) {
    diagnostic.endLine = end.line
    diagnostic.endColumn = end.column
  }
  if (extra.note !== undefined) diagnostic.note = extra.note
  return diagnostic
}

/**
 * Format a diagnostic as one line:
 * `runbooks/printer.md:12:3 warning Link target "#restart" is not a step [dangling-link]`.
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = `${diagnostic.file ?? '<input>'}:${diagnostic.line}:${diagnostic.column}`
  return `${where} ${diagnostic.severity} ${diagnostic.message} [${diagnostic.ruleId}]`
}

const severityRank: Record<Severity, number> = {error: 0, warning: 1, info: 2}

/** Sort diagnostics by file, line, column, then severity (in place; also returned). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.line - b.line ||
      a.column - b.column ||
      severityRank[a.severity] - severityRank[b.severity]
  )
}
