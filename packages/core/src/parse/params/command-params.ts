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
import {findParamTokens, type FindParamOptions} from './placeholders.js'

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
  return new LazyContext(byKey, set)
}

/** A context whose set names are found when first asked for (a class: an object literal with a getter is slow to make). */
class LazyContext implements ParamContext {
  readonly declared: ReadonlyMap<string, string>
  readonly #find: () => ReadonlySet<string>
  #found: ReadonlySet<string> | undefined

  constructor(declared: ReadonlyMap<string, string>, find: () => ReadonlySet<string>) {
    this.declared = declared
    this.#find = find
  }

  get set(): ReadonlySet<string> {
    return (this.#found ??= this.#find())
  }
}

/**
 * The `findParamTokens` options of `context`, made once per context (every
 * command and every step asks): with bare capitals (`BUCKET_NAME`) for
 * commands and code, without for prose.
 */
export function findOptionsOf(context: ParamContext, bare: boolean): FindParamOptions {
  let made = findOptions.get(context)
  if (made === undefined) {
    const declared = [...context.declared.values()]
    made = [new ContextOptions(context, declared, false), new ContextOptions(context, declared, true)]
    findOptions.set(context, made)
  }
  return made[bare ? 1 : 0]
}

/** Options that ask `context` for the names the runbook sets only when a token needs them. */
class ContextOptions implements FindParamOptions {
  readonly #context: ParamContext
  readonly declared: readonly string[]
  readonly bare: boolean

  constructor(context: ParamContext, declared: readonly string[], bare: boolean) {
    this.#context = context
    this.declared = declared
    this.bare = bare
  }

  get set(): ReadonlySet<string> {
    return this.#context.set
  }
}

const findOptions = new WeakMap<ParamContext, [FindParamOptions, FindParamOptions]>()

/** The parameter a normalized `key` names in `context`: the declared spelling, else the key itself. */
export function paramName(key: string, context: ParamContext): string {
  return context.declared.get(key) ?? key
}

/** The parameters `code` uses, in order of first use. */
export function commandParams(code: string, context: ParamContext): string[] {
  const tokens = findParamTokens(code, findOptionsOf(context, true))
  if (tokens.length === 0) return []
  return [...new Set(tokens.map((token) => paramName(token.key, context)))]
}
