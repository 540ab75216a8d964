/**
 * Search options, their defaults in one place, and how they are read.
 *
 * @module
 */
import type {Category} from '../types.js'

/** What {@link search} accepts. */
export interface SearchOptions {
  /** Most results to return. (default: `10`) */
  limit?: number | null | undefined
  /** Only runbooks in this category (or one of these). (default: all) */
  category?: Category | readonly Category[] | string | readonly string[] | null | undefined
  /** Only runbooks that have every one of these tags. (default: no filter) */
  tags?: readonly string[] | null | undefined
  /** Match the last word as a prefix while it is being typed. (default: `true`) */
  prefix?: boolean | null | undefined
  /**
   * Allow one typo in words of four letters or more (two from eight letters)
   * when exact matches find fewer than three runbooks or a word of the query
   * is in no runbook. (default: `true`)
   */
  fuzzy?: boolean | null | undefined
  /** Results per runbook: its best steps. (default: `1`) */
  perRunbook?: number | null | undefined
  /** Length of a snippet, in characters. (default: `160`) */
  snippetLength?: number | null | undefined
}

/** Defaults, in one place. */
const defaults = {
  limit: 10,
  prefix: true,
  fuzzy: true,
  perRunbook: 1,
  snippetLength: 160
} as const

/** Options with their defaults applied. */
export interface Settings {
  limit: number
  prefix: boolean
  fuzzy: boolean
  perRunbook: number
  snippetLength: number
  categories: Set<string> | undefined
  /** Lower case. */
  tags: string[] | undefined
}

/** Apply the defaults; anything of the wrong type is read as absent. */
export function resolve(options: SearchOptions | null | undefined): Settings {
  const o = options ?? {}
  const count = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback
  const category = o.category
  const categories =
    typeof category === 'string'
      ? new Set([category])
      : Array.isArray(category)
        ? new Set<string>(category as readonly string[])
        : undefined
  const tags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()) : []
  return {
    limit: count(o.limit, defaults.limit),
    prefix: typeof o.prefix === 'boolean' ? o.prefix : defaults.prefix,
    fuzzy: typeof o.fuzzy === 'boolean' ? o.fuzzy : defaults.fuzzy,
    perRunbook: count(o.perRunbook, defaults.perRunbook),
    snippetLength: Math.max(40, count(o.snippetLength, defaults.snippetLength)),
    categories,
    tags: tags.length > 0 ? tags : undefined
  }
}
