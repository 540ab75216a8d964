/**
 * The data model of Runbook Kit: a runbook is a plain-JSON step graph.
 *
 * Everything here is serializable with `JSON.stringify` (no functions, no
 * cycles, no class instances), so a runbook can be written to a bundle,
 * posted to a worker or stored, and read back unchanged.
 *
 * @module
 */

import type {Root} from 'mdast'

/** The categories a runbook can be filed under. */
export type Category =
  | 'troubleshooting'
  | 'onboarding'
  | 'backup-restore'
  | 'incident-response'
  | 'other'

/** Every category, in display order. */
export const categories: readonly Category[] = [
  'troubleshooting',
  'onboarding',
  'backup-restore',
  'incident-response',
  'other'
]

/** A place in a source file; `line` and `column` are 1-based. */
export interface Point {
  line: number
  column: number
  /** 0-based character offset into the source. */
  offset?: number | undefined
}

/** A range in a source file. */
export interface Position {
  start: Point
  end: Point
}

/** How serious a diagnostic is: `error` makes `runbook lint` exit 1. */
export type Severity = 'error' | 'warning' | 'info'

/** The rule ids diagnostics are reported under (see docs/diagnostics.md). */
export type RuleId =
  | 'dangling-link'
  | 'unreachable-step'
  | 'duplicate-step-id'
  | 'empty-step'
  | 'unclosed-code-fence'
  | 'decision-with-one-choice'
  | 'missing-title'
  | 'undeclared-param'
  | 'invalid-frontmatter'
  | 'destructive-without-warning'
  | 'no-end'
  | 'limit-exceeded'
  | 'invalid-input'
  | 'not-a-procedure'
  | 'procedure-outside-steps'
  | 'go-to-in-step'

/**
 * A problem found in a runbook, in the style of a vfile message:
 * `runbooks/printer.md:12:3 warning Link target "#restart" is not a step [dangling-link]`.
 */
export interface Diagnostic {
  ruleId: RuleId
  severity: Severity
  message: string
  /** The file, as given to the parser (`options.file`); absent for anonymous input. */
  file?: string | undefined
  line: number
  column: number
  endLine?: number | undefined
  endColumn?: number | undefined
  /** Always `'runbook-kit'`. */
  source: 'runbook-kit'
  /** Extra explanation or a hint on how to fix it. */
  note?: string | undefined
}

/** A parameter that commands use: declared in frontmatter or inferred from placeholders. */
export interface ParamSpec {
  name: string
  description?: string | undefined
  default?: string | undefined
  /** Secret values never appear in logs, exports or saved state. */
  secret: boolean
  /** `true` when declared in frontmatter, `false` when only inferred from a command. */
  declared: boolean
}

/** The syntaxes a parameter can be written in inside a command. */
export type ParamSyntax = 'angle' | 'dollar' | 'dollar-brace' | 'mustache' | 'bracket' | 'bare'

/**
 * The shell a command is meant for, from its code block's language;
 * `'none'` for what is typed into another program's console (SQL, PromQL,
 * a Rails console), which no shell may run.
 */
export type Shell = 'posix' | 'powershell' | 'cmd' | 'none'

/** A command a person (or the runner) can execute. */
export interface Command {
  /** The command text, prompts removed; may span lines (continuations, scripts). */
  code: string
  /** The code block's language as written, if any. */
  lang?: string | undefined
  shell: Shell
  /** Sample output that followed the command in a prompt-style block. */
  output?: string | undefined
  /** Names of the parameters the command uses, in order of first use. */
  params: string[]
  /** Whether the command deletes or overwrites data (rm -rf, DROP, mkfs, dd of=, --force …). */
  destructive: boolean
  position?: Position | undefined
}

/** An item of a step's checklist (a GFM task item). */
export interface ChecklistItem {
  /** Stable id within its step, from the item's text. */
  id: string
  text: string
  /** Whether the source marks it done (`- [x]`). */
  checked: boolean
}

/** The kinds of callout, after GitHub's alert types. */
export type CalloutKind = 'note' | 'tip' | 'important' | 'warning' | 'caution'

/** A highlighted remark on a step: a GitHub alert, a "Warning:" blockquote or a bold lead-in. */
export interface Callout {
  kind: CalloutKind
  /** Plain text of the callout, marker removed. */
  text: string
}

/** What an edge means. */
export type EdgeKind = 'next' | 'choice' | 'goto'

/**
 * The rule of docs/runbook-format.md that read a branch from the text:
 * a list of links at the end of a step, a go-to sentence with a link, a run
 * of "If …" headings, a lone fallback "If that fails" heading, "Follow the
 * steps in [a document](https://…)", a sentence that names a step by
 * number ("skip to Part 4"), "[Do X](#earlier) and repeat" (a loop-back),
 * fixes offered after "things may fail" (symptom sections), or a section
 * for readers who lack what the one before needs ("If you do not have X,
 * you can still …"), or a sub-step that is a link to another runbook
 * ("Step 1: [Check health](health.md)").
 */
