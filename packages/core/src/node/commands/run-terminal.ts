/**
 * The terminal side of `runbook run`: a step's content as readable plain
 * text, and input from a keyboard (raw mode, arrow keys) or from a script
 * (one answer per line).
 *
 * @module
 */
import {emitKeypressEvents} from 'node:readline'
import type {Nodes, Root, RootContent} from 'mdast'
import {isCommandBlock} from '../../commands.js'
import type {Step} from '../../types.js'

/** Plain text of inline content: code in backticks, link targets after the text. */
function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value
    case 'inlineCode':
      return `\`${node.value}\``
    case 'break':
      return '\n'
    case 'image':
      return node.alt ?? ''
    case 'html':
      return ''
    case 'link': {
      const label = node.children.map(inline).join('')
      return node.url && !node.url.startsWith('#') && node.url !== label ? `${label} (${node.url})` : label
    }
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inline).join('') : 'value' in node ? String(node.value) : ''
  }
}

const indent = (text: string, prefix: string, first = prefix) =>
  text
    .split('\n')
    .map((line, index) => (line === '' ? line : (index === 0 ? first : prefix) + line))
    .join('\n')

/** Whether a list is a decision's choice list: every item holds a link. */
function isChoiceList(node: RootContent): boolean {
  if (node.type !== 'list' || node.children.length === 0) return false
  const hasLink = (n: Nodes): boolean => n.type === 'link' || ('children' in n && (n.children as Nodes[]).some(hasLink))
  return node.children.every(hasLink)
}

/** Block content as plain text; `skip` drops nodes shown elsewhere (commands, checklists, choices). */
function blocks(nodes: RootContent[], skip: (node: RootContent) => boolean): string {
  const parts: string[] = []
  for (const node of nodes) {
    if (skip(node)) continue
    const text = block(node, skip)
    if (text.trim() !== '') parts.push(text)
  }
  return parts.join('\n\n')
}

function block(node: RootContent, skip: (node: RootContent) => boolean): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node)
    case 'heading':
      return inline(node).toUpperCase()
    case 'code':
      return indent(node.value, '    ')
    case 'blockquote': {
      const kind = (node.data as {callout?: string} | undefined)?.callout
      const body = blocks(node.children, skip)
      return indent(kind ? `${kind.toUpperCase()}: ${body}` : body, '  | ')
    }
    case 'list': {
      const items = node.children.filter((item) => !skip(item as RootContent))
      return items
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- '
          const body = blocks(item.children, skip)
          return indent(body, ' '.repeat(marker.length), marker)
        })
        .join(node.spread ? '\n\n' : '\n')
    }
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell)).join(' | ')).join('\n')
    case 'thematicBreak':
      return '---'
    case 'html':
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      return ''
    default:
      return inline(node as Nodes)
  }
}

/**
 * A step's content as plain text for a terminal, without what the runner
 * shows itself: command blocks, checklist items and a decision's choice list.
 */
export function stepText(step: Step): string {
  const content: Root = step.content
  const last = content.children[content.children.length - 1]
  const skip = (node: RootContent) =>
    (node.type === 'code' && isCommandBlock(node)) ||
    (node.type === 'listItem' && typeof node.checked === 'boolean') ||
    (node.type === 'list' && node.children.every((item) => typeof item.checked === 'boolean')) ||
    (step.kind === 'decision' && node === last && isChoiceList(node))
  return blocks(content.children, skip)
}

/** A key press, as Node's readline reports it. */
export interface Key {
  name?: string | undefined
  sequence?: string | undefined
  ctrl?: boolean | undefined
}

/** Thrown when the person presses Ctrl-C (or the script asks to quit). */
export class Interrupted extends Error {
  override name = 'Interrupted'
}

/** Where answers come from: a keyboard or a script. */
export interface Input {
  /** Whether keys (arrows, single letters) are read, rather than lines. */
  readonly keys: boolean
  /** The next key (keyboard only). */
  key(): Promise<Key>
  /** A line of text after `prompt`; null when the input ended or the person pressed Escape. */
  line(prompt: string, options?: {mask?: boolean}): Promise<string | null>
  /** While set (keyboard only), Ctrl-C calls `handler` and other keys are dropped; returns the function that unsets it. */
  intercept(handler: () => void): () => void
  close(): void
}

interface Out {
  write(chunk: string): unknown
}

/** Keyboard input in raw mode on a TTY stream. */
export function keyboardInput(
  stdin: NodeJS.ReadableStream & {setRawMode?: ((mode: boolean) => unknown) | undefined},
  out: Out
): Input {
  emitKeypressEvents(stdin)
  stdin.setRawMode?.(true)
  stdin.resume()
  const queue: Key[] = []
  const waiting: Array<(key: Key) => void> = []
  let interceptor: (() => void) | undefined
  const onKey = (sequence: string | undefined, key: Key | undefined) => {
    const k: Key = {name: key?.name, sequence: key?.sequence ?? sequence, ctrl: key?.ctrl}
    if (interceptor) {
      if (k.ctrl && k.name === 'c') interceptor()
      return
    }
    const next = waiting.shift()
    if (next) next(k)
    else queue.push(k)
  }
  stdin.on('keypress', onKey)
  const key = () => {
    const queued = queue.shift()
    return queued ? Promise.resolve(queued) : new Promise<Key>((resolve) => waiting.push(resolve))
  }
  return {
    keys: true,
    key,
    async line(prompt, options) {
      out.write(prompt)
      let value = ''
      for (;;) {
        const k = await key()
        if (k.ctrl && k.name === 'c') {
          out.write('\n')
          throw new Interrupted('interrupted')
        }
        if (k.name === 'return' || k.name === 'enter') {
          out.write('\n')
          return value
        }
        if (k.name === 'escape') {
          out.write('\n')
          return null
        }
        if (k.name === 'backspace') {
          if (value.length > 0) {
            value = value.slice(0, -1)
            out.write('\b \b')
          }
          continue
        }
        const s = k.sequence ?? ''
        if (!k.ctrl && s.length > 0 && !s.startsWith('\x1b') && s >= ' ') {
          value += s
          out.write(options?.mask ? '*'.repeat(s.length) : s)
        }
      }
    },
    intercept(handler) {
      interceptor = handler
      return () => {
        interceptor = undefined
      }
    },
    close() {
      stdin.removeListener('keypress', onKey)
      stdin.setRawMode?.(false)
      stdin.pause()
    }
  }
}

/** Input from lines of text (a script file or a pipe): every answer is one line, echoed after its prompt. */
export function scriptInput(lines: AsyncIterator<string> | Iterator<string>, out: Out, onClose?: () => void): Input {
  return {
    keys: false,
    key() {
      return Promise.reject(new Error('scripted input has no keys'))
    },
    async line(prompt, options) {
      out.write(prompt)
      for (;;) {
        const next = await lines.next()
        if (next.done) {
          out.write('(end of script)\n')
          return null
        }
        const text = next.value.replace(/\r$/, '')
        if (/^\s*#/.test(text)) continue
        out.write((options?.mask ? '*'.repeat(text.length) : text) + '\n')
        return text
      }
    },
    intercept() {
      return () => {}
    },
    close() {
      onClose?.()
    }
  }
}
