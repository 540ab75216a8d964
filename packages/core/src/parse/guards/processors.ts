/**
 * The Markdown processors `parseMarkdown` reads with, and which one a text
 * needs. Each reads CommonMark, GFM and YAML/TOML frontmatter
 * (`remark-parse`, `remark-gfm`, `remark-frontmatter`), and each gives the
 * tree of the full set for the texts it is chosen for.
 *
 * Two leave out GFM's literal autolinks (`www.example.com`,
 * `https://example.com`, `ops@example.com` without `<>`) where the text
 * cannot hold one, because looking for them is over a quarter of the
 * Markdown parser's time on real runbooks: the email construct is tried at
 * every letter and digit of every paragraph, and a tree transform runs
 * regular expressions over every text node.
 *
 * - A text with an `@` gets the full set.
 * - A text without one cannot hold an email literal: the email construct is
 *   left out. The tree transform stays when the text holds `www`, `http`
 *   (in any case) or a character reference (which could decode to `@`).
 * - A text with none of these gets no literal-autolink construct and no
 *   transform: a text node holds only characters of the text (less the
 *   backslashes of escaped punctuation), so no literal can be found there.
 */
import type {Data} from 'unified'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

type SyntaxExtension = NonNullable<Data['micromarkExtensions']>[number]
type TreeExtension = Exclude<NonNullable<Data['fromMarkdownExtensions']>[number], readonly unknown[]>

/** The names of GFM's literal-autolink constructs in `micromark-extension-gfm-autolink-literal`. */
export const emailConstruct = 'emailAutolink'
export const urlConstructs = ['wwwAutolink', 'protocolAutolink'] as const

const gfmData = unified().use(remarkGfm).freeze().data()
const gfmSyntax: readonly SyntaxExtension[] = gfmData.micromarkExtensions ?? []
const gfmTree: readonly TreeExtension[] = (gfmData.fromMarkdownExtensions ?? []).flat()
/** The tree extension of literal autolinks (its handlers and its transform) is the one that enters their tokens. */
const isLiteralAutolinkTree = (extension: TreeExtension) => extension.enter != null && 'literalAutolink' in extension.enter

const processorOf = (syntax: readonly SyntaxExtension[], tree: readonly TreeExtension[]) =>
  unified()
    .use(remarkParse)
    .use(function () {
      const data = this.data()
      data.micromarkExtensions = [...(data.micromarkExtensions ?? []), ...syntax]
      data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), ...tree]
    })
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .freeze()

/** Every construct, with and without `@`-free texts in mind. */
export const processors = {
  full: processorOf(gfmSyntax, gfmTree),
  withoutEmail: processorOf(
    gfmSyntax.map((extension) => withoutConstructs(extension, [emailConstruct])),
    gfmTree
  ),
  withoutLiteralAutolinks: processorOf(
    gfmSyntax.map((extension) => withoutConstructs(extension, [emailConstruct, ...urlConstructs])),
    gfmTree.filter((extension) => !isLiteralAutolinkTree(extension))
  )
}

/** A character reference as CommonMark reads one (`&amp;`, `&#64;`, `&#x40;`), or a little more. */
const characterReference = /&(?:[a-z\d]{1,31}|#\d{1,7}|#x[\da-f]{1,6});/i

/** The processor that reads `text` as the full set does, doing no more than the text can need. */
export function processorFor(text: string): (typeof processors)[keyof typeof processors] {
  if (text.includes('@')) return processors.full
  if (/www|http/i.test(text) || characterReference.test(text)) return processors.withoutEmail
  return processors.withoutLiteralAutolinks
}

/** `extension` without the text constructs named `names` (an emptied character is left out, so that plain text there is not cut). */
function withoutConstructs(extension: SyntaxExtension, names: readonly string[]): SyntaxExtension {
  if (!extension.text) return extension
  const text: NonNullable<SyntaxExtension['text']> = {}
  for (const [code, value] of Object.entries(extension.text)) {
    const constructs = Array.isArray(value) ? value : value ? [value] : []
    const kept = constructs.filter((construct) => !names.includes(construct.name ?? ''))
    if (kept.length > 0) text[code as unknown as number] = kept
  }
  return {...extension, text}
}