export type EdgeRule = 'choice-list' | 'go-to-sentence' | 'if-headings' | 'fallback-heading' | 'follow-link' | 'step-reference' | 'loop-back' | 'symptom-sections' | 'if-not-alternative' | 'step-link'

/** A way out of a step. */
export interface Edge {
  kind: EdgeKind
  /** For `choice` and `goto` edges: the rule that read it from the text, so an author can see why. */
  rule?: EdgeRule | undefined
  /**
   * The target step's id. For a cross-runbook edge, the step in the other
   * runbook (absent: that runbook's start). Absent on a `next` edge without
   * `runbook` or `href`: taking it finishes the runbook (the "Otherwise,
   * finish" beside a conditional way out of a last step).
   */
  to?: string | undefined
  /** The choice's label, for decisions and conditional go-tos. */
  label?: string | undefined
  /** For a cross-runbook edge: the target runbook's id (resolved by a collection; before that a guess from the file name). */
  runbook?: string | undefined
  /**
   * For a cross-runbook edge: the link as written. Alone (no `runbook`, no
   * `to`): an external document the procedure goes on in ("Follow the steps
   * in [the vendor's guide](https://…)"); taking it ends this runbook.
   */
  href?: string | undefined
}

/** The role a step plays in the graph. */
export type StepKind = 'task' | 'decision' | 'end'

/** One step of a runbook. */
export interface Step {
  /** Unique within the runbook: an explicit `{#id}`, else a GitHub-style slug of the title. */
  id: string
  title: string
  /** The number as written ("3", "3.1"), if the source numbered the step. */
  number?: string | undefined
  kind: StepKind
  /** The step's body as an mdast tree (without its heading), for rendering. */
  content: Root
  commands: Command[]
  checklist: ChecklistItem[]
  callouts: Callout[]
  /** Names of the parameters the step's commands use. */
  params: string[]
  edges: Edge[]
  /** Where the step starts and ends in the source. */
  position?: Position | undefined
}

/** A link from a step to another runbook that is not an edge (a reference in prose). */
export interface RunbookLink {
  /** The step the link is in, or absent for the intro. */
  from?: string | undefined
  href: string
  /** Target runbook id (a guess until a collection resolves it). */
  runbook?: string | undefined
  /** Target step id or anchor, if the link has a fragment. */
  to?: string | undefined
}

/** Metadata values Runbook Kit can infer when the frontmatter does not give them. */
export type InferredField = 'category'

/** Metadata, mostly from YAML frontmatter. */
export interface RunbookMeta {
  /**
   * The frontmatter `category`; without one, the category the path and the
   * text point to (see `inferred`), else `other`.
   */
  category: Category
  /**
   * The fields of this object that were inferred rather than read from the
   * frontmatter: `['category']` when `category` comes from the path and the
   * text (docs/runbook-format.md, "Category"). Absent when nothing was
   * inferred. A frontmatter value is never replaced by an inferred one.
   */
  inferred?: InferredField[] | undefined
  tags: string[]
  owner?: string | undefined
  severity?: string | undefined
  estimate?: string | undefined
  audience: string[]
  /** Date of the last review (`reviewed`, `last_reviewed`, `last_reviewed_on`), as written. */
  reviewed?: string | undefined
  /** Date of the next review (`review_by`, `next_review`), or a period (`review_in`), as written. */
  reviewBy?: string | undefined
  /** Frontmatter keys Runbook Kit does not interpret, kept as JSON values. */
  extra: Record<string, JsonValue>
}

/** Any JSON value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | {[key: string]: JsonValue}

/** Which extraction rule produced the steps (see docs/runbook-format.md). */
export type Structure = 'step-headings' | 'ordered-list' | 'sections' | 'single'

/** A parsed runbook: a step graph and everything needed to show it. */
export interface Runbook {
  id: string
  title: string
  /** One-sentence summary: frontmatter `description`/`summary`, else the intro's first paragraph. */
  description?: string | undefined
  /** The file it came from (`options.file`). */
  file?: string | undefined
  /** Hash of the source text: changes whenever the file does. */
  hash: string
  structure: Structure
  meta: RunbookMeta
  params: ParamSpec[]
  /** Content before the first step. */
  intro: Root
  /** Content after the last step that belongs to no step (ordered-list runbooks only). */
  outro: Root
  /** Id of the first step. */
  start: string
  steps: Step[]
  /** Anchors of headings inside steps, mapped to the step that holds them. */
  anchors: Record<string, string>
  /** Links to other runbooks that are not edges. */
  links: RunbookLink[]
}

/** What `parseRunbook` returns. */
export interface ParseResult {
  runbook: Runbook
  diagnostics: Diagnostic[]
}

declare module 'mdast' {
  interface Data {
    /** Set by Runbook Kit on blockquotes and paragraphs that are callouts. */
    callout?: CalloutKind | undefined
  }
}
