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
 *   findParamRefs('kubectl -n $NAMESPACE logs <pod name> | grep $HOME', ['namespace', 'pod_name']).map((t) => t.name)
 *   // → ['NAMESPACE', 'pod name']
 *
 * @module
 */
import {paramKey} from '../parse/params/names.js'
import {placeholderTokens, type ParamToken} from '../parse/params/placeholder-syntax.js'

/**
 * Every reference in `code` to one of `names`, in order: the tokens that
 * `findParamTokens(code, {declared: names})` finds for those names (a name
 * listed counts even where it looks ambient or assigned, as a declared one
 * does), without looking at any other name.
 */
export function findParamRefs(code: string, names: Iterable<string>): ParamToken[] {
  const keys = new Set<string>()
  for (const name of names) keys.add(paramKey(name))
  if (keys.size === 0) return []
  return placeholderTokens(code, true).filter((token) => keys.has(token.key))
}
