/**
 * Rule: configuration, manifests and printed data are not commands, even in
 * a block tagged as shell. A block is data when, past its comments, it
 * opens like a file rather than a command line:
 *
 * - an INI section or a JSON/YAML/XML document (`[default]`, `{`, `<`, `---`, `key:`)
 * - HCL or TOML (`resource "aws_s3_bucket" "logs" {`, `node_count = 3`)
 * - an SSH or Apache style config (`Host bastion`, capitalized key then value)
 * - a `key=value` pair whose key is no shell variable (`app.kubernetes.io/name=web`)
 * - a URL on its own, or log lines (`2026-11-23 09:14:02 ERROR …`, `Nov 23 09:14:02 host …`)
 * - most lines `Key: value` (a form or what a tool printed), or a table header in capitals (what a tool printed)
 *
 * A data block (`yaml`, `json`, `text`) whose first line is a command is
 * that command and its output (see `commandBeforeData`).
 *
 * @example
 *   looksLikeData('[default]\nregion = eu-west-1') // → true
 *   looksLikeData('aws s3 ls') // → false
 */
import {looksLikeCommand} from './command-words.js'

/** The lines of `value` that are not blank and not `#` / `//` comments. */
function contentLines(value: string): string[] {
  return value.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !/^(?:#(?!!)|\/\/)/.test(line))
}

/** Whether `value` reads as configuration, a manifest or printed data rather than commands. */
export function looksLikeData(value: string): boolean {
  const lines = contentLines(value)
  const first = lines[0]
  if (first === undefined) return false
  // `[default]` or a JSON array, but not the shell's `[ -f x ]` or `[[ … ]]`.
  if (/^(?:[{<]|\[(?![\s[])|---\s*$|\.\.\.\s*$)/.test(first)) return true
  if (/^[\w.-]+\s+=\s/.test(first)) return true
  // A URL to visit, or log lines (an ISO date or a syslog stamp first).
  if (/^(?:https?|ftp):\/\/\S+$/i.test(first) && lines.length === 1) return true
  if (/^\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} /.test(first)) return true
  if (/^(?:resource|data|module|variable|provider|output|locals|terraform)\s+(?:"[^"]*"\s*)*\{/.test(first)) return true
  if (/^[A-Z][A-Za-z]+\s+\S/.test(first) && lines.length > 1 && lines.slice(1).every((line) => /^[A-Z][A-Za-z]+\s+\S/.test(line))) return true
  if (/^[^\s=$'"]*[./][^\s=$'"]*=/.test(first)) return true
  if (/^[A-Z][A-Z0-9_%-]+(?: {2,}|\t+)[A-Z]/.test(first)) return true
  const keyValue = (line: string) => /^[\w.-]+(?: [\w.()/-]+)*:(?:\s|$)/.test(line)
  if (keyValue(first) && lines.filter(keyValue).length >= lines.length * 0.6) return true
  return false
}

const dataLangs = new Set(['yaml', 'yml', 'json', 'text', 'txt', 'plain', 'plaintext', 'output', 'none', 'nohighlight'])

/**
 * A block of data whose first line is the command that shows or edits it
 * (`kubectl get deploy web -o yaml` above the YAML): that line, and the rest
 * as its output. Undefined for any other block.
 *
 * @example
 *   commandBeforeData({lang: 'yaml', value: 'kubectl get cm app -o yaml\ndata:\n  a: 1'})
 *   // → {code: 'kubectl get cm app -o yaml', output: 'data:\n  a: 1'}
 */
export function commandBeforeData(node: {lang?: string | null | undefined; value: string}): {code: string; output: string} | undefined {
  if (!node.lang || !dataLangs.has(node.lang.toLowerCase())) return undefined
  const [first = '', ...rest] = node.value.trim().split('\n')
  if (rest.length === 0 || !looksLikeCommand(first) || !/\s/.test(first.trim())) return undefined
  return {code: first.trim(), output: rest.join('\n').trim()}
}
