/**
 * What `runbook run` draws: a step as plain text for a terminal, its
 * commands and checklist, and the menu of choices and keys. Each function
 * returns lines; the runner prints them.
 *
 * @module
 */
import type {Nodes, Root, RootContent} from 'mdast'
import {destructiveReason, isCommandBlock} from '../../../parse/commands/commands.js'
import type {Session} from '../../../session/session.js'
import type {Choice} from '../../../session/types.js'
import type {Step} from '../../../types.js'

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
    (step.kind === 'decision' &&
      node === last &&
      isChoiceList(node) &&
      step.edges.every((edge) => edge.kind !== 'next') &&
      step.edges.some((edge) => edge.rule === 'choice-list'))
  return blocks(content.children, skip)
}

/** The header and text of the current step, its commands and its checklist. */
export function stepLines(session: Session, options: {width: number; execute: boolean}): string[] {
  const step = session.current
  const progress = session.progress()
  const rule = '─'.repeat(Math.min(options.width, 72))
  const lines = ['', rule, `${step.number ? `Step ${step.number}: ` : ''}${step.title}  [${step.id}]`]
  lines.push(`${progress.percent}% done · ${progress.done} step${progress.done === 1 ? '' : 's'} behind you, at most ${progress.remaining} ahead`, rule)
  const text = stepText(step)
  if (text) lines.push(text)
  return [...lines, ...commandLines(session, options.execute), ...checklistLines(session)]
}

/** The current step's commands, parameters in place (secrets masked). */
export function commandLines(session: Session, execute: boolean): string[] {
  const commands = session.commands()
  if (commands.length === 0) return []
  const lines = ['', `Commands${execute ? ' (r to run)' : ' (shown only; add --execute to run them)'}:`]
  for (const c of commands) {
    const [first, ...rest] = c.text.split('\n')
    lines.push(`  ${c.index + 1}. $ ${first}`)
    for (const line of rest) lines.push(`       ${line}`)
    if (c.missing.length > 0) lines.push(`     missing: ${c.missing.join(', ')} (set with p, or --param)`)
    if (c.command.destructive) lines.push(`     destructive: ${destructiveReason(c.command.code) ?? 'deletes or overwrites data'}`)
  }
  return lines
}

/** The current step's checklist, ticked items marked. */
export function checklistLines(session: Session): string[] {
  const items = session.current.checklist
  if (items.length === 0) return []
  return ['', 'Checklist (c to tick):', ...items.map((item, index) => `  ${index + 1}. [${session.isChecked(item.id) ? 'x' : ' '}] ${item.text}`)]
}

/** The choices and key hints, each line cut to the terminal's width (so redrawing the highlight can count lines). */
export function menuLines(session: Session, options: {width: number; keys: boolean; highlight: number}): string[] {
  const choices = session.choices()
  const lines: string[] = []
  const fit = (line: string) => (line.length > options.width - 1 ? line.slice(0, options.width - 2) + '…' : line)
  if (choices.length === 0) lines.push('This is an end of the runbook: Enter finishes.')
  else if (choices.length === 1) {
    const c = choices[0]!
    const target = c.internal ? session.step(c.to!)?.title : awayFrom(c)
    const shown = target ?? c.label
    lines.push(`Next: ${c.kind === 'next' || c.label === shown ? '' : `${c.label} → `}${shown} (Enter continues)`)
  } else {
    lines.push(options.keys ? 'Choose (Up/Down and Enter, or a number):' : 'Choose (a number):')
    choices.forEach((c, index) => {
      const mark = options.keys && index === options.highlight ? '❯' : ' '
      const away = c.internal ? '' : ` (→ ${awayFrom(c)})`
      lines.push(` ${mark} ${index + 1}. ${c.label}${away}`)
    })
  }
  if (options.keys) lines.push('r run · c check · n note · p param · e escalate · b back', 'g go to · f finish · a abandon · q save and quit · ? help')
  else lines.push('Answer (see runbook run --help):')
  return lines.map(fit)
}

/** Where a choice that leaves this runbook's steps goes. */
function awayFrom(choice: Choice): string {
  if (choice.runbook !== undefined) return `runbook ${choice.runbook}${choice.to === undefined ? '' : `#${choice.to}`}`
  if (choice.href !== undefined) return `document ${choice.href}`
  return choice.to === undefined ? 'end' : `missing step ${choice.to}`
}
