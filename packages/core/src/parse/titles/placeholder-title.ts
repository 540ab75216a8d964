/**
 * Rule: a level-1 heading that is a template's placeholder is no title.
 * It is one when it holds template syntax (`# <%= current_page.data.title %>`,
 * `# Plan for {{COMPANY_NAME}}`), a placeholder for the reader to fill in
 * (`# Playbook: <Type of Incident>`, `# [INCIDENT NAME] response`), or is
 * only a generic word (`# Title`, `# Playbook template`, `# TODO`). Files
 * made from one template keep its H1; their titles then come from the
 * frontmatter or the file name instead, so they do not all read the same.
 *
 * @example
 *   isPlaceholderTitle(heading('# Playbook: <Type of Incident>'))   // true
 *   isPlaceholderTitle(heading('# Phishing playbook'))              // false
 *   isPlaceholderTitle(heading('# SSPOperatorDown [Deprecated]'))   // false
 */
import type {Heading} from 'mdast'
import {hasTemplateSyntax} from './template.js'
import {textOf, walk} from '../../walk.js'

/** HTML elements that may stand in a heading; any other `<…>` there is a placeholder. */
const inlineElements = new Set(
  'a abbr b bdi bdo big br cite code del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr'.split(' ')
)
/** `<Type of Incident>`, `<SERVICE_NAME>`, `<your-team>`: angle brackets around words, no attributes. */
const anglePlaceholder = /^<\s*([A-Za-z][\w .'-]*?)\s*\/?>$/
/** `[COMPANY NAME]`, `[YOUR_EMAIL]`, `[Insert service]`, `[Type of incident]`. */
const bracketPlaceholder = /\[(?:[A-Z\d]+[ _][A-Z\d _]+|(?:your|insert|enter|type of|name of|placeholder)\b[^\]]*)\]/i
/** A whole title that names no runbook. */
const genericTitle = /^(?:(?:(?:incident|response|ir|security)\s+)?(?:playbook|runbook|procedure|document|page)\s+)?(?:template|title|untitled|todo|tbd|fixme|xxx|name|your title here)$/i

/** Whether an `html` node of a heading is a placeholder rather than an element. */
function isAnglePlaceholder(value: string): boolean {
  const match = anglePlaceholder.exec(value.trim())
  if (!match) return false
  const words = match[1]!.trim()
  return !inlineElements.has(words.toLowerCase())
}

/** Whether a level-1 heading is a template's placeholder title (see the module's rule). */
export function isPlaceholderTitle(heading: Heading): boolean {
  let placeholder = false
  walk(heading, (node) => {
    if (placeholder) return false
    if (node.type === 'html' && isAnglePlaceholder(node.value)) placeholder = true
    return undefined
  })
  if (placeholder) return true
  const text = textOf(heading).replace(/\s+/g, ' ').trim()
  if (hasTemplateSyntax(text)) return true
  if (/<[^<>]*>/.test(text) && [...text.matchAll(/<[^<>]*>/g)].some((match) => isAnglePlaceholder(match[0]))) return true
  if (bracketPlaceholder.test(text)) return true
  return genericTitle.test(text.replace(/[:.!]+$/, ''))
}
