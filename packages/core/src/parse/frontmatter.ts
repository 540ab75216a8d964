/**
 * Runbook metadata from YAML frontmatter: known keys are read and checked,
 * unknown keys are kept as JSON, broken YAML becomes a diagnostic.
 */
import {isAlias, isCollection, isScalar, LineCounter, parseDocument, visit, type Document, type Node as YamlNode} from 'yaml'
import {createDiagnostic} from '../diagnostics.js'
import {readFlatYaml} from './flat-yaml.js'
import {hasTemplateSyntax} from './titles/template.js'
import {categories} from '../types.js'
import type {Category, Diagnostic, JsonValue, ParamSpec, Point, RunbookMeta} from '../types.js'

/** What frontmatter contributes to a runbook. */
export interface Frontmatter {
  title?: string | undefined
  id?: string | undefined
  description?: string | undefined
  /** Whether the frontmatter has a `category` key (even one not understood): then no category is inferred. */
  categoryGiven?: boolean | undefined
  meta: RunbookMeta
  params: ParamSpec[]
}

/** Keys with a meaning; everything else goes to `meta.extra`. */
const known = new Set([
  'title',
  'id',
  'description',
  'summary',
  'category',
  'tags',
  'keywords',
  'owner',
  'severity',
  'estimate',
  'audience',
  'reviewed',
  'last_reviewed',
  'last_reviewed_on',
  'review_by',
  'next_review',
  'review_in',
  'params',
  'parameters'
])

/** Keys that could poison prototypes in consumers' code; dropped with a diagnostic. */
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype'])

const categoryAliases: Record<string, Category> = {
  troubleshoot: 'troubleshooting',
  troubleshooting: 'troubleshooting',
  onboarding: 'onboarding',
  offboarding: 'onboarding',
  'backup-restore': 'backup-restore',
  'backup-and-restore': 'backup-restore',
  backup: 'backup-restore',
  restore: 'backup-restore',
  'incident-response': 'incident-response',
  incident: 'incident-response',
  incidents: 'incident-response',
  other: 'other'
}

/** Metadata for a runbook without frontmatter. */
export function emptyMeta(): RunbookMeta {
  return {category: 'other', tags: [], audience: [], extra: {}}
}

/**
 * Read YAML frontmatter. `start` is the place of the opening `---`; YAML
 * error positions are mapped back onto the file.
 */
export function readFrontmatter(yamlText: string, start: Point, file: string | undefined): {frontmatter: Frontmatter; diagnostics: Diagnostic[]} {
  const diagnostics: Diagnostic[] = []
  const frontmatter: Frontmatter = {meta: emptyMeta(), params: []}
  // Flat frontmatter (most of it) needs no YAML parser; anything else is read, and placed, by the parser.
  const data = readFlatYaml(yamlText) ?? readYaml(yamlText, start, file, diagnostics)
  if (data === null || data === undefined) return {frontmatter, diagnostics}
  if (typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push(createDiagnostic('invalid-frontmatter', 'Frontmatter must be a map of keys to values', start, file))
    return {frontmatter, diagnostics}
  }

  const report = (message: string, severity: 'error' | 'warning' = 'warning') =>
    diagnostics.push(createDiagnostic('invalid-frontmatter', message, start, file, {severity}))
  const record = data as Record<string, unknown>
  const meta = frontmatter.meta

  for (const key of Object.keys(record)) {
    const value = record[key]
    if (unsafeKeys.has(key)) {
      report(`Frontmatter key "${key}" is not allowed and was ignored`)
      continue
    }
    if (!known.has(key)) {
      const json = toJson(value, report)
      if (json !== undefined) meta.extra[key] = json
      continue
    }
    switch (key) {
      case 'title':
      case 'id':
      case 'description':
      case 'summary': {
        const text = scalar(value)
        if (text === undefined) {
          report(`Frontmatter "${key}" should be text`)
        } else if (key === 'title') {
          if (hasTemplateSyntax(text)) report('Frontmatter "title" contains template syntax and was not used as the title')
          else frontmatter.title = text
        } else if (key === 'id') {
          frontmatter.id = text
        } else {
          frontmatter.description ??= text
        }
        break
      }
      case 'category': {
        frontmatter.categoryGiven = true
        const text = scalar(value)
        const category = text === undefined ? undefined : categoryAliases[text.trim().toLowerCase().replace(/[\s_/&]+/g, '-')]
        if (category) meta.category = category
        else report(`Unknown category ${JSON.stringify(text ?? value)}: expected one of ${categories.join(', ')}; read as "other"`)
        break
      }
      case 'tags':
      case 'keywords':
        meta.tags.push(...list(value, key, report))
        break
      case 'audience':
        meta.audience.push(...list(value, key, report))
        break
      case 'owner':
      case 'severity':
      case 'estimate': {
        const text = Array.isArray(value) ? list(value, key, report).join(', ') : scalar(value)
        if (text === undefined) report(`Frontmatter "${key}" should be text`)
        else meta[key] = text
        break
      }
      case 'reviewed':
      case 'last_reviewed':
      case 'last_reviewed_on': {
        const text = scalar(value)
        if (text !== undefined) meta.reviewed = text
        break
      }
      case 'review_by':
      case 'next_review':
      case 'review_in': {
        const text = scalar(value)
        if (text !== undefined) meta.reviewBy = text
        break
      }
      case 'params':
      case 'parameters':
        frontmatter.params.push(...readParams(value, report))
        break
    }
  }
  meta.tags = unique(meta.tags)
  meta.audience = unique(meta.audience)
  return {frontmatter, diagnostics}
}

