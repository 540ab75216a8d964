/**
 * Rule: the prompts that mark a command in a terminal transcript, removed
 * from the command. Beside `$ ` and `PS C:\> `: `user@host:~$ `,
 * `root@host:/srv# `, `[user@host dir]$ `, `sh-4.4# `, `❯ `, and the
 * prompts of database consoles (`mydb=# `, `mysql> `), whose commands are
 * SQL rather than shell.
 *
 * @example
 *   matchPrompt('ops@web-1:~$ systemctl status nginx') // → {length: 13, lang: undefined}
 *   matchPrompt('orders=# SELECT count(*) FROM orders;') // → {length: 9, lang: 'sql'}
 */

/** A prompt at the start of a line: its length and the language it implies, if not a shell. */
export interface Prompt {
  length: number
  lang?: string | undefined
}

const shellPrompt =
  /^(?:\$|PS(?: [^>\n]*)?>|❯|➜|[\w.-]+@[\w.-]+(?::[^\s$#%]*)?\s?[$#%]|\[[\w.-]+@[\w.-]+[^\]\n]*\]\s?[$#]|(?:sh|bash|zsh)-\d+(?:\.\d+)*[$#])(?:\s|$)\s?/
const sqlPrompt = /^(?:[a-z_][\w-]*=[#>]|mysql>|MariaDB \[[^\]]*\]>|sqlite>)\s/
const rubyPrompt = /^(?:irb\([^)]*\):\d+(?::\d+)?[>*]|\[\d+\] pry\([^)]*\)>)\s/
const pythonPrompt = /^>>>\s/

/** The prompt that starts `line`, if any (a root `# ` prompt is judged by the caller). */
export function matchPrompt(line: string): Prompt | undefined {
  let match = shellPrompt.exec(line)
  if (match) return {length: match[0].length}
  match = sqlPrompt.exec(line)
  if (match) return {length: match[0].length, lang: 'sql'}
  match = rubyPrompt.exec(line)
  if (match) return {length: match[0].length, lang: 'ruby'}
  match = pythonPrompt.exec(line)
  if (match) return {length: match[0].length, lang: 'python'}
  return undefined
}
