/**
 * What a step's content holds: its commands, checklist and callouts, and a
 * clean copy of its tree for rendering (references resolved, definitions
 * dropped, positions only when asked).
 */
import type {Blockquote, Code, Definition, InlineCode, ListItem, Nodes, Paragraph, Root, RootContent, Text} from 'mdast'
import GithubSlugger from 'github-slugger'
import {leadIn} from './callouts/lead-ins.js'
import {commandsOf, inlineCommand} from './commands/commands.js'
import {inlineCommands} from './commands/inline-commands.js'
import {isExampleSession, isOutputAfter, isOutputIntro} from './commands/sample-output.js'
import type {ParamContext} from './params/command-params.js'
import type {Callout, CalloutKind, ChecklistItem, Command, Position} from '../types.js'
import {textOf, walk} from '../walk.js'

/** Definitions of a document, by normalized identifier. */
export type Definitions = Map<string, Definition>

/** Normalize a reference identifier the way CommonMark matches them. */
export function normalizeIdentifier(value: string): string {
  return value.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase()
}

/** Collect the document's definitions (first one wins, as in CommonMark). */
export function collectDefinitions(tree: Root): Definitions {
  const definitions: Definitions = new Map()
  walk(tree, (node) => {
    if (node.type === 'definition') addDefinition(definitions, node)
  })
  return definitions
}

/** Add one definition met in document order (the first of an identifier wins). */
export function addDefinition(definitions: Definitions, node: Definition): void {
  const id = normalizeIdentifier(node.identifier)
  if (!definitions.has(id)) definitions.set(id, node)
}

/**
 * A plain-JSON copy of `nodes` as a root: `position` removed unless
 * `positions`, link and image references resolved to links and images,
 * definitions dropped.
 */
export function cloneContent(nodes: RootContent[], definitions: Definitions, positions: boolean): Root {
  const copy = (node: Nodes): Nodes | undefined => {
    if (node.type === 'definition') return undefined
    let result: Record<string, unknown>
    if ((node.type === 'linkReference' || node.type === 'imageReference') && definitions.has(normalizeIdentifier(node.identifier))) {
      const definition = definitions.get(normalizeIdentifier(node.identifier))!
      result =
        node.type === 'linkReference'
          ? {type: 'link', url: definition.url, title: definition.title ?? null, children: node.children}
          : {type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? ''}
      if (node.position && positions) result.position = node.position
    } else if (positions) {
      result = {...node}
    } else {
      // Copied without `position` rather than spread and deleted: a deleted key turns the object into a slow dictionary.
      result = {}
      for (const key in node) if (key !== 'position') result[key] = (node as unknown as Record<string, unknown>)[key]
    }
    if ('children' in result && Array.isArray(result.children)) {
      const children: Nodes[] = []
      for (const child of result.children as Nodes[]) {
        const cloned = copy(child)
        if (cloned) children.push(cloned)
      }
      result.children = children
    }
    if (result.data !== undefined) result.data = JSON.parse(JSON.stringify(result.data)) as unknown
    return result as unknown as Nodes
  }
  // Deeply nested input: copy iteratively below a generous depth budget.
  const children: RootContent[] = []
  for (const node of nodes) {
    const cloned = safeCopy(node, copy)
    if (cloned) children.push(cloned as RootContent)
  }
  return {type: 'root', children}
}

/** `copy` recurses; for pathological nesting fall back to a JSON round trip (no positions). */
function safeCopy(node: Nodes, copy: (node: Nodes) => Nodes | undefined): Nodes | undefined {
  try {
    return copy(node)
  } catch (error) {
    if (error instanceof RangeError) return flatten(node)
    throw error
  }
}

/** A last resort for trees too deep to copy: the node's text as a paragraph. */
function flatten(node: Nodes): Nodes {
  return {type: 'paragraph', children: [{type: 'text', value: textOf(node)}]}
}

const alertPattern = /^\s*\[!(note|tip|important|warning|caution)\]\s*/i
const leadPattern = /^\s*(warning|note|caution|important|tip|danger|attention)\b\s*[:!.]?\s*/i

function calloutKind(word: string): CalloutKind {
  const key = word.toLowerCase()
  if (key === 'danger') return 'caution'
  if (key === 'attention') return 'important'
  return key as CalloutKind
}

/**
 * Find callouts in `tree`, mark their nodes with `data.callout` and strip
 * GitHub alert markers (mutates `tree`, a copy).
 */