/**
 * Read `yamlText` with the YAML parser: its value, or undefined when it has
 * errors (each one a diagnostic, placed on the file) or cannot be turned
 * into values.
 */
function readYaml(yamlText: string, start: Point, file: string | undefined, diagnostics: Diagnostic[]): unknown {
  const at = (line: number, column: number): Point => ({line: start.line + line, column})

  const lineCounter = new LineCounter()
  // `logLevel: 'silent'`: the yaml package must not print process warnings; what it would warn about is a diagnostic here.
  const document = parseDocument(yamlText, {prettyErrors: true, uniqueKeys: true, logLevel: 'silent', lineCounter})
  for (const error of [...document.errors, ...document.warnings]) {
    const pos = error.linePos?.[0]
    diagnostics.push(
      createDiagnostic(
        'invalid-frontmatter',
        `Frontmatter is not valid YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, "")}`,
        pos ? at(pos.line, pos.col) : start,
        file,
        {severity: document.errors.includes(error as never) ? 'error' : 'warning'}
      )
    )
  }
  if (document.errors.length > 0) return undefined
  for (const key of collectionKeys(document)) {
    const pos = key.range ? lineCounter.linePos(key.range[0]) : undefined
    diagnostics.push(
      createDiagnostic(
        'invalid-frontmatter',
        `Frontmatter key ${JSON.stringify(truncate(key.range ? yamlText.slice(key.range[0], key.range[1]).trim() : String(key)))} is a map or a list; it was read as text`,
        pos ? at(pos.line, pos.col) : start,
        file,
        {severity: 'warning', note: 'Keys are text: write the key as a plain word'}
      )
    )
  }

  let data: unknown
  try {
    data = document.toJS({maxAliasCount: 100})
  } catch (error) {
    diagnostics.push(
      createDiagnostic('invalid-frontmatter', `Frontmatter could not be read: ${firstLine(String((error as Error).message ?? error))}`, start, file)
    )
    return undefined
  }
  return data
}

function readParams(value: unknown, report: (message: string) => void): ParamSpec[] {
  const params: ParamSpec[] = []
  const add = (name: unknown, spec: unknown) => {
    const text = scalar(name)
    if (!text || !/^[A-Za-z_][\w.-]*$/.test(text)) {
      report(`Parameter name ${JSON.stringify(name)} is not valid (letters, digits, "_", "-", ".")`)
      return
    }
    if (params.some((p) => p.name === text)) {
      report(`Parameter "${text}" is declared twice`)
      return
    }
    const param: ParamSpec = {name: text, secret: false, declared: true}
    if (typeof spec === 'string') {
      param.description = spec
    } else if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      const fields = spec as Record<string, unknown>
      const description = scalar(fields.description)
      const fallback = scalar(fields.default)
      if (description !== undefined) param.description = description
      if (fallback !== undefined) param.default = fallback
      param.secret = fields.secret === true
    }
    params.push(param)
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') add(item, undefined)
      else if (item && typeof item === 'object') add((item as Record<string, unknown>).name, item)
      else report(`Parameter ${JSON.stringify(item)} should be a name or a map with "name"`)
    }
  } else if (value && typeof value === 'object') {
    for (const [name, spec] of Object.entries(value)) {
      if (!unsafeKeys.has(name)) add(name, spec)
    }
  } else if (value !== null && value !== undefined) {
    report('Frontmatter "params" should be a list or a map')
  }
  return params
}

/** Text of a scalar: strings as they are, numbers, booleans and dates as text. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return isoDate(value)
  return undefined
}

function list(value: unknown, key: string, report: (message: string) => void): string[] {
  if (value === null || value === undefined) return []
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
  const result: string[] = []
  for (const item of items) {
    const text = scalar(item)
    if (text === undefined) report(`Frontmatter "${key}" should be a list of text`)
    else if (text) result.push(text)
  }
  return result
}

/** A JSON copy of a YAML value (dates as ISO text); non-JSON values are dropped with a report. */
function toJson(value: unknown, report: (message: string) => void, depth = 0): JsonValue | undefined {
  if (depth > 64) {
    report('Frontmatter nests too deeply; the rest was ignored')
    return undefined
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return isoDate(value)
  if (Array.isArray(value)) {
    const items: JsonValue[] = []
    for (const item of value) {
      const json = toJson(item, report, depth + 1)
      if (json !== undefined) items.push(json)
    }
    return items
  }
  if (value instanceof Map) return toJson(Object.fromEntries(value), report, depth)
  if (value instanceof Set) return toJson([...value], report, depth)
  if (typeof value === 'object') {
    const object: {[key: string]: JsonValue} = {}
    for (const [key, item] of Object.entries(value)) {
      if (unsafeKeys.has(key)) {
        report(`Frontmatter key "${key}" is not allowed and was ignored`)
        continue
      }
      const json = toJson(item, report, depth + 1)
      if (json !== undefined) object[key] = json
    }
    return object
  }
  return undefined
}

function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date'
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

/**
 * Keys whose value is a map, a list (`{a}: 1`, `[a, b]: 1`, an alias of
 * one) or another object: a plain object has only text keys, so the yaml
 * package turns them into text and warns on the process (silenced above).
 */
function collectionKeys(document: Document): YamlNode[] {
  const keys: YamlNode[] = []
  visit(document, {
    Pair(_, pair) {
      const key = pair.key
      if (
        isCollection(key) ||
        (isAlias(key) && isCollection(key.resolve(document))) ||
        (isScalar(key) && typeof key.value === 'object' && key.value !== null)
      ) {
        keys.push(key as YamlNode)
      }
    }
  })
  return keys
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}
