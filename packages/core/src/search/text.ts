/**
 * Plain text of runbooks and steps, for indexing and snippets.
 *
 * @module
 */
import type {Nodes, Root} from 'mdast'
import type {Runbook, Step} from '../types.js'

/** Parents whose children are blocks: their texts are separated by a space. */
const blockParents = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'footnoteDefinition'])

interface TextOptions {
  /** Leave out code blocks (commands are indexed on their own). */
  code: boolean
}

/**
 * The text of an mdast tree on one line: blocks separated by a space,
 * whitespace collapsed.
 */
export function treeText(tree: Root | null | undefined, options: TextOptions = {code: true}): string {
  if (!tree || typeof tree !== 'object') return ''
  const out: string[] = []
  collect(tree as Nodes, options, out)
  return out.join(' ').replace(/\s+/g, ' ').trim()
}

function collect(node: Nodes, options: TextOptions, out: string[]): void {
  if (node.type === 'code' && !options.code) return
  if (node.type === 'yaml' || node.type === 'html') return
  if (blockParents.has(node.type) && 'children' in node) {
    for (const child of node.children as Nodes[]) collect(child, options, out)
    return
  }
  out.push(plain(node))
}

/**
 * Plain text of a node or a list of nodes, as `mdast-util-to-string` with
 * `includeImageAlt: false, includeHtml: false` gives it (written out here so
 * the browser bundle needs no option handling).
 */
function plain(node: unknown): string {
  if (Array.isArray(node)) return node.map(plain).join('')
  if (!node || typeof node !== 'object') return ''
  if ('value' in node) return (node as {type?: unknown}).type === 'html' ? '' : (node.value as string)
  return 'children' in node ? plain(node.children) : ''
}

const stepTexts = new WeakMap<Step, string>()
const introTexts = new WeakMap<Runbook, string>()

/** The full text of a step's content (code included), cached per step object. */
export function stepText(step: Step): string {
  let text = stepTexts.get(step)
  if (text === undefined) {
    text = treeText(step.content)
    stepTexts.set(step, text)
  }
  return text
}

/** The runbook's description, intro and outro, cached per runbook object. */
export function runbookText(runbook: Runbook): string {
  let text = introTexts.get(runbook)
  if (text === undefined) {
    const intro = `${treeText(runbook.intro)} ${treeText(runbook.outro)}`.trim()
    const description = typeof runbook.description === 'string' ? runbook.description : ''
    text = intro.includes(description) ? intro : `${description} ${intro}`.trim()
    introTexts.set(runbook, text)
  }
  return text
}
