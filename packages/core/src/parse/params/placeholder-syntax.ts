/**
 * Rule: the forms a placeholder is written in, judged by the text alone.
 * Each form has its own exceptions, which depend only on the name as
 * written and the characters around it:
 *
 * - `<pod-name>`, `<IP address of destination>` (angle brackets, spaces
 *   allowed), but not `<<EOF`, HTML tags (`<code>`) nor output markers (`<none>`);
 * - `${POD}`, `$NAMESPACE`, `$Instance_ID` (a name starting with a capital,
 *   or braced), but not `\$X` nor PowerShell's `$Env:X`;
 * - `{{ cluster }}` (mustache), but not `${{ … }}`;
 * - `[YOUR EMAIL]` (capitals in square brackets), but not markers
 *   (`[TODO]`, `[WARNING]`) nor `"[EXTERNAL]"` in quotes;
 * - `DETECTOR_ID`, `BUCKET_NAME` (bare capitals joined by `_` that name a
 *   value), but not constants (`HKEY_LOCAL_MACHINE`, `O_RDONLY`) nor
 *   assignments (`BUCKET_NAME=…`).
 *
 * Which of the names found are the runbook's parameters is decided
 * elsewhere: by the parser's heuristics (`placeholders.ts`: ambient and
 * assigned variables are not), or, once the parameters are known, by
 * their names (`session/param-refs.ts`). Both read the text with this one
 * scan, so they agree on every position.
 *
 * @example
 *   placeholderTokens('kubectl -n $NAMESPACE logs <pod name>', true).map((t) => t.key)
 *   // → ['namespace', 'pod_name']
 */
import type {ParamSyntax} from '../../types.js'
import {paramKey} from './names.js'

/** A parameter reference inside a command. */
export interface ParamToken {
  /** The name as written (`POD`, `IP address of destination`). */
  name: string
  /** The normalized name (`pod`, `ip_address_of_destination`), see `paramKey`. */
  key: string
  syntax: ParamSyntax
  /** Offset of the first character of the reference (e.g. of `<` or `$`). */
  start: number
  /** Offset just after the reference. */
  end: number
}

/** Bare capitals stand for a value when they name one: `BUCKET_NAME`, `DETECTOR_ID`, `YOUR_EMAIL`. */
const valueName =
  /^(?:(?:YOUR|MY|NEW|OLD|TARGET|SOURCE|DEST|DESTINATION)_\w+|\w+_(?:ID|IDS|NAME|NAMES|USERNAME|USER|EMAIL|URL|URI|HOST|HOSTNAME|IP|ADDR|ADDRESS|PORT|PATH|FILE|FILENAME|DIR|FOLDER|KEY|TOKEN|SECRET|PASSWORD|REGION|ZONE|PROJECT|ACCOUNT|NUMBER|NUM|ARN|BUCKET|CLUSTER|NAMESPACE|NS|POD|NODE|INSTANCE|VERSION|TAG|DATE|TIME|VALUE|DOMAIN|ENDPOINT|GROUP|ROLE|SUBSCRIPTION|TENANT|DB|DATABASE|TABLE|QUEUE|TOPIC|SERVICE|DEPLOYMENT|BRANCH|COMMIT|SHA|HASH|SIZE|COUNT|CODE))$/

/** Bare capitals that are constants, keywords or registry roots, not placeholders. */
const bareConstants = /^(?:HKEY_\w+|CURRENT_(?:DATE|TIME|TIMESTAMP|USER)|(?:SINGLE|MULTI|RESTRICTED|SESSION|SYSTEM)_USER|LOCAL_TIMESTAMP|[A-Z]+_(?:OK|ERR|ERROR)|O_[A-Z]+|SIG[A-Z]+|EXIT_\w+|NOT_NULL|AUTO_INCREMENT|UTF_\d+|TLS_\w+|X_\w+)$/

