/**
 * Links in runbooks: which are anchors in the same runbook, which point at
 * another runbook, and which go elsewhere. The branches read from links
 * are in `../branches/` (choice lists, go-to sentences).
 */
import type {Link, LinkReference, Nodes} from 'mdast'
import {type Definitions, normalizeIdentifier} from '../content.js'
import {templateTarget} from './template-targets.js'
import {runbookIdFromPath} from '../titles/id-from-path.js'
import type {Position} from '../../types.js'
import {textOf, walk} from '../../walk.js'

/** Where a link points. */
export type Target =
  | {type: 'anchor'; anchor: string}
  | {type: 'runbook'; href: string; path: string; anchor?: string | undefined}
  | {type: 'external'}

const markdownFile = /\.(?:md|markdown)(?:\.erb)?$/i

/** Classify a URL: an anchor in this runbook, another runbook (a relative Markdown file), or anything else. */
export function classifyHref(url: string): Target {
  // A template tag stands for the path inside it (parse/links/template-targets.ts).
  const href = (templateTarget(url) ?? url).trim()
  if (href.startsWith('#')) return {type: 'anchor', anchor: decode(href.slice(1))}
  if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//')) return {type: 'external'}
  const hash = href.indexOf('#')
  const path = (hash === -1 ? href : href.slice(0, hash)).split('?')[0]!
  if (!markdownFile.test(path)) return {type: 'external'}
  const anchor = hash === -1 ? undefined : decode(href.slice(hash + 1)) || undefined
  return {type: 'runbook', href, path: decode(path), anchor}
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The id a runbook file gets by default: its name without extensions, slugged; for `index.*` and `README.*` its folder's name (`parse/titles/id-from-path.ts`). */
export function idFromPath(path: string): string {
  return runbookIdFromPath(path)
}

/** A lower-case, dash-separated id from free text. */
export {slugText} from '../titles/slug.js'

/** A link found in content, with its target and the source position. */
export interface FoundLink {
  url: string
  text: string
  target: Target
  position: Position | undefined
  node: Link | LinkReference
}

/** Resolve a link or link reference to its URL (undefined for an undefined reference). */
export function urlOf(node: Link | LinkReference, definitions: Definitions): string | undefined {
  if (node.type === 'link') return node.url
  return definitions.get(normalizeIdentifier(node.identifier))?.url
}

/** Every link in `nodes`. */
export function linksIn(nodes: readonly Nodes[], definitions: Definitions): FoundLink[] {
  const found: FoundLink[] = []
  for (const root of nodes) {
    walk(root, (node) => {
      if (node.type === 'link' || node.type === 'linkReference') {
        const url = urlOf(node, definitions)
        if (url !== undefined) {
          found.push({url, text: textOf(node).trim(), target: classifyHref(url), position: node.position, node})
        }
      }
    })
  }
  return found
}