export function markCallouts(tree: Root): Callout[] {
  const callouts: Callout[] = []
  walk(tree, (node, parent) => {
    if (node.type === 'blockquote') {
      // An admonition (parse/callouts/admonitions.ts) comes marked already.
      const kind = node.data?.callout ?? blockquoteKind(node)
      if (kind) {
        node.data = {...node.data, callout: kind}
        callouts.push({kind, text: textOf(node).replace(leadPattern, '').trim()})
        return false
      }
    } else if (node.type === 'paragraph' && parent?.type !== 'blockquote') {
      const first = node.children[0]
      if (first && first.type === 'strong') {
        const match = /^\s*(warning|note|caution|important|tip|danger|attention)\s*:?\s*$/i.exec(textOf(first))
        if (match) {
          const kind = calloutKind(match[1]!)
          node.data = {...node.data, callout: kind}
          callouts.push({kind, text: textOf(node.children.slice(1)).replace(/^\s*:\s*/, '').trim()})
          return undefined
        }
      }
      // "⚠️ …", "Warning: …", "*Note:* …" (parse/callouts/lead-ins.ts).
      const lead = leadIn(node)
      if (lead) {
        node.data = {...node.data, callout: lead.kind}
        callouts.push(lead)
      }
    }
    // Text holds no block quote or paragraph: no need to look inside.
    return !holdsText(node)
  })
  return callouts
}

/** Whether `node` holds only text (phrasing content), where no block such as a list, a quote or a code block can be. */
function holdsText(node: Nodes): boolean {
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'table'
}

function blockquoteKind(node: Blockquote): CalloutKind | undefined {
  const paragraph = node.children[0]
  if (!paragraph || paragraph.type !== 'paragraph') return undefined
  const first = paragraph.children[0]
  if (first && first.type === 'text') {
    const alert = alertPattern.exec(first.value)
    if (alert) {
      ;(first as Text).value = first.value.slice(alert[0].length)
      if (first.value === '') {
        paragraph.children.shift()
        if (paragraph.children[0]?.type === 'break') paragraph.children.shift()
        if (paragraph.children.length === 0) node.children.shift()
      }
      return calloutKind(alert[1]!)
    }
    const lead = leadPattern.exec(first.value)
    if (lead && /[:!]/.test(lead[0])) return calloutKind(lead[1]!)
  }
  if (first && first.type === 'strong') {
    const match = /^\s*(warning|note|caution|important|tip|danger|attention)\s*:?\s*$/i.exec(textOf(first))
    if (match) return calloutKind(match[1]!)
  }
  return leadIn(paragraph)?.kind
}

/** The GFM task items in `tree`, with ids unique in the step. */
export function checklistOf(tree: Root): ChecklistItem[] {
  const slugger = new GithubSlugger()
  const items: ChecklistItem[] = []
  walk(tree, (node) => {
    if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      const text = itemText(node)
      items.push({id: slugger.slug(text || 'item'), text, checked: node.checked})
    }
    return !holdsText(node)
  })
  return items
}

/** Text of a list item without its nested lists. */
function itemText(item: ListItem): string {
  return textOf(item.children.filter((child) => child.type !== 'list')).replace(/\s+/g, ' ').trim()
}

/** A command with the code node (a block, or inline code in a sentence) it came from. */
export interface FoundCommand {
  command: Command
  node: Code | InlineCode
}

/**
 * The commands in `nodes` (the source tree, with positions): code blocks
 * (unless the sentence before introduces them as output, see
 * `parse/commands/sample-output.ts`) and inline commands in sentences and
 * list items (see `parse/commands/inline-commands.ts`).
 */
export function commandsIn(nodes: RootContent[], context: ParamContext): FoundCommand[] {
  const found: FoundCommand[] = []
  const seen = new Set<string>()
  nodes.forEach((root, rootIndex) => {
    walk(root, (node, parent) => {
      if (node.type === 'table' || node.type === 'heading') return false
      if (node.type === 'code') {
        const siblings: Nodes[] = parent ? parent.children : nodes
        const previous = siblings[parent ? siblings.indexOf(node) - 1 : rootIndex - 1]
        if (previous?.type === 'paragraph') {
          const intro = textOf(previous)
          if (isOutputIntro(intro) || isExampleSession(intro, node)) return undefined
        }
        const last = found[found.length - 1]
        if (last && previous === last.node && isOutputAfter(node)) {
          last.command.output ??= node.value.trim()
          return undefined
        }
        for (const command of commandsOf(node, context)) {
          found.push({command, node})
          seen.add(command.code)
        }
      } else if (node.type === 'paragraph') {
        for (const code of inlineCommands(node)) {
          const text = code.value.trim()
          if (seen.has(text)) continue
          seen.add(text)
          found.push({command: inlineCommand(text, context), node: code})
        }
        return false
      }
      return undefined
    })
  })
  return found
}
/** Whether content is empty: nothing but comments, definitions and blank HTML. */
export function isEmptyContent(nodes: RootContent[]): boolean {
  return nodes.every(
    (node) => node.type === 'definition' || (node.type === 'html' && /^\s*(<!--[\s\S]*?-->\s*)*$/.test(node.value))
  )
}

/** Position of a node as a plain object. */
export function positionOf(node: {position?: Position | undefined} | undefined): Position | undefined {
  const position = node?.position
  return position ? {start: {...position.start}, end: {...position.end}} : undefined
}
