/**
 * Rule: inline code in a sentence or list item is a command when the text
 * tells the reader to run it, or when it plainly is one.
 *
 * - After a cue: "run", "execute", "type", "enter", "invoke", "use
 *   the command": "To reload, run `systemctl reload nginx`".
 * - After a weaker cue right before it ("check … via", "using", "with",
 *   "try", a colon), when it reads as a command of two words or more:
 *   "Restart it with: `systemctl restart nginx`".
 * - On its own: the paragraph or list item is nothing but the code
 *   (`chef-client-disable <ticket>`, `NS=web`).
 * - Anywhere else in prose, only when it reads as a full command line
 *   (three words or more, or flags, or a pipe) that starts with a known tool
 *   or carries flags: "Can you see it in `ps aux | grep nginx`?".
 *
 * Not commands: single words and names (`maxReplicas`, `/etc/hosts`),
 * `key: value`, code in headings, links and tables.
 *
 * @example
 *   Check the pod's events via `kubectl -n web describe pod api-0`.   → a command
 *   Set `replicas` to 3.                                              → not one
 */
import type {InlineCode, Nodes, Paragraph} from 'mdast'
import {looksLikeCommand} from './command-words.js'

/** Words that tell the reader to run what follows (a verb: "every run" is no cue). */
const strongCue =
  /(?:(?<!\b(?:a|an|the|every|each|this|that|last|next|first|dry|test)\s)\b(?:run|re-run|rerun|type|typing|enter)|\b(?:execute|executing|invoke|invoking|command|commands))\b[^.!?`]{0,25}?\s*$/i
/** Words that may introduce a command, or just a value, right before the code; or a colon. */
const weakCue = /(?:\b(?:try|call|via|using|use|with|following)\b[^.!?`]{0,15}?|:)\s*$/i

type Cue = 'alone' | 'strong' | 'weak' | 'none'

/** The inline code nodes of `paragraph` that are commands. */
export function inlineCommands(paragraph: Paragraph): InlineCode[] {
  const children = paragraph.children
  let count = 0
  for (const child of children) if (child.type === 'inlineCode') count++
  if (count === 0) return []
  const alone = count === 1 && children.every((child) => child.type === 'inlineCode' || (child.type === 'text' && /^[\s.:;,!?]*$/.test(child.value)))
  const found: InlineCode[] = []
  children.forEach((child, index) => {
    if (child.type !== 'inlineCode') return
    const code = child.value.trim()
    // Cheap shape test first: most inline code is a name or a value.
    if (code.includes('\n') || !/^(?:[a-z.~/]|[A-Z][a-z]+-[A-Z]|[A-Za-z_]\w*=)/.test(code)) return
    const cue: Cue = alone ? 'alone' : cueOf(textBefore(children, index))
    if (isInlineCommand(code, cue)) found.push(child)
  })
  return found
}

/** The text of the sentence before `children[index]`, back to the previous inline code. */
function textBefore(children: Paragraph['children'], index: number): string {
  let text = ''
  for (let at = index - 1; at >= 0 && children[at]!.type !== 'inlineCode'; at--) text = textOfPhrasing(children[at]!) + text
  return text.split(/[.!?]\s+/).pop() ?? ''
}

function cueOf(sentence: string): Cue {
  // Each cue needs one of its words: most sentences hold none, and the cue patterns are slow to try at every place.
  if (strongWords.test(sentence) && strongCue.test(sentence)) return 'strong'
  return weakWords.test(sentence) && weakCue.test(sentence) ? 'weak' : 'none'
}

/** Letters that every word of `strongCue` and of `weakCue` holds. */
const strongWords = /run|typ|enter|execut|invok|command/i
const weakWords = /try|call|via|us|with|following|:/i

/** Whether inline `code` is a command, given what the text before it says. */
function isInlineCommand(code: string, cue: Cue): boolean {
  if (code.length < 2 || /^[\w.-]+:(?:\s|$)/.test(code)) return false
  if (/^[A-Za-z_]\w*=\S/.test(code)) return cue === 'alone' || cue === 'strong'
  const words = code.split(/\s+/)
  // A path on its own is a file to mention, unless it is a script to run.
  if (words.length === 1 && /^(?:~|\.{0,2})\//.test(code) && !/^\.\/|\.(?:sh|bash|py|rb|pl|ps1|cmd|bat)$/.test(code)) return false
  // A single word after "run" must be a known tool or a script: "run `terraform`", not "run it with the `blue` pool".
  if (cue === 'strong') return looksLikeCommand(code, {loose: words.length > 1}) && !/^[\w-]+\.[\w.-]+$/.test(code)
  if (cue === 'alone') return words.length > 1 ? looksLikeCommand(code, {loose: true}) : !/^(?:\.{0,2}\/|~\/)/.test(code) && looksLikeCommand(code)
  // Without a word that says to run it, a mention needs the shape of a full command line.
  if (words.length < 2 || (cue === 'none' && words.length < 3 && !/\s-{1,2}\w|\||\s(?:https?:\/\/|\/)\S/.test(code))) return false
  return looksLikeCommand(code)
}

function textOfPhrasing(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(textOfPhrasing).join('')
  return ''
}
