/**
 * Rule: a variable the runbook itself sets is not a parameter. A command
 * that assigns a name (`NAME=…`, `export NAME=…`, `for NAME in …`,
 * `read NAME`, PowerShell `$Name = …`) makes that name the runbook's own, in
 * that command and in every command after it.
 *
 * @example
 *   setVariables('export NS="$(kubectl get ns -o name | head -1)"') // → Set {'NS'}
 */
import type {Code, Nodes} from 'mdast'
import {walk} from '../../walk.js'

/** The names that `code` assigns, as written. */
export function setVariables(code: string): Set<string> {
  const names = new Set<string>()
  for (const match of code.matchAll(/(?:^|[\s;(&|`])(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)*|set\s+)?([A-Za-z_]\w*)=/gm)) {
    names.add(match[1]!)
  }
  for (const match of code.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b|\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*)/g)) names.add((match[1] ?? match[2])!)
  for (const match of code.matchAll(/\$([A-Za-z_]\w*)\s*=[^=]/g)) names.add(match[1]!)
  return names
}

/**
 * Every name the runbook's own commands set, from the code blocks that
 * `isCommand` accepts and from inline assignments (`export NS=web`).
 */
export function setVariablesIn(tree: Nodes, isCommand: (node: Code) => boolean): Set<string> {
  const names = new Set<string>()
  walk(tree, (node) => {
    if (node.type === 'code' && isCommand(node)) for (const name of setVariables(node.value)) names.add(name)
    else if (node.type === 'inlineCode' && /^\s*(?:export\s+)?[A-Za-z_]\w*=/.test(node.value)) for (const name of setVariables(node.value)) names.add(name)
  })
  return names
}
