/**
 * The references to known parameters in a command or a code block, for
 * sessions and the widget, which know a runbook's parameters by name
 * (`runbook.params`, `step.params`, `command.params`): no heuristic decides
 * what is a parameter any more, so the browser needs none of the parser's
 * (ambient variables, variables the runbook sets).
 *
 * The forms are the parser's (`parse/params/placeholder-syntax.ts`):
 * `<name>`, `<name with spaces>`, `${NAME}`, `$NAME`, `{{ name }}`,
 * `[YOUR NAME]`, `BUCKET_NAME`; a reference names a parameter when its
 * normalized name is the parameter's (`paramKey`: `<Pod Name>` and `$POD_NAME`
 * are both `pod_name`).
 *
 * @example
 *   findParamRefs('kubectl -n $NAMESPACE logs <pod name> | grep $HOME', ['namespace', 'pod_name']).map((t) => [t.name, t.param])
 *   // → [['NAMESPACE', 'namespace'], ['pod name', 'pod_name']]
 *
 * @module
 */
import {misuse} from '../misuse.js'
import {paramKey} from '../parse/params/names.js'
import {placeholderTokens, type ParamToken} from '../parse/params/placeholder-syntax.js'

/** A reference `findParamRefs` found: a token of `findParamTokens` and the parameter it names. */
export interface ParamRef extends ParamToken {
  /** The name, among those given, that the reference names (the first given with its normalized name). */
  param: string
}

/**
 * Every reference in `code` to one of `names`, in order: the tokens that
 * `findParamTokens(code, {declared: names})` finds for those names (a name
 * listed counts even where it looks ambient or assigned, as a declared one
 * does), without looking at any other name.
 */
export function findParamRefs(code: string, names: Iterable<string>): ParamRef[] {
  if (typeof code !== 'string') throw misuse('findParamRefs', 'code (a string)', code)
  if (typeof names === 'string' || typeof (names as Partial<Iterable<string>> | null)?.[Symbol.iterator] !== 'function') {
    throw misuse('findParamRefs', 'a list of parameter names', names)
  }
  const byKey = new Map<string, string>()
  for (const name of names) if (!byKey.has(paramKey(name))) byKey.set(paramKey(name), name)
  const refs: ParamRef[] = []
  if (byKey.size === 0) return refs
  for (const token of placeholderTokens(code, true)) {
    const param = byKey.get(token.key)
    if (param !== undefined) refs.push({...token, param})
  }
  return refs
}
