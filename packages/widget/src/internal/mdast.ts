/**
 * Render a step's mdast tree as Lit templates.
 *
 * Runbook content never goes through an HTML-parsing sink: every node becomes a Lit
 * template whose text is bound as text, raw HTML is shown as text, and URLs
 * are filtered (`./url.ts`). Unknown node types render their children, or
 * nothing.
 */
import {html, nothing, type TemplateResult} from 'lit'
import type {
  Blockquote,
  Code,
  Definition,
  Heading,
  List,
  ListItem,
  Nodes,
  Parents,
  PhrasingContent,
  Root,
  RootContent,
  Table
} from 'mdast'
import {format, keyPart, type Strings} from './strings.js'
import {decode} from './decode.js'
import {isSameOrigin, safeImageUrl, safeLinkUrl} from './url.js'

type Renderable = TemplateResult | string | typeof nothing | Renderable[]

/** A piece of a code block: text, or a parameter with its value (absent: missing); a secret value is shown masked and copied as is. */
export type CodePiece = string | {name: string; value: string | undefined; secret?: boolean | undefined}

const mask = '••••••'

/** Another runbook a link in step text goes to. */
export interface RunbookTarget {
  runbook: string
  step?: string | undefined
}

/** What the renderer needs from the component that uses it. */
export interface RenderContext {
  strings: Strings
  /** Split code into text and parameter pieces (parameters filled in). Absent: code as written. */
  fill?: ((code: string) => CodePiece[]) | undefined
  /** Called when a link to `#anchor` is followed (the default navigation is prevented). */
  onAnchor?: ((anchor: string) => void) | undefined
  /**
   * Where a link goes when it points at another runbook (`restore.md#start`): the runbook and step,
   * `null` when that runbook is not in the library (the link is shown as text), `undefined` when the
   * URL is not a link to a runbook.
   */
  runbookLink?: ((url: string) => RunbookTarget | null | undefined) | undefined
  /** Called when a link to another runbook is followed (the default navigation is prevented). */
  onRunbookLink?: ((target: RunbookTarget) => void) | undefined
  /** Called when a copy button is pressed, with the text to copy. */
  onCopy?: ((text: string) => void) | undefined
  /** The text most recently copied, so its button can say so. */
  copied?: string | undefined
  /** Checklist support: the id of the checklist item with this text, if any. */
  checklistId?: ((text: string) => string | undefined) | undefined
  /** Whether a checklist item is checked. */
  isChecked?: ((id: string) => boolean) | undefined
  /** Called when a checklist box is toggled. */
  onCheck?: ((id: string, checked: boolean) => void) | undefined
  /** Drop the final list of a decision step whose choices it holds (edge rule `choice-list`): they are shown as buttons instead. */
  hideChoiceList?: boolean | undefined
  /** Load images from other origins. Default: such images are shown as links with their alt text, so that no request leaves the page's origin (no tracking pixels). */
  remoteImages?: boolean | undefined
}

interface State {
  ctx: RenderContext
  definitions: Map<string, Definition>
}

/** Plain text of a node (as mdast-util-to-string, without images' alt text). */
export function textOf(node: Nodes | undefined): string {
  if (!node) return ''
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('')
  return ''
}

/** Render a whole tree (a step's content, a runbook's intro). */
export function renderMdast(tree: Root | null | undefined, ctx: RenderContext): TemplateResult {
  if (!tree || !Array.isArray(tree.children)) return html``
  const definitions = new Map<string, Definition>()
  collectDefinitions(tree, definitions)
  const state: State = {ctx, definitions}
  let children = tree.children
  if (ctx.hideChoiceList) {
    const last = children[children.length - 1]
    if (last && last.type === 'list' && isChoiceList(last)) children = children.slice(0, -1)
  }
  return html`${children.map((child) => block(child, state))}`
}

/** Whether every item of a list holds a link: the choice list of a decision. */
export function isChoiceList(list: List): boolean {
  return list.children.length > 1 && list.children.every((item) => hasLink(item))
}

