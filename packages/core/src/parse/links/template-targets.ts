/**
 * Rule: a link whose target is a static-site template tag reads as the link
 * it stands for. Liquid (Jekyll) `{% link … %}`, `{% page "…" %}` and
 * `{% post_url … %}`, Hugo `{{< ref "…" >}}` and `{{< relref "…" >}}` (also
 * with `{{% … %}}`), and a leading `{{ site.baseurl }}` are read as the path
 * inside them. CommonMark does not take such a target (it has spaces), so
 * `[text]({{< ref "x.md" >}})` stays literal text; this rule makes it a link.
 *
 * @example
 *   [the restore runbook]({{< ref "restore.md" >}})     → a link to restore.md
 *   [Vault]({% page "/tools/vault/" %})                 → a link to /tools/vault/
 *   [Failover]({% link _runbooks/failover.md %})        → a link to _runbooks/failover.md
 */
import type {Link, Nodes, PhrasingContent, Root, Text} from 'mdast'
import type {Point} from '../../types.js'
import {walk} from '../../walk.js'

/** A template tag that names a page, and the path inside it (quoted or bare). */
const tag =
  /^\s*(?:\{%-?\s*(?:link|page|post_url|include_relative)\s+(?:"([^"]*)"|'([^']*)'|([^\s%]+))[^%]*?-?%\}|\{\{[<%]\s*(?:ref|relref)\s+(?:"([^"]*)"|'([^']*)'|([^\s>%]+))[^>%]*?[>%]\}\})/
/** A site base URL before a path: `{{ site.baseurl }}`, `{{ .Site.BaseURL }}`, `{{ base_url }}`. */
const base = /^\s*\{\{-?\s*(?:site\.baseurl|site\.url|\.Site\.BaseURL|base_?url|\.Site\.Home\.Permalink)\s*(?:\|[^}]*)?-?\}\}\/?/i

/**
 * The path a link target written as a template tag stands for
 * (`{{< ref "x.md" >}}` → `x.md`), or `undefined` when `url` is no such tag.
 */
export function templateTarget(url: string): string | undefined {
  if (!url.includes('{')) return undefined
  let rest = url
  let based = false
  const prefix = base.exec(rest)
  if (prefix) {
    rest = rest.slice(prefix[0].length)
    based = true
  }
  const match = tag.exec(rest)
  if (match) {
    const path = match.slice(1).find((group) => group !== undefined) ?? ''
    const after = rest.slice(match[0].length).trim()
    return path + after
  }
  return based ? (rest.startsWith('/') || rest === '' ? rest : `/${rest}`) : undefined
}

/** `[text](target)` written in plain text, with a template tag in the target (each part bounded, so long texts stay linear). */
const literalLink = /\[([^\[\]\n]{1,500})\]\((\s*\{[{%][^\n]{0,500}?[}%]\}[^()\s]{0,500})\)/g

/**
 * Turn `[text](template tag)` left as plain text into links to the path the
 * tag stands for (mutates `tree`, the parser's own). `source` is the text
 * `tree` was parsed from, to place the new nodes.
 */
export function linkTemplateTargets(tree: Root, source: string): void {
  if (!source.includes('{%') && !source.includes('{{')) return
  walk(tree, (node) => {
    if (!('children' in node) || node.type === 'link' || node.type === 'linkReference') return undefined
    const children = node.children as Nodes[]
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!
      if (child.type !== 'text' || !child.value.includes('](')) continue
      const parts = splitText(child, source)
      if (parts) {
        children.splice(index, 1, ...parts)
        index += parts.length - 1
      }
    }
    return undefined
  })
}

/** A text node as text and links, or `undefined` when it holds no templated link. */
function splitText(node: Text, source: string): PhrasingContent[] | undefined {
  const value = node.value
  const start = node.position?.start
  // Places are exact only when the text is the source as written (no escapes, entities or line prefixes).
  const exact =
    start?.offset !== undefined && node.position?.end.offset !== undefined && source.slice(start.offset, node.position.end.offset) === value
  const at = (index: number): Point | undefined => (exact && start ? advance(start, value, index) : undefined)
  const parts: PhrasingContent[] = []
  let last = 0
  literalLink.lastIndex = 0
  for (let match = literalLink.exec(value); match; match = literalLink.exec(value)) {
    const target = templateTarget(match[2]!.trim())
    if (target === undefined) continue
    if (match.index > last) parts.push(piece(value.slice(last, match.index), at(last), at(match.index)))
    const link: Link = {type: 'link', url: target, title: null, children: [piece(match[1]!, at(match.index + 1), at(match.index + 1 + match[1]!.length))]}
    const from = at(match.index)
    const to = at(match.index + match[0].length)
    if (from && to) link.position = {start: from, end: to}
    parts.push(link)
    last = match.index + match[0].length
  }
  if (parts.length === 0) return undefined
  if (last < value.length) parts.push(piece(value.slice(last), at(last), at(value.length)))
  return parts
}

function piece(value: string, from: Point | undefined, to: Point | undefined): Text {
  const text: Text = {type: 'text', value}
  if (from && to) text.position = {start: from, end: to}
  return text
}

/** The point `index` characters of `value` after `start`. */
function advance(start: Point, value: string, index: number): Point {
  let line = start.line
  let column = start.column
  for (let cursor = 0; cursor < index; cursor++) {
    if (value.charCodeAt(cursor) === 10) {
      line++
      column = 1
    } else {
      column++
    }
  }
  return {line, column, offset: (start.offset ?? 0) + index}
}
