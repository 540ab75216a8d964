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
 * as `<none>`. The forms and their exceptions by the text alone are in
 * `placeholder-syntax.ts`; this module decides which variables are the
 * runbook's own rather than parameters.
 *
 * @example
 *   findParamTokens('kubectl -n $NAMESPACE logs <pod name> > LOG_FILE_PATH').map((t) => t.key)
 *   // → ['namespace', 'pod_name', 'log_file_path']
 */
import {paramKey} from './names.js'
import {placeholderTokens, type ParamToken} from './placeholder-syntax.js'
import {setVariables} from './set-variables.js'

export type {ParamToken} from './placeholder-syntax.js'

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

/**
 * Every parameter reference in `code`, in order. `declared` (a set of
 * names, or options) names parameters that count even where they look
 * ambient or assigned.
 */
export function findParamTokens(code: string, declared?: ReadonlySet<string> | FindParamOptions | null): ParamToken[] {
  const options: FindParamOptions = declared instanceof Set ? {declared} : ((declared as FindParamOptions | null | undefined) ?? {})
  const tokens = placeholderTokens(code, options.bare ?? true)
  if (tokens.length === 0) return tokens
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

  // Only a variable can be ambient or assigned: `<home>` is a placeholder where `$HOME` is not.
  const isVariable = (token: ParamToken) => token.syntax === 'dollar' || token.syntax === 'dollar-brace' || token.syntax === 'bare'
  return tokens.filter((token) => !isVariable(token) || !isOwn(token.name))
}