function hasLink(node: Nodes): boolean {
  if (node.type === 'link' || node.type === 'linkReference') return true
  return 'children' in node && (node.children as Nodes[]).some(hasLink)
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>) {
  if (node.type === 'definition') into.set(node.identifier.toLowerCase(), node)
  if ('children' in node) for (const child of node.children as Nodes[]) collectDefinitions(child, into)
}

function calloutKind(node: Nodes): string | undefined {
  const data = (node as {data?: {callout?: unknown}}).data
  const value = data?.callout
  const kind = typeof value === 'string' ? value : (value as {kind?: unknown} | undefined)?.kind
  return typeof kind === 'string' && /^(note|tip|important|warning|caution)$/.test(kind) ? kind : undefined
}

function block(node: RootContent, state: State): Renderable {
  const kind = calloutKind(node)
  if (kind) {
    return html`<div class="callout callout-${kind}" part="callout callout-${kind}" role="note">
      <p class="callout-title">${calloutTitle(state.ctx.strings, kind)}</p>
      ${node.type === 'blockquote' ? children(stripAlertMarker(node), state) : block({...node, data: {}} as RootContent, state)}
    </div>`
  }
  switch (node.type) {
    case 'paragraph':
      return html`<p>${inline(node.children, state)}</p>`
    case 'heading':
      return heading(node, state)
    case 'thematicBreak':
      return html`<hr />`
    case 'blockquote':
      return html`<blockquote>${children(node, state)}</blockquote>`
    case 'list':
      return list(node, state)
    case 'listItem':
      return listItem(node, state)
    case 'table':
      return table(node, state)
    case 'code':
      return code(node, state)
    case 'html':
      return html`<pre class="raw-html" part="raw-html"><span class="raw-html-label">${state.ctx.strings.rawHtml}</span>${node.value}</pre>`
    case 'footnoteDefinition':
      return html`<div class="footnote"><sup>${node.label ?? node.identifier}</sup> ${children(node, state)}</div>`
    case 'definition':
    case 'yaml':
      return nothing
    case 'text':
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'inlineCode':
    case 'link':
    case 'linkReference':
    case 'image':
    case 'imageReference':
    case 'break':
    case 'footnoteReference':
      return phrasing(node, state)
    default:
      // Unknown nodes (from plugins): their children, or their text.
      if ('children' in node && Array.isArray(node.children)) return children(node as Parents, state)
      if ('value' in node && typeof node.value === 'string') return node.value
      return nothing
  }
}

function children(node: Parents, state: State): Renderable {
  return (node.children as RootContent[]).map((child) => block(child, state))
}

function stripAlertMarker(node: Blockquote): Blockquote {
  const [first, ...rest] = node.children
  if (!first || first.type !== 'paragraph') return node
  const [lead, ...more] = first.children
  if (!lead || lead.type !== 'text' || !/^\s*\[!\w+\]/.test(lead.value)) return node
  const value = lead.value.replace(/^\s*\[!\w+\]\s*/, '')
  const paragraph = {...first, children: value ? [{...lead, value}, ...more] : more}
  return {...node, children: paragraph.children.length > 0 ? [paragraph, ...rest] : rest}
}

function heading(node: Heading, state: State): Renderable {
  const content = inline(node.children, state)
  switch (Math.min(6, Math.max(4, node.depth + 1))) {
    case 4:
      return html`<h4>${content}</h4>`
    case 5:
      return html`<h5>${content}</h5>`
    default:
      return html`<h6>${content}</h6>`
  }
}

function list(node: List, state: State): Renderable {
  const items = node.children.map((item) => listItem(item, state))
  if (node.ordered) {
    return typeof node.start === 'number' && node.start !== 1
      ? html`<ol start=${node.start}>${items}</ol>`
      : html`<ol>${items}</ol>`
  }
  return html`<ul>${items}</ul>`
}

