/**
 * Rule: placeholders the text marks outside commands count too, when the
 * reader must supply them: `{{ COMPANY_NAME }}` or `[YOUR NAME]` in a
 * sentence, `<Type of Incident>` in a heading, `<project-id>` or
 * `$NAMESPACE` in inline code, `<bucket-name>` or `YOUR_USER` in a file to paste, and
 * `[env]` inside a path (`roles/[env]-base.json`).
 *
 * Not placeholders: author's notes in inline code (`TODO: … <Team>`), sample output (a block the text introduces as output),
 * HTML and XML, Liquid objects such as `{{ site.url }}`, capitals in
 * brackets that are markers (`[TODO]`, `[WARNING]`) and lower-case words
 * in brackets in a sentence (`[reiterates summary]`).
 *
 * @example
 *   Page the incident commander at [PAGER NUMBER].   → pager_number
 */
import type {Code, Nodes, RootContent} from 'mdast'
import {isCommandBlock} from '../commands/commands.js'
import {isOutputIntro} from '../commands/sample-output.js'
import {textOf, walk} from '../../walk.js'
import {findOptionsOf, type ParamContext} from './command-params.js'
import {paramKey} from './names.js'
import {findParamTokens, type ParamToken} from './placeholders.js'

/** A placeholder found in prose: its normalized key and the node it is in. */
export interface ProsePlaceholder {
  key: string
  node: Nodes
}

const markupLangs = new Set(['html', 'xml', 'svg', 'xhtml', 'vue', 'jsx', 'tsx', 'markdown', 'md'])
const htmlPlaceholder = /^<([A-Za-z][\w'-]*(?:\s+[\w'.-]+)*)>$/
const attachedBracket = /(?<=[/_.-])\[([a-z]{2,}[a-z0-9_]*)\](?=[\w/.-])/g

/** The placeholders in the prose, headings and non-command code blocks of `nodes`. */
export function prosePlaceholders(nodes: RootContent[], context: ParamContext): ProsePlaceholder[] {
  const found: ProsePlaceholder[] = []
  const add = (tokens: ParamToken[], node: Nodes) => {
    for (const token of tokens) if (!(token.syntax === 'mustache' && token.name.includes('.'))) found.push({key: token.key, node})
  }
  const options = findOptionsOf(context, false)
  const withBare = findOptionsOf(context, true)
  nodes.forEach((root, rootIndex) => {
    walk(root, (node, parent) => {
      if (node.type === 'text') {
        const tokens = findParamTokens(node.value, options)
        if (tokens.length > 0) add(tokens.filter((token) => token.syntax !== 'dollar' && token.syntax !== 'dollar-brace'), node)
        if (node.value.includes(']') && /\][[\-_./]/.test(node.value)) {
          for (const match of node.value.matchAll(attachedBracket)) found.push({key: paramKey(match[1]!), node})
        }
      } else if (node.type === 'inlineCode') {
        // `TODO: …` notes are for the author, not the reader.
        if (!/^\s*(?:TODO|FIXME|XXX)\b/.test(node.value)) add(findParamTokens(node.value, options), node)
      } else if (node.type === 'html') {
        const match = htmlPlaceholder.exec(node.value.trim())
        if (match && !/^(?:br|hr|img|a|p|b|i|u|s|em|strong|div|span|details|summary|sup|sub|kbd|code|pre|center|small|table|tr|td|th|ul|ol|li)$/i.test(match[1]!.split(/\s/)[0]!)) {
          found.push({key: paramKey(match[1]!), node})
        }
      } else if (node.type === 'code') {
        const siblings: Nodes[] = parent ? parent.children : nodes
        const previous = siblings[parent ? siblings.indexOf(node) - 1 : rootIndex - 1]
        if (!isConfigBlock(node, previous)) return undefined
        const strong = (token: ParamToken) =>
          token.syntax === 'angle' || token.syntax === 'mustache' || token.syntax === 'bracket' || (token.syntax === 'bare' && /^(?:YOUR|MY)_/.test(token.name))
        add(findParamTokens(node.value, withBare).filter(strong), node)
      }
      return undefined
    })
  })
  return found
}

/** A code block to paste or fill in: not a command, not markup, not introduced as output. */
function isConfigBlock(node: Code, previous: Nodes | undefined): boolean {
  if (isCommandBlock(node) || markupLangs.has((node.lang ?? '').toLowerCase())) return false
  return !(previous?.type === 'paragraph' && isOutputIntro(textOf(previous)))
}
