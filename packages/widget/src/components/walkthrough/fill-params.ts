import {findParamRefs, type Session, type Step} from '../../internal/core.js'
import type {CodePiece} from '../../internal/mdast.js'

/** Where parameter values come from while a step is shown. */
export interface FillSources {
  session: Session
  /** What the user is typing, not yet committed (by name): wins when not empty. */
  drafts: Readonly<Record<string, string>>
  /** Secret values typed in this tab (never saved; by name). */
  secrets: Readonly<Record<string, string>>
}

/**
 * A function that cuts a code block of `step` into text and parameters
 * (`<name>`, `${NAME}` … that the runbook or the step declares), each
 * parameter with its value (undefined while missing) and whether it is secret.
 *
 * A block that holds commands of the step fills only the parameters the
 * parser found in them (`command.params`), as a session fills them: a
 * variable the parser left alone there (`$HOME`, or `$POD_NAME` after
 * `POD_NAME=$(…)`) stays as written even when a parameter of that name
 * exists. Other blocks (configuration, a script not taken as a command)
 * fill every parameter of the runbook and the step.
 */
export function fillParams(step: Step, {session, drafts, secrets}: FillSources): (code: string) => CodePiece[] {
  const runbook = session.runbook
  const known = new Map<string, string>()
  for (const name of [...runbook.params.map((p) => p.name), ...step.params]) known.set(name.toLowerCase(), name)
  const values = session.params()
  const names = [...known.values()]
  return (code) => {
    const commands = step.commands.filter((command) => holdsCommand(code, command.code))
    const refs = findParamRefs(code, commands.length > 0 ? commands.flatMap((command) => command.params) : names)
    const pieces: CodePiece[] = []
    let at = 0
    for (const token of refs) {
      // The parameter of that name in any case (`$PRINTER` is `printer`), else of that normalized name (`<Pod Name>` is `pod_name`), as sessions fill commands.
      const name = known.get(token.name.toLowerCase()) ?? token.param
      pieces.push(code.slice(at, token.start))
      const draft = drafts[name]
      const secret = session.isSecret(name)
      const value = draft !== undefined && draft !== '' ? draft : secret ? secrets[name] : values[name]
      pieces.push({name, value: value === undefined || value === '' ? undefined : value, secret})
      at = token.end
    }
    pieces.push(code.slice(at))
    return pieces.filter((piece) => piece !== '')
  }
}

/** What may come before a command on its line: nothing but space, or a shell prompt (`$`, `user@host:~#`, `PS C:\\>`). */
const promptBefore = /^\s*(?:[\w.@~:/\\-]*[$#>%]|PS [^>]*>)?\s*$/

/**
 * Whether the code block `block` holds the command `code` as written: each
 * line of the command is the end of a line of the block, after nothing but
 * a prompt or space. A command that only occurs inside a longer line (an
 * inline `chef-client` in `sudo chef-client`, a word in sample output) is
 * not held there.
 */
function holdsCommand(block: string, code: string): boolean {
  if (code === '' || !block.includes(code)) return false
  const lines = block.split('\n')
  const wanted = code.split('\n')
  const isLine = (line: string | undefined, want: string): boolean => {
    if (line === undefined) return false
    const trimmed = line.trimEnd()
    const command = want.trimEnd()
    return trimmed.endsWith(command) && promptBefore.test(trimmed.slice(0, trimmed.length - command.length))
  }
  return lines.some((_, start) => wanted.every((want, k) => isLine(lines[start + k], want)))
}