function listItem(node: ListItem, state: State): Renderable {
  const {ctx} = state
  if (typeof node.checked === 'boolean') {
    const text = textOf(node).trim()
    const id = ctx.checklistId?.(text)
    const [first, ...rest] = node.children
    const label = first && first.type === 'paragraph' ? inline(first.children, state) : text
    const after = first && first.type === 'paragraph' ? rest : node.children
    if (id !== undefined && ctx.isChecked && ctx.onCheck) {
      const checked = ctx.isChecked(id)
      const onCheck = ctx.onCheck
      return html`<li class="task" part="checklist-item">
        <label><input
            type="checkbox"
            .checked=${checked}
            @change=${(event: Event) => onCheck(id, (event.target as HTMLInputElement).checked)}
          /><span>${label}</span></label
        >${after.map((child) => block(child, state))}
      </li>`
    }
    return html`<li class="task">
      <input type="checkbox" disabled .checked=${node.checked} aria-label=${text} /> ${label}
      ${after.map((child) => block(child, state))}
    </li>`
  }
  // Tight list items hold paragraphs that should not add spacing.
  if (node.spread === false && node.children.length === 1 && node.children[0]?.type === 'paragraph') {
    return html`<li>${inline(node.children[0].children, state)}</li>`
  }
  return html`<li>${children(node, state)}</li>`
}

function table(node: Table, state: State): Renderable {
  const [head, ...body] = node.children
  const align = node.align ?? []
  const cell = (tag: 'th' | 'td', content: PhrasingContent[], index: number) => {
    const cls = align[index] ? `align-${align[index]}` : ''
    return tag === 'th'
      ? html`<th scope="col" class=${cls}>${inline(content, state)}</th>`
      : html`<td class=${cls}>${inline(content, state)}</td>`
  }
  return html`<div class="table-wrap" part="table" tabindex="0" role="region" aria-label=${textOf(head)}>
    <table>
      ${head ? html`<thead><tr>${head.children.map((c, i) => cell('th', c.children, i))}</tr></thead>` : nothing}
      <tbody>
        ${body.map((row) => html`<tr>${row.children.map((c, i) => cell('td', c.children, i))}</tr>`)}
      </tbody>
    </table>
  </div>`
}

const promptLine = /^(?:\$|PS(?: [^>\n]*)?>)\s?/

