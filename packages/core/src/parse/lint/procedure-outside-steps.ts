/**
 * `procedure-outside-steps` (warning): the intro or outro holds a command
 * block or a numbered list while the runbook has steps, so a reader who
 * follows the steps would never be shown it as something to do. The parser
 * keeps it (intro and outro are still shown) and says so here, instead of
 * losing a procedure silently; the fix is to put it under a heading of its
 * own, or to say in the text that it is reference.
 *
 * @module
 */
import type {RootContent} from 'mdast'
import {isCommandBlock} from '../commands/commands.js'
import type {Position} from '../../types.js'
import {walk} from '../../walk.js'

/** The first command block or numbered list in `nodes`, with its place. */
export function firstAction(nodes: readonly RootContent[]): {what: 'command' | 'list'; position: Position | undefined} | undefined {
  let found: {what: 'command' | 'list'; position: Position | undefined} | undefined
  for (const root of nodes) {
    walk(root, (node) => {
      if (found) return false
      if (node.type === 'code' && isCommandBlock(node)) found = {what: 'command', position: node.position}
      else if (node.type === 'list' && node.ordered === true && node.children.length >= 2) found = {what: 'list', position: node.position}
      // Text (a paragraph, a heading, a table) holds neither a code block nor a list.
      return found || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table' ? false : undefined
    })
    if (found) break
  }
  return found
}
