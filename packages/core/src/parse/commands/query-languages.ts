/**
 * Rule: console and query blocks are commands of their own language, not
 * shell commands. A `sql`, `promql`, `logql`, `kql`, Logs Insights or Rails
 * console (`ruby`) block is something the reader types into that console;
 * its commands get `shell: 'none'`, so a runner never hands SQL to bash.
 * Untagged blocks that open with an SQL statement or read as a PromQL
 * expression are queries too.
 *
 * @example
 *   queryLanguageOf('sql', 'SELECT 1') // → 'sql'
 *   queryLanguageOf(null, 'sum(rate(http_requests_total{job="api"}[5m]))') // → 'promql'
 *   queryLanguageOf('bash', 'ls') // → undefined
 */

const queryLangs = new Map<string, string>([
  ...['sql', 'psql', 'pgsql', 'postgresql', 'postgres', 'plpgsql', 'mysql', 'mariadb', 'tsql', 'sqlite', 'sqlite3', 'plsql', 'hql', 'cql', 'sparql'].map(
    (lang): [string, string] => [lang, 'sql']
  ),
  ['promql', 'promql'],
  ['metricsql', 'promql'],
  ['logql', 'logql'],
  ['kql', 'kql'],
  ['kusto', 'kql'],
  ['spl', 'spl'],
  ['splunk', 'spl'],
  ['esql', 'esql'],
  ['eql', 'eql'],
  ['lucene', 'lucene'],
  ['logsinsights', 'logs-insights'],
  ['logs-insights', 'logs-insights'],
  ['cloudwatch', 'logs-insights'],
  ['flux', 'flux'],
  ['influxql', 'influxql'],
  ['cypher', 'cypher'],
  ['redis', 'redis'],
  ['mongo', 'mongodb'],
  ['mongodb', 'mongodb'],
  ['mongosh', 'mongodb'],
  ['ruby', 'ruby'],
  ['rb', 'ruby'],
  ['irb', 'ruby'],
  ['rails', 'ruby'],
  ['pycon', 'python'],
  ['python-repl', 'python']
])

const sqlStart = /^(?:SELECT|WITH|EXPLAIN|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|DATABASE|USER|ROLE|VIEW|EXTENSION)|ALTER\s+(?:TABLE|USER|ROLE|DATABASE|SYSTEM)|DROP\s+(?:TABLE|INDEX|DATABASE|USER|ROLE|VIEW)|GRANT|REVOKE|SHOW|VACUUM|ANALYZE|TRUNCATE|BEGIN|COMMIT|ROLLBACK|SET\s+\w+\s*(?:=|TO)|\\[a-z]{1,3}\b)/i
const promqlShape = /^(?:sum|avg|min|max|count|rate|irate|increase|histogram_quantile|topk|bottomk|absent|delta|deriv|predict_linear|quantile|count_over_time|sum_over_time|avg_over_time|max_over_time|label_replace)\s*(?:by\s*\([^)]*\)\s*)?\(|^[a-z_:][\w:]*\{[^}]*\}(?:\[\d+[smhdw]\])?/
const logsInsightsShape = /^fields\s+@|^(?:filter|stats|parse)\s+@/

/**
 * The query or console language of a code block (`sql`, `promql`, `ruby` …),
 * from its tag or, untagged, from its first line; undefined for shell
 * languages and everything else.
 */
export function queryLanguageOf(lang: string | null | undefined, value: string): string | undefined {
  if (lang) return queryLangs.get(lang.toLowerCase())
  const first = value.split('\n').find((line) => line.trim() !== '')?.trim() ?? ''
  if (sqlStart.test(first) && /^[A-Z\\]/.test(first)) return 'sql'
  if (promqlShape.test(first)) return 'promql'
  if (logsInsightsShape.test(first)) return 'logs-insights'
  return undefined
}
