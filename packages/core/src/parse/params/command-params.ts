/**
 * Which parameters a command uses, named as the runbook lists them: a
 * frontmatter declaration wins (`$PRINTER` uses the declared `printer`),
 * otherwise the normalized name (`<Pod-Name>` and `<pod name>` are both
 * `pod_name`). Variables the runbook sets are left out (see
 * `set-variables.ts`).
 *
 * @example
 *   const context = paramContext(['printer'], new Set(['NS']))
 *   commandParams('lpstat -p $PRINTER -n $NS <Queue>', context) // → ['printer', 'queue']
 */
import {paramKey} from './names.js'
import {findParamTokens} from './placeholders.js'

/** What a runbook knows about its parameters while it is parsed. */
export interface ParamContext {
  /** Declared names by their normalized key. */
  declared: ReadonlyMap<string, string>
  /** Names the runbook's own commands set. */
  set: ReadonlySet<string>
}

/**
 * A context from the declared names and the names the runbook sets, given
 * as a set or as a function that finds them, called only when a command
 * first needs them (most runbooks never do).
 */
export function paramContext(declared: Iterable<string>, set: ReadonlySet<string> | (() => ReadonlySet<string>) = new Set()): ParamContext {
  const byKey = new Map<string, string>()
  for (const name of declared) if (!byKey.has(paramKey(name))) byKey.set(paramKey(name), name)
  if (typeof set !== 'function') return {declared: byKey, set}
  let found: ReadonlySet<string> | undefined
  return {
    declared: byKey,
    get set() {
      return (found ??= set())
    }
  }
}

/** The parameter a normalized `key` names in `context`: the declared spelling, else the key itself. */
export function paramName(key: string, context: ParamContext): string {
  return context.declared.get(key) ?? key
}

/** The parameters `code` uses, in order of first use. */
export function commandParams(code: string, context: ParamContext): string[] {
  const tokens = findParamTokens(code, {
    declared: context.declared.values(),
    get set() {
      return context.set
    }
  })
  return [...new Set(tokens.map((token) => paramName(token.key, context)))]
}
