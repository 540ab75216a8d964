/**
 * Parameter substitution: a command with its `<name>`, `${NAME}`, `$NAME`
 * and `{{ name }}` references replaced by values, missing ones left
 * visible, secret ones masked unless the caller asks to reveal them.
 *
 * @module
 */
import {findParamTokens, type ParamToken} from '../parse/params/placeholders.js'
import {paramKey} from '../parse/params/names.js'
import type {ParamSpec} from '../types.js'

/** Names that are treated as secret even when the runbook does not say so. */
const secretNamePattern = /passw(?:or)?d|passphrase|secret|token|api[_-]?key|private[_-]?key|credential/i

/** Whether a parameter is secret: declared `secret: true`, or named like a password, token or key. */
export function isSecretParam(name: string, specs?: readonly ParamSpec[] | null): boolean {
  const spec = specs?.find((p) => p.name === name)
  return spec?.secret === true || secretNamePattern.test(name)
}

/** Options of `substituteParams`. */
export interface SubstituteOptions {
  /** Names of secret parameters (default: none). */
  secret?: Iterable<string> | null | undefined
  /** Put secret values in the text instead of a mask (default: `false`; only for running the command). */
  reveal?: boolean | null | undefined
  /** Names that are parameters even where the syntax alone is ambiguous (`$HOME`-like names, assigned names). */
  declared?: Iterable<string> | null | undefined
  /**
   * The parameters the parser found in this command (`command.params`):
   * references to other names, such as a variable an earlier command sets,
   * are left as written (default: every reference `findParamTokens` finds).
   */
  params?: Iterable<string> | null | undefined
  /** How a missing parameter is shown (default: `<name>`, which a shell refuses to run as-is). */
  missing?: ((name: string) => string) | null | undefined
  /** How a secret is shown when not revealed (default: `<name:secret>`). */
  mask?: ((name: string) => string) | null | undefined
}

/** What `substituteParams` returns. */
export interface Substitution {
  /** The text with values in place. */
  text: string
  /** Names of the parameters the text uses, in order of first use. */
  params: string[]
  /** Names used but without a value, in order of first use. A command with any is not ready to run. */
  missing: string[]
  /** Secret names used in the text (masked unless `reveal`). */
  secrets: string[]
}

const defaultMissing = (name: string) => `<${name}>`
const defaultMask = (name: string) => `<${name}:secret>`

/**
 * Replace parameter references in `code` with `values`.
 *
 * A value of `''` counts as given; `undefined` counts as missing.
 * Names are matched exactly, then case-insensitively (`$PRINTER` takes the
 * value of `printer`), then by normalized name (`<pod name>` takes the
 * value of `pod_name`, see `paramKey`).
 */
export function substituteParams(
  code: string,
  values: Readonly<Record<string, string | undefined>>,
  options?: SubstituteOptions | null
): Substitution {
  const only = options?.params ? new Set([...options.params].map(paramKey)) : undefined
  const tokens = findParamTokens(code, new Set(options?.declared ?? []))
  return substituteTokens(code, only ? tokens.filter((token) => only.has(token.key)) : tokens, values, options)
}

/**
 * @internal Replace `tokens` (references found in `code`, in order) with `values`:
 * `substituteParams` once the references are found. `options.declared` and
 * `options.params` are not read here.
 */
export function substituteTokens(
  code: string,
  tokens: readonly ParamToken[],
  values: Readonly<Record<string, string | undefined>>,
  options?: SubstituteOptions | null
): Substitution {
  const secret = new Set(options?.secret ?? [])
  const reveal = options?.reveal ?? false
  const markMissing = options?.missing ?? defaultMissing
  const mask = options?.mask ?? defaultMask
  const lowerKeys = new Map<string, string>()
  for (const key of Object.keys(values)) if (!lowerKeys.has(key.toLowerCase())) lowerKeys.set(key.toLowerCase(), key)
  const normalKeys = new Map<string, string>()
  for (const key of Object.keys(values)) if (!normalKeys.has(paramKey(key))) normalKeys.set(paramKey(key), key)
  const lowerSecret = new Set([...secret].map((name) => paramKey(name)))

  const params: string[] = []
  const missing: string[] = []
  const secrets: string[] = []
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name)
  }

  let text = ''
  let last = 0
  for (const token of tokens) {
    const key = Object.hasOwn(values, token.name) ? token.name : (lowerKeys.get(token.name.toLowerCase()) ?? normalKeys.get(token.key))
    const value = key === undefined ? undefined : values[key]
    add(params, token.name)
    text += code.slice(last, token.start)
    last = token.end
    const isSecret = lowerSecret.has(token.key) || (key !== undefined && secret.has(key))
    if (isSecret) add(secrets, token.name)
    if (value === undefined) {
      add(missing, token.name)
      text += markMissing(token.name)
    } else if (isSecret && !reveal) {
      text += mask(token.name)
    } else {
      text += value
    }
  }
  text += code.slice(last)
  return {text, params, missing, secrets}
}

/**
 * Replace every occurrence of a secret value in free text (a note, a command
 * as typed, an escalation reason) with its mask. Values shorter than 3
 * characters are left alone: masking them would mangle ordinary words.
 */
export function redactSecrets(
  text: string,
  secrets: ReadonlyMap<string, string>,
  mask: (name: string) => string = defaultMask
): string {
  let result = text
  const entries = [...secrets].filter(([, value]) => value.length >= 3).sort((a, b) => b[1].length - a[1].length)
  for (const [name, value] of entries) result = result.split(value).join(mask(name))
  return result
}
