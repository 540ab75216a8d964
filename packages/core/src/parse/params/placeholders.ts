/**
 * Rule: placeholders are the values a reader must supply, marked in the
 * text. In a command, each of these is a parameter reference:
 *
 * - `<pod-name>`, `<IP address of destination>` (angle brackets, spaces allowed)
 * - `$NAMESPACE`, `$Instance_ID`, `${POD}` (a name starting with a capital, or braced)
 * - `{{ cluster }}` (mustache; not Go's `{{.Status}}` nor `${{ … }}`)
 * - `[YOUR EMAIL]` (capitals in square brackets)
 * - `DETECTOR_ID`, `BUCKET_NAME` (bare capitals joined by `_`)
 *
 * Not parameters: ambient variables (`$HOME`, `$PATH`, PowerShell's `$True`,
 * awk's `$NF`), names the runbook sets itself (see `set-variables.ts`),
 * lower-case script variables (`$line`), HTML tags and output markers such
 * as `<none>`.
 *
 * @example
 *   findParamTokens('kubectl -n $NAMESPACE logs <pod name> > LOG_FILE_PATH').map((t) => t.key)
 *   // → ['namespace', 'pod_name', 'log_file_path']
 */
import type {ParamSyntax} from '../../types.js'
import {paramKey} from './names.js'
import {setVariables} from './set-variables.js'

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

/** Options of `findParamTokens`. */
export interface FindParamOptions {
  /** Names (as written or normalized) that are parameters even where they look ambient or assigned (default: none). */
  declared?: Iterable<string> | null | undefined
  /** Names set elsewhere in the runbook, which are not parameters unless declared (default: none). */
  set?: Iterable<string> | null | undefined
  /** Find bare capitals such as `BUCKET_NAME` (default: `true`; prose leaves them out). */
  bare?: boolean | null | undefined
}

/** Environment variables, shell and PowerShell specials that are never runbook parameters (compared in upper case). */
const ambientVariables = new Set(
  (
    'HOME PATH USER USERNAME PWD OLDPWD SHELL TERM LANG LC_ALL HOSTNAME EDITOR PAGER TMPDIR TMP TEMP UID ' +
    'EUID PPID RANDOM SECONDS LINENO IFS PS1 DISPLAY XDG_CONFIG_HOME KUBECONFIG GOPATH JAVA_HOME ' +
    'PYTHONPATH LD_LIBRARY_PATH NODE_OPTIONS SSH_AUTH_SOCK BASH_SOURCE PROGRAMFILES APPDATA LOCALAPPDATA ' +
    'USERPROFILE SYSTEMROOT WINDIR COMPUTERNAME USERDOMAIN ' +
    // awk
    'NF NR FNR FS OFS RS ORS FILENAME'
  ).split(' ')
)

/** PowerShell's automatic variables, written in mixed case (`$True`, `$Host`; `$HOST` is a placeholder). */
const automaticVariables = new Set(
  ('true false null error host input args matches psitem psscriptroot pscommandpath lastexitcode profile psversiontable ' +
    'executioncontext myinvocation erroractionpreference confirmpreference verbosepreference progresspreference ' +
    'warningpreference pid this event sender foreach switch env pshome shellid stacktrace psboundparameters pscmdlet ' +
    'psculture psuiculture home pwd').split(' ')
)

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
 * Every parameter reference in `code`, in order. `declared` (a set of
 * names, or options) names parameters that count even where they look
 * ambient or assigned.
 */
export function findParamTokens(code: string, declared?: ReadonlySet<string> | FindParamOptions | null): ParamToken[] {
  const options: FindParamOptions = declared instanceof Set ? {declared} : ((declared as FindParamOptions | null | undefined) ?? {})
  const bare = options.bare ?? true
  // Most text holds no placeholder at all: skip it before any real work.
  if (!/[<${[]/.test(code) && !(bare && code.includes('_'))) return []
  let wanted: Set<string> | undefined
  let own: Set<string> | undefined
  let elsewhere: ReadonlySet<string> | undefined
  const isOwn = (name: string) => {
    if (!wanted) {
      wanted = new Set<string>()
      for (const given of options.declared ?? []) wanted.add(given).add(paramKey(given))
      own = setVariables(code)
      // The names the runbook sets are asked about, not copied for every command.
      const set = options.set
      elsewhere = set instanceof Set ? (set as ReadonlySet<string>) : new Set(set ?? [])
    }
    return (
      !wanted.has(name) &&
      !wanted.has(paramKey(name)) &&
      (own!.has(name) || elsewhere!.has(name) || ambientVariables.has(name) || (/[a-z]/.test(name) && automaticVariables.has(name.toLowerCase())))
    )
  }

  const tokens: ParamToken[] = []
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
      if (before === '\\' || (syntax === 'dollar' && after === ':') || isOwn(name)) continue
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
      if (!bare || /[$%{.\-\\\w@]/.test(before) || /[=(%\w]/.test(after) || !valueName.test(name) || bareConstants.test(name) || isOwn(name)) continue
    }
    tokens.push({name, key: paramKey(name), syntax, start, end})
  }
  return tokens
}
