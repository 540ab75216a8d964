/**
 * Commands: which code blocks are commands, how prompts split commands from
 * sample output, which parameters a command uses, and which commands destroy
 * data.
 */
import type {Code} from 'mdast'
import type {Command, ParamSyntax, Shell} from './types.js'

const posixLangs = new Set(['sh', 'bash', 'zsh', 'shell', 'console', 'shell-session', 'sh-session', 'terminal', 'fish', 'ksh', 'shellsession'])
const powershellLangs = new Set(['powershell', 'pwsh', 'ps1', 'ps', 'posh'])
const cmdLangs = new Set(['cmd', 'bat', 'batch', 'dos', 'doscon'])
/** Languages whose `# ` lines are root prompts rather than comments. */
const sessionLangs = new Set(['console', 'shell-session', 'sh-session', 'shellsession', 'terminal', 'doscon'])

/** The shell a code block's language names, or undefined when it is not a shell language. */
export function shellOf(lang: string | null | undefined): Shell | undefined {
  if (!lang) return 'posix'
  const key = lang.toLowerCase()
  if (posixLangs.has(key)) return 'posix'
  if (powershellLangs.has(key)) return 'powershell'
  if (cmdLangs.has(key)) return 'cmd'
  return undefined
}

/**
 * Whether a code block is a command: a shell language, or untagged code that
 * does not look like sample output or data (first word ending in a colon,
 * or starting with `{`, `[` or `<`).
 */