/** The text a copy button copies: the commands of a prompt-style block (without prompts and output), else all of it. */
export function copyText(code: string): string {
  const lines = code.split('\n')
  if (!lines.some((line) => promptLine.test(line))) return code
  const commands: string[] = []
  let continued = false
  for (const line of lines) {
    if (continued) commands.push(line)
    else if (promptLine.test(line)) commands.push(line.replace(promptLine, ''))
    continued = /[\\`]\s*$/.test(line) && (continued || promptLine.test(line))
  }
  return commands.join('\n')
}

function code(node: Code, state: State): Renderable {
  const {ctx} = state
  const pieces: CodePiece[] = ctx.fill ? ctx.fill(node.value) : [node.value]
  const filled = pieces
    .map((piece) => (typeof piece === 'string' ? piece : (piece.value ?? format(ctx.strings.missingParam, {name: piece.name}))))
    .join('')
  const toCopy = copyText(filled)
  const isCopied = ctx.copied !== undefined && ctx.copied === toCopy
  const onCopy = ctx.onCopy
  return html`<div class="code" part="code">
    ${node.lang ? html`<span class="code-lang">${node.lang}</span>` : nothing}
    <pre><code>${marks(pieces, ctx.strings, true)}</code></pre>
    ${onCopy
      ? html`<button type="button" class="copy" part="copy-button" @click=${() => onCopy(toCopy)}>
          ${isCopied ? ctx.strings.copied : ctx.strings.copy}
        </button>`
      : nothing}
  </div>`
}

function inline(nodes: PhrasingContent[], state: State): Renderable {
  return nodes.map((node) => phrasing(node, state))
}

function phrasing(node: PhrasingContent, state: State): Renderable {
  switch (node.type) {
    case 'text':
      return node.value
    case 'emphasis':
      return html`<em>${inline(node.children, state)}</em>`
    case 'strong':
      return html`<strong>${inline(node.children, state)}</strong>`
    case 'delete':
      return html`<del>${inline(node.children, state)}</del>`
    case 'inlineCode':
      return html`<code>${state.ctx.fill ? marks(state.ctx.fill(node.value), state.ctx.strings, false) : node.value}</code>`
    case 'break':
      return html`<br />`
    case 'html':
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? html`<br />` : html`<code class="raw-html">${node.value}</code>`
    case 'link':
      return link(node.url, node.title, inline(node.children, state), state)
    case 'linkReference': {
      const definition = state.definitions.get(node.identifier.toLowerCase())
      const content = inline(node.children, state)
      return definition ? link(definition.url, definition.title, content, state) : content
    }
    case 'image':
      return image(node.url, node.alt, node.title, state)
    case 'imageReference': {
      const definition = state.definitions.get(node.identifier.toLowerCase())
      return definition ? image(definition.url, node.alt, definition.title, state) : (node.alt ?? '')
    }
    case 'footnoteReference':
      return html`<sup class="footnote-ref">[${node.label ?? node.identifier}]</sup>`
    default:
      return 'children' in node ? inline((node as {children: PhrasingContent[]}).children, state) : nothing
  }
}

/** Code pieces with parameters marked; in a code block (`parts`) the marks carry the `param` and `param-missing` parts. */
function marks(pieces: CodePiece[], strings: Strings, parts: boolean): Renderable {
  return pieces.map((piece) =>
    typeof piece === 'string'
      ? piece
      : piece.value === undefined
        ? html`<mark class="param missing" part=${parts ? 'param param-missing' : nothing}>${format(strings.missingParam, {name: piece.name})}</mark>`
        : html`<mark class="param" part=${parts ? 'param' : nothing}>${piece.secret ? mask : piece.value}</mark>`
  )
}

function link(url: string, title: string | null | undefined, content: Renderable, state: State): Renderable {
  const href = safeLinkUrl(url)
  if (href === undefined) return html`<span class="unsafe-link">${content}</span>`
  const {onAnchor, onRunbookLink, strings} = state.ctx
  // A link to another runbook opens it in the widget (its href is the deep link, for a new tab); one to a
  // runbook the library lacks, or to any other Markdown file, would be a 404: it is text that says so.
  const target = state.ctx.runbookLink?.(url)
  if (target === null || (target === undefined && /^[^:?#]*\.(?:md|markdown)(?:\.erb)?(?:[?#]|$)/i.test(href.trim()))) {
    return html`<span class="missing-link" title=${format(strings.missingRunbook, {href: url})}>${content}</span>`
  }
  if (target && onRunbookLink) {
    return html`<a
      href=${`#${encodeURIComponent(target.runbook)}/${encodeURIComponent(target.step ?? '')}`}
      title=${title ?? nothing}
      @click=${(event: Event) => {
        event.preventDefault()
        onRunbookLink(target)
      }}
      >${content}</a
    >`
  }
  if (href.startsWith('#') && onAnchor) {
    const anchor = decode(href.slice(1))
    return html`<a
      href=${href}
      title=${title ?? nothing}
      @click=${(event: Event) => {
        event.preventDefault()
        onAnchor(anchor)
      }}
      >${content}</a
    >`
  }
  const external = /^https?:/i.test(href.trim())
  return html`<a
    href=${href}
    title=${title ?? nothing}
    target=${external ? '_blank' : nothing}
    rel=${external ? 'noopener noreferrer' : nothing}
    >${content}</a
  >`
}

function image(url: string, alt: string | null | undefined, title: string | null | undefined, state: State): Renderable {
  const src = safeImageUrl(url)
  if (src === undefined) return alt ? html`<span class="unsafe-image">${alt}</span>` : nothing
  if (!state.ctx.remoteImages && !isSameOrigin(src)) return link(src, title, alt || src, state)
  return html`<img src=${src} alt=${alt ?? ''} title=${title ?? nothing} loading="lazy" referrerpolicy="no-referrer" />`
}

/** The title of a callout of `kind` (`note`, `tip`, `important`, `warning` or `caution`): its `callout…` string. */
function calloutTitle(strings: Strings, kind: string): string {
  return strings[`callout${keyPart(kind)}` as keyof Strings]
}
