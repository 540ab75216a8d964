/**
 * Commands: which code blocks are commands, how prompts split commands from
 * sample output, which parameters a command uses, and which commands destroy
 * data.
 */
import type {Code} from 'mdast'
import {looksLikeCommand} from './command-words.js'
import {commandBeforeData, looksLikeData} from './data-blocks.js'
import {matchPrompt, type Prompt} from './prompts.js'
import {queryLanguageOf} from './query-languages.js'
import {commandParams, type ParamContext} from '../params/command-params.js'
import type {Command, Shell} from '../../types.js'

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
 * Whether a code block is a command: a shell or query language (see
 * `parse/commands/query-languages.ts`), or untagged code that does not look
 * like sample output or data (first word ending in a colon, or starting
 * with `{`, `[` or `<`). A block with prompts is a command block; one
 * without that reads as a file or printed data is not (see
 * `parse/commands/data-blocks.ts`).
 */
export function isCommandBlock(node: Pick<Code, 'lang' | 'value'>): boolean {
  // The parser asks about the same node from several rules: answer once.
  let known = judged.get(node)
  if (known === undefined) judged.set(node, (known = judgeBlock(node)))
  return known
}

const judged = new WeakMap<object, boolean>()

function judgeBlock(node: Pick<Code, 'lang' | 'value'>): boolean {
  if (node.lang && queryLanguageOf(node.lang, node.value) !== undefined) return true
  if (node.lang && shellOf(node.lang) === undefined) return false
  const lines = dedent(node.value).split('\n')
  if (lines.some((line) => matchPrompt(line) !== undefined)) return true
  if (looksLikeData(node.value)) return false
  if (node.lang) return true
  const first = lines.find((line) => line.trim() !== '' && !line.trim().startsWith('#'))
  if (first === undefined) return false
  const line = first.trim()
  if (/^(PS[ >]|>)/.test(line)) return true
  const word = line.split(/\s/, 1)[0] ?? ''
  return !word.endsWith(':') && !/^[A-Z][a-z]+:?$/.test(word) && /^[\w./~@%+=-]/.test(word)
}

/** A `#` line that is a comment rather than a root prompt (`# systemctl restart nginx`). */
function isComment(line: string): boolean {
  const text = line.trim()
  return /^#/.test(text) && !(/^#\s/.test(text) && looksLikeCommand(text.slice(2)))
}

/** `value` without the indentation its lines share (the last answer is kept: rules ask twice about one block). */
function dedent(value: string): string {
  if (value !== lastDedent[0]) lastDedent = [value, dedentOf(value)]
  return lastDedent[1]
}

let lastDedent: [string, string] = ['', '']

const indentedLine = /^[ \t]/m

function dedentOf(value: string): string {
  const text = value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value
  // No line starts with a space or a tab: nothing to take away.
  if (!indentedLine.test(text)) return text
  const lines = text.split('\n')
  let indent = Infinity
  for (const line of lines) if (line.trim() !== '') indent = Math.min(indent, /^[ \t]*/.exec(line)![0].length)
  return indent === Infinity || indent === 0 ? lines.join('\n') : lines.map((line) => line.slice(indent)).join('\n')
}

const rootPromptPattern = /^#\s/

/** A command found in a block: its code, the sample output after it, and the language its prompt implies. */
export interface SplitCommand {
  code: string
  output?: string
  lang?: string
}

/**
 * Split a command block into commands: prompted lines are commands and the
 * lines after each are its sample output; without prompts the block is one
 * command. A `# ` line is a root prompt in a terminal session (or beside
 * other prompts) when what follows reads as a command, else a comment.
 */