export function isCommandBlock(node: Pick<Code, 'lang' | 'value'>): boolean {
  if (node.lang) return shellOf(node.lang) !== undefined
  const first = node.value.split('\n').find((line) => line.trim() !== '')
  if (first === undefined) return false
  const line = first.trim()
  if (/^[{[<]/.test(line)) return false
  if (/^(\$|#|PS[ >]|>)/.test(line)) return true
  const word = line.split(/\s/, 1)[0] ?? ''
  return !word.endsWith(':') && !/^[A-Z][a-z]+:?$/.test(word) && /^[\w./~@%+=-]/.test(word)
}

const promptPattern = /^(?:\$|PS(?: [^>\n]*)?>)\s?/
const rootPromptPattern = /^#\s/

/**
 * Split a command block into commands: prompted lines are commands and the
 * lines after each are its sample output; without prompts the block is one
 * command.
 */
export function splitCommands(node: Pick<Code, 'lang' | 'value'>): Array<{code: string; output?: string}> {
  const lines = node.value.replace(/\r\n?/g, '\n').split('\n')
  const session = sessionLangs.has((node.lang ?? '').toLowerCase())
  const hasDollarPrompt = lines.some((line) => promptPattern.test(line))
  const isPrompt = (line: string) => promptPattern.test(line) || ((session || hasDollarPrompt) && rootPromptPattern.test(line))
  if (!lines.some(isPrompt)) {
    if (!node.lang) return splitUntagged(node.value)
    const code = node.value.trim()
    return code ? [{code}] : []
  }
  const result: Array<{code: string[]; output: string[]}> = []
  let continued = false
  for (const line of lines) {
    const current = result[result.length - 1]
    if (continued && current) {
      current.code.push(line)
    } else if (isPrompt(line)) {
      result.push({code: [line.replace(promptPattern, '').replace(rootPromptPattern, '')], output: []})
    } else if (current) {
      current.output.push(line)
    }
    continued = /[\\`]\s*$/.test(line) && (isPrompt(line) || continued)
  }
  return result
    .map((entry) => {
      const output = entry.output.join('\n').trim()
      return output ? {code: entry.code.join('\n').trim(), output} : {code: entry.code.join('\n').trim()}
    })
    .filter((entry) => entry.code !== '')
}

/**
 * Untagged code without prompts: paragraphs (split at blank lines) that look
 * like commands are commands; those that do not (`key: value`, `Error: …`)
 * are the sample output of the command before them.
 */
function splitUntagged(value: string): Array<{code: string; output?: string}> {
  const result: Array<{code: string; output?: string}> = []
  for (const chunk of value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const text = chunk.replace(/^\n+|\s+$/g, '')
    if (!text.trim()) continue
    const last = result[result.length - 1]
    if (last && !isCommandBlock({lang: null, value: text})) {
      last.output = last.output === undefined ? text : `${last.output}\n\n${text}`
    } else if (last && last.output === undefined && /[\\|&]\s*$/.test(last.code)) {
      last.code += `\n\n${text}`
    } else {
      result.push({code: text.trim()})
    }
  }
  return result
}

/** A parameter reference inside a command. */
export interface ParamToken {
  name: string
  syntax: ParamSyntax
  /** Offset of the first character of the reference (e.g. of `<` or `$`). */
  start: number
  /** Offset just after the reference. */
  end: number
}

/** Environment variables and shell specials that are never runbook parameters. */
const ambientVariables = new Set([
  'HOME', 'PATH', 'USER', 'USERNAME', 'PWD', 'OLDPWD', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'HOSTNAME', 'EDITOR', 'PAGER',
  'TMPDIR', 'TMP', 'TEMP', 'UID', 'EUID', 'PPID', 'RANDOM', 'SECONDS', 'LINENO', 'IFS', 'PS1', 'DISPLAY', 'XDG_CONFIG_HOME',
  'KUBECONFIG', 'GOPATH', 'JAVA_HOME', 'PYTHONPATH', 'LD_LIBRARY_PATH', 'NODE_OPTIONS', 'SSH_AUTH_SOCK', 'BASH_SOURCE',
  'PROGRAMFILES', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'SYSTEMROOT', 'WINDIR', 'COMPUTERNAME', 'USERDOMAIN'
])

const tokenPattern = /<([A-Za-z][\w.-]*)>|\$\{([A-Za-z_][\w]*)\}|\$([A-Z][A-Z0-9_]*)\b|\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g

/**
 * Every parameter reference in `code`: `<name>`, `${NAME}`, `$NAME` (upper
 * case) and `{{ name }}`. Ambient environment variables (`$HOME` …) and
 * variables assigned in the same code (`NAME=…`, `export NAME=…`,
 * `for NAME in`, `$NAME = …`) are not parameters, unless `declared`
 * names them.
 */
export function findParamTokens(code: string, declared: ReadonlySet<string> = new Set()): ParamToken[] {
  const assigned = new Set<string>()
  for (const match of code.matchAll(/(?:^|[\s;(])(?:export\s+|local\s+|readonly\s+|set\s+)?([A-Za-z_]\w*)=/gm)) assigned.add(match[1]!)
  for (const match of code.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b|\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*)/g)) assigned.add((match[1] ?? match[2])!)
  for (const match of code.matchAll(/\$([A-Za-z_]\w*)\s*=[^=]/g)) assigned.add(match[1]!)

  const tokens: ParamToken[] = []
  for (const match of code.matchAll(tokenPattern)) {
    const start = match.index
    const end = start + match[0].length
    let name: string
    let syntax: ParamSyntax
    if (match[1] !== undefined) {
      name = match[1]
      syntax = 'angle'
      // `<<EOF`, `a<b>c` comparisons and HTML-ish tags are not placeholders.
      if (code[start - 1] === '<' || /^(br|p|b|i|div|span|html|body|head|script|style|pre|code|td|tr|li|ul|ol)$/i.test(name)) continue
    } else if (match[2] !== undefined || match[3] !== undefined) {
      name = (match[2] ?? match[3])!
      syntax = match[2] === undefined ? 'dollar' : 'dollar-brace'
      if (!declared.has(name) && (ambientVariables.has(name) || assigned.has(name))) continue
      if (code[start - 1] === '\\') continue
    } else {
      name = match[4]!
      syntax = 'mustache'
    }
    tokens.push({name, syntax, start, end})
  }
  return tokens
}

/** The destructive patterns and what each one does, for messages. */
const destructivePatterns: Array<[RegExp, string]> = [
  [/\brm\s+(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\b/, 'deletes files recursively'],
  [/\bDROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|USER|ROLE)\b/i, 'drops a database object'],
  [/\bTRUNCATE\s+(?:TABLE\s+)?\w/i, 'empties a table'],
  [/\bDELETE\s+FROM\s+[\w."`]+\s*(?:;|$)/im, 'deletes every row of a table'],
  [/\bmkfs(?:\.\w+)?\b/, 'formats a file system'],
  [/\bdd\b[^\n|;]*\bof=/, 'overwrites a device or file'],
  [/\b(?:wipefs|shred|blkdiscard)\b/, 'wipes data'],
  [/\bRemove-Item\b[^\n]*-Recurse\b/i, 'deletes files recursively'],
  [/\b(?:Format-Volume|Clear-Disk|Remove-Mailbox|Remove-ADUser)\b/i, 'erases data'],
  [/\bformat\s+[a-z]:/i, 'formats a drive'],
  [/\bgit\s+push\b[^\n]*(?:--force\b|\s-f\b)/, 'rewrites remote history'],
  [/\bgit\s+(?:reset\s+--hard|clean\s+-[a-z]*f)/, 'discards local changes'],
  [/\b(?:kubectl|oc)\s+delete\b[^\n]*(?:--force\b|--all\b|--grace-period=0)/, 'force-deletes cluster resources'],
  [/\b(?:kubectl|oc)\s+delete\s+(?:ns|namespace|pvc|pv|persistentvolume\w*)\b/, 'deletes cluster data'],
  [/\bdelete\b[^\n]*--force\b/i, 'force-deletes'],
  [/\baws\s+s3\s+rm\b[^\n]*--recursive/, 'deletes objects recursively'],
  [/\b(?:dropdb|pg_dropcluster)\b/, 'drops a database'],
  [/\bzpool\s+destroy\b|\bzfs\s+destroy\b|\blvremove\b|\bvgremove\b/, 'destroys storage'],
  [/\b(?:Restore-VMSnapshot|Restore-VMCheckpoint|Remove-VMSnapshot|Remove-VMCheckpoint)\b|\bSet-VM\b[^\n]*-Snapshot\b/i, 'reverts or deletes a virtual machine snapshot'],
  [/\bqm\s+(?:rollback|destroy)\b|\bvirsh\s+(?:snapshot-revert|undefine|vol-delete)\b|\bgovc\s+snapshot\.(?:revert|remove)\b/, 'reverts or deletes a virtual machine'],
  [/\bNew-ComplianceSearchAction\b[^\n]*-Purge\b/i, 'purges mailbox items'],
  [/\bRemove-Item\b[^\n]*\*/i, 'deletes files by wildcard']
]

/** Why `code` is destructive, or undefined when it is not. */
export function destructiveReason(code: string): string | undefined {
  for (const [pattern, reason] of destructivePatterns) if (pattern.test(code)) return reason
  return undefined
}

/**
 * The commands of one code block, with the parameters they use.
 */
export function commandsOf(node: Code, declared: ReadonlySet<string>): Command[] {
  if (!isCommandBlock(node)) return []
  const shell = shellOf(node.lang) ?? 'posix'
  return splitCommands(node).map(({code, output}) => {
    const command: Command = {
      code,
      shell,
      params: [...new Set(findParamTokens(code, declared).map((token) => token.name))],
      destructive: destructiveReason(code) !== undefined
    }
    if (node.lang) command.lang = node.lang
    if (output !== undefined) command.output = output
    return command
  })
}
