/**
 * The Markdown parser Runbook Kit reads runbooks with: CommonMark, GFM
 * (tables, task lists, autolinks, footnotes) and YAML/TOML frontmatter.
 */
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze()

/** Parse Markdown into an mdast tree (with positions). */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown)
}