export function splitCommands(node: Pick<Code, 'lang' | 'value'>): SplitCommand[] {
  const lines = dedent(node.value).split('\n')
  const session = sessionLangs.has((node.lang ?? '').toLowerCase())
  // Each line's prompt, matched once.
  const matched = lines.map(matchPrompt)
  const hasPrompt = matched.some((prompt) => prompt !== undefined)
  const prompts = matched.map((prompt, index): Prompt | undefined =>
    prompt ?? ((session || hasPrompt) && rootPromptPattern.test(lines[index]!) && !isComment(lines[index]!) ? {length: 2, lang: undefined} : undefined)
  )
  if (!prompts.some((prompt) => prompt !== undefined)) {
    if (!node.lang) return splitUntagged(lines.join('\n'))
    const code = lines.join('\n').trim()
    return code ? [{code}] : []
  }
  const result: Array<{code: string[]; output: string[]; lang: string | undefined}> = []
  let continued = false
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const current = result[result.length - 1]
    const prompt: Prompt | undefined = continued ? undefined : prompts[index]
    if (continued && current) {
      current.code.push(line)
    } else if (prompt) {
      result.push({code: [line.slice(prompt.length)], output: [], lang: prompt.lang})
    } else if (current) {
      current.output.push(line)
    }
    continued = /[\\`]\s*$/.test(line) && (prompt !== undefined || continued)
  }
  return result
    .map((entry) => {
      const command: SplitCommand = {code: entry.code.join('\n').trim()}
      const output = entry.output.join('\n').trim()
      if (output) command.output = output
      if (entry.lang) command.lang = entry.lang
      return command
    })
    .filter((entry) => entry.code !== '')
}

/**
 * Untagged code without prompts: paragraphs (split at blank lines) that look
 * like commands are commands; those that do not (`key: value`, `Error: …`)
 * are the sample output of the command before them.
 */
function splitUntagged(value: string): SplitCommand[] {
  const result: SplitCommand[] = []
  // Comments on their own before a command go with it.
  let comments = ''
  for (const chunk of value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const text = chunk.replace(/^\n+|\s+$/g, '')
    if (!text.trim()) continue
    const last = result[result.length - 1]
    if (text.split('\n').every((line) => line.trim() === '' || isComment(line))) {
      comments += `${text.trim()}\n`
    } else if (last && !judgeBlock({lang: null, value: text})) {
      last.output = last.output === undefined ? text : `${last.output}\n\n${text}`
    } else if (last && last.output === undefined && /[\\|&]\s*$/.test(last.code)) {
      last.code += `\n\n${text}`
    } else {
      result.push({code: comments + text.trim()})
      comments = ''
    }
  }
  return result
}

export {findParamTokens, type FindParamOptions, type ParamToken} from '../params/placeholders.js'

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

/**
 * A word that every destructive pattern holds at a word start (in any
 * case; `kubectl delete` and `aws s3 rm` by their `delete` and `rm`): code
 * without one is not destructive, and most code has none, so one scan
 * replaces a scan per pattern.
 */
const destructiveWords =
  /\b(?:rm|drop|truncate|delete|mkfs|dd|wipefs|shred|blkdiscard|remove|format|clear-disk|git|pg_dropcluster|zpool|zfs|lvremove|vgremove|restore-vm|set-vm|qm|virsh|govc|new-compliancesearchaction)/i

/** Why `code` is destructive, or undefined when it is not. */
export function destructiveReason(code: string): string | undefined {
  if (!destructiveWords.test(code)) return undefined
  for (const [pattern, reason] of destructivePatterns) if (pattern.test(code)) return reason
  return undefined
}

/**
 * The commands of one code block, with the parameters they use.
 */
export function commandsOf(node: Code, context: ParamContext): Command[] {
  if (!isCommandBlock(node)) {
    const leading = commandBeforeData(node)
    if (!leading) return []
    return [{...inlineCommand(leading.code, context), lang: node.lang!, output: leading.output}]
  }
  const query = queryLanguageOf(node.lang, node.value)
  const shell: Shell = query ? 'none' : (shellOf(node.lang) ?? 'posix')
  return splitCommands(node).map(({code, output, lang}) => {
    const command: Command = {
      code,
      shell: lang || (!node.lang && queryLanguageOf(null, code)) ? 'none' : shell,
      params: commandParams(code, context),
      destructive: destructiveReason(code) !== undefined
    }
    if (lang ?? node.lang) command.lang = (lang ?? node.lang)!
    if (output !== undefined) command.output = output
    return command
  })
}

/** The command of inline code that `parse/commands/inline-commands.ts` found in a sentence. */
export function inlineCommand(code: string, context: ParamContext): Command {
  return {
    code,
    shell: cmdletPattern.test(code) ? 'powershell' : 'posix',
    params: commandParams(code, context),
    destructive: destructiveReason(code) !== undefined
  }
}

const cmdletPattern = /^[A-Z][a-z]+-[A-Z]\w+\b/