/** Tag names that make `<name>` markup rather than a placeholder. */
const htmlTags = new Set(
  ('a abbr b blockquote body br button caption center code col dd details div dl dt em figure font footer form h1 h2 h3 h4 h5 h6 ' +
    'head header hr html i iframe img input kbd label li link main mark meta nav ol option p path picture pre q s samp script ' +
    'section select small source span strike strong style sub summary sup svg table tbody td textarea th thead title tr u ul var video').split(' ')
)

/** What tools print where a value is absent: output, not placeholders. */
const outputMarkers = /^(?:none|nil|null|unknown|pending|invalid|no value|empty|undefined|redacted|omitted|snip|snipped|truncated|error|missing)$/i

/** Capital words in square brackets that are markers, not placeholders. */
const bracketMarkers = /^(?:TODO|TBD|WIP|DRAFT|NOTE|TIP|WARNING|WARN|CAUTION|IMPORTANT|DANGER|INFO|DEBUG|ERROR|TRACE|FATAL|OK|FAIL|FAILED|PASS|DONE|NEW|OPTIONAL|REQUIRED|DEPRECATED|PDF|FIXME|X|Y|N|Y\/N|YES|NO)$/

const tokenPattern = new RegExp(
  [
    /<([A-Za-z][\w.'/-]*(?: +[\w.'/()-]+)*)>/.source, // 1 angle
    /\$\{([A-Za-z_]\w*)\}/.source, // 2 dollar-brace
    /\$([A-Z]\w*)/.source, // 3 dollar
    /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/.source, // 4 mustache
    /\[([A-Z][A-Z]*(?:[ _-]+[A-Z]+)*)\]/.source, // 5 bracket
    /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/.source // 6 bare
  ].join('|'),
  'g'
)

/**
 * Every placeholder written in `code`, in order, in the forms above; with
 * bare capitals (`BUCKET_NAME`) only when `bare` is true. A stretch of text
 * the scan reads as one form is not read again as another (the capitals in
 * `<path/to/BUCKET_NAME>` are part of the angle placeholder).
 */
export function placeholderTokens(code: string, bare: boolean): ParamToken[] {
  const tokens: ParamToken[] = []
  // Most text holds no placeholder at all: skip it before any real work.
  if (!/[<${[]/.test(code) && !(bare && code.includes('_'))) return tokens
  for (const match of code.matchAll(tokenPattern)) {
    const start = match.index
    const end = start + match[0].length
    const before = code[start - 1] ?? ''
    const after = code[end] ?? ''
    let name: string
    let syntax: ParamSyntax
    if (match[1] !== undefined) {
      name = match[1]
      syntax = 'angle'
      // `<<EOF`, HTML-ish tags and output markers such as `<none>` are not placeholders.
      if (before === '<' || htmlTags.has(name.toLowerCase()) || outputMarkers.test(name)) continue
    } else if (match[2] !== undefined || match[3] !== undefined) {
      name = (match[2] ?? match[3])!
      syntax = match[2] === undefined ? 'dollar' : 'dollar-brace'
      // `\$X` is escaped, `$Env:X` is a PowerShell scope.
      if (before === '\\' || (syntax === 'dollar' && after === ':')) continue
    } else if (match[4] !== undefined) {
      name = match[4]
      syntax = 'mustache'
      if (before === '$') continue
    } else if (match[5] !== undefined) {
      name = match[5]
      syntax = 'bracket'
      // `"[EXTERNAL]"` in quotes is literal text.
      if (name.length < 2 || bracketMarkers.test(name) || /[[$\w"']/.test(before) || /[([:"']/.test(after)) continue
    } else {
      name = match[6]!
      syntax = 'bare'
      if (!bare || /[$%{.\-\\\w@]/.test(before) || /[=(%\w]/.test(after) || !valueName.test(name) || bareConstants.test(name)) continue
    }
    tokens.push({name, key: paramKey(name), syntax, start, end})
  }
  return tokens
}
