/**
 * `parseRunbook`: Markdown in, a step graph and its diagnostics out.
 */
import type {Code, Heading, Nodes, Root, RootContent, Yaml} from 'mdast'
import GithubSlugger from 'github-slugger'
import {toString} from 'mdast-util-to-string'
import {
  addDefinition,
  checklistOf,
  cloneContent,
  commandsIn,
  type Definitions,
  isEmptyContent,
  markCallouts,
  positionOf
} from './content.js'
import {destructiveReason, isCommandBlock} from './commands/commands.js'
import {paramContext, paramName} from './params/command-params.js'
import {prosePlaceholders} from './params/prose-placeholders.js'
import {setVariablesIn} from './params/set-variables.js'
import {createDiagnostic, type DiagnosticExtra, sortDiagnostics} from '../diagnostics.js'
import {emptyMeta, type Frontmatter, readFrontmatter} from './frontmatter.js'
import {hashText} from '../hash.js'
import {findTooDeep} from './guards/nesting.js'
import {type FoundLink, idFromPath, linksIn, slugText} from './links/links.js'
import {choiceList, cleanLabel} from './branches/choice-list.js'
import {goTosIn} from './branches/go-to-sentences.js'
import {ifRuns} from './branches/if-headings.js'
import {loopBacksIn, mayLoopBack} from './branches/loop-back.js'
import {goTosInStep} from './branches/step-end.js'
import {mayLinkSteps, stepLinksIn} from './branches/step-link.js'
import {symptomRuns} from './branches/symptom-sections.js'
import {ifNotAlternatives} from './branches/if-not-alternative.js'
import {paragraphCuts} from './guards/paragraphs.js'
import {readBoldHeadings} from './structure/bold-headings.js'
import {alternativeJoins} from './branches/alternatives.js'
import {mayNameSteps, stepReferencesIn} from './branches/step-references.js'
import {readsAsReference} from './lint/not-a-procedure.js'
import {firstAction} from './lint/procedure-outside-steps.js'
import {readAdmonitions} from './callouts/admonitions.js'
import {linkTemplateTargets} from './links/template-targets.js'
import {inferCategory} from './metadata/category.js'
import {cleanTitle} from './titles/clean-title.js'
import {isPlaceholderTitle} from './titles/placeholder-title.js'
import {parseMarkdown} from './guards/processor.js'
import {type HeadingAttributes, layout, stepNumberOf, takeAttributes} from './structure/layout.js'
import {hasTemplateSyntax} from './titles/template.js'
import type {Diagnostic, Edge, EdgeRule, ParamSpec, ParseResult, Point, Position, RuleId, Runbook, RunbookLink, Step} from '../types.js'
import {textOf, walk} from '../walk.js'

/** Options of `parseRunbook` (every field optional). */
export interface ParseOptions {
  /** Path of the file, used in diagnostics, for the default id and to resolve links (default: none). */
  file?: string | null | undefined
  /** Id of the runbook, overriding frontmatter and file name (default: frontmatter `id`, else the file name, else the title). */
  id?: string | null | undefined
  /** Keep source positions in step content and commands (default: `false`; steps always carry theirs). */
  positions?: boolean | null | undefined
  /** Largest input read, in characters; the rest is cut with a `limit-exceeded` error (default: 10,000,000). */
  maxSize?: number | null | undefined
  /** Most steps read; the rest become part of the last one, with a `limit-exceeded` error (default: 2,000). */
  maxSteps?: number | null | undefined
  /**
   * Deepest nesting of lists and block quotes, and of emphasis and link
   * brackets (on one line, or paired across the lines of one paragraph),
   * that is read; the text from the first line that nests deeper is cut with
   * a `limit-exceeded` error (default: 32).
   */
  maxNesting?: number | null | undefined
  /**
   * Longest top-level paragraph read as one, in characters: a longer one is
   * read as several, each cut made where a new paragraph can start, with a
   * `limit-exceeded` warning (default: 20,000). The Markdown parser's time
   * grows with the square of one paragraph's length.
   */
  maxParagraph?: number | null | undefined
}

/** The defaults of `ParseOptions`, in one place. */
export const parseDefaults = {
  positions: false,
  maxSize: 10_000_000,
  maxSteps: 2000,
  maxNesting: 32,
  maxParagraph: 20_000
} as const

interface Settings {
  file: string | undefined
  id: string | undefined
  positions: boolean
  maxSize: number
  maxSteps: number
  maxNesting: number
  maxParagraph: number
}

function settle(options: ParseOptions | null | undefined): Settings {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError(`runbook-kit: parseRunbook options must be an object, not ${JSON.stringify(options)}`)
  }
  const given = options ?? {}
  return {
    file: given.file ?? undefined,
    id: given.id ?? undefined,
    positions: given.positions ?? parseDefaults.positions,
    maxSize: given.maxSize ?? parseDefaults.maxSize,
    maxSteps: Math.max(1, given.maxSteps ?? parseDefaults.maxSteps),
    maxNesting: Math.max(1, given.maxNesting ?? parseDefaults.maxNesting),
    maxParagraph: Math.max(1000, given.maxParagraph ?? parseDefaults.maxParagraph)
  }
}

/**
 * Parse a Markdown runbook into a step graph.
 *
 * Never throws on any text: problems in the runbook are returned as
 * `diagnostics`. Throws a `TypeError` only when `markdown` is not a string.
 *
 * @example
 *   const {runbook, diagnostics} = parseRunbook(markdown, {file: 'runbooks/printer.md'})
 */
export function parseRunbook(markdown: string, options?: ParseOptions | null): ParseResult {
  if (typeof markdown !== 'string') {
    throw new TypeError(`runbook-kit: parseRunbook expects Markdown text (a string), not ${describe(markdown)}`)
  }
  const settings = settle(options)
  const diagnostics: Diagnostic[] = []
  let source = markdown.charCodeAt(0) === 0xfeff ? markdown.slice(1) : markdown
  if (source.length > settings.maxSize) {
    diagnostics.push(
      createDiagnostic('limit-exceeded', `File is larger than ${settings.maxSize} characters; only the start was read`, undefined, settings.file)
    )
    source = source.slice(0, settings.maxSize)
  }
  const deep = findTooDeep(source, settings.maxNesting)
  if (deep) {
    diagnostics.push(
      createDiagnostic(
        'limit-exceeded',
        deep.kind === 'container'
          ? `Lists or quotes nest ${deep.depth} levels deep, more than ${settings.maxNesting}; the text from this line on was not read`
          : `Emphasis or links nest ${deep.depth} levels deep${deep.kind === 'paragraph' ? ' across the lines of one paragraph' : ''}, more than ${settings.maxNesting}; the text from this line on was not read`,
        {line: deep.line, column: 1, offset: deep.offset},
        settings.file
      )
    )
    source = source.slice(0, deep.offset)
  }
  const cuts = paragraphCuts(source, settings.maxParagraph)
  for (const place of cuts) {
    diagnostics.push(
      createDiagnostic(
        'limit-exceeded',
        `Paragraph is longer than ${settings.maxParagraph} characters; it was read as two from here (emphasis or links across this point are not joined)`,
        place,
        settings.file,
        {severity: 'warning'}
      )
    )
  }
  let tree: Root
  try {
    tree = parseMarkdown(source, {splitAt: cuts.map((cut) => cut.offset)})
  } catch (error) {
    // The Markdown parser failing (a stack overflow on input the limits missed) must not throw either.
    tree = {type: 'root', children: []}
    diagnostics.push(internalError(error, settings))
    source = ''
  }
  const result = buildRunbook(tree, source, settings)
  result.diagnostics.unshift(...diagnostics)
  return result
}

/**
 * Build a runbook from an mdast tree parsed (with positions) from `source`,
 * as `remarkRunbook` does inside a unified pipeline. Mutates `tree` only to
 * remove `{#id}` attributes from headings and to make links of template
 * link targets left as text (`[text]({{< ref "x.md" >}})`).
 */
export function buildRunbook(tree: Root, source: string, options?: ParseOptions | null): ParseResult {
  const settings = settle(options)
  try {
    return build(tree, source, settings)
  } catch (error) {
    // A bug of ours must not block a whole bundle build: report it on the file.
    const title = settings.file ? idFromPath(settings.file) : 'Untitled runbook'
    const runbook = emptyRunbook(settings.id ?? title, title, hashText(source), settings.file)
    return {runbook, diagnostics: [internalError(error, settings)]}
  }
}

function internalError(error: unknown, settings: Settings): Diagnostic {
  const message = error instanceof Error ? error.message : String(error)
  return createDiagnostic('invalid-input', `Runbook Kit could not read this file (${message})`, undefined, settings.file)
}

function build(tree: Root, source: string, settings: Settings): ParseResult {
  const {file} = settings
  const diagnostics: Diagnostic[] = []
  const report = (ruleId: RuleId, message: string, place: Point | Position | undefined, extra?: DiagnosticExtra) =>
    diagnostics.push(createDiagnostic(ruleId, message, place, file, extra))
  const reportGoToInStep = (place: Position | undefined) =>
    report('go-to-in-step', 'This go-to is read as part of the step (more list items follow it, other items of its list go elsewhere, or it says to come back), not as the way every reader leaves it', place, {
      note: 'To send every reader there, make it the last thing in the step; for cases, start each with "If …"'
    })

  // `[text]({{< ref "x.md" >}})` left as text becomes the link it stands for (parse/links/template-targets.ts).
  linkTemplateTargets(tree, source)
  // MkDocs `!!! warning` and Docusaurus `:::warning` admonitions become callout blockquotes (parse/callouts/admonitions.ts).
  readAdmonitions(tree, source)

  // Frontmatter.
  let frontmatter: Frontmatter = {meta: emptyMeta(), params: []}
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml')
  if (yaml) {
    const read = readFrontmatter(yaml.value, yaml.position?.start ?? {line: 1, column: 1}, file)
    frontmatter = read.frontmatter
    diagnostics.push(...read.diagnostics)
  }
  let body = tree.children.filter((node) => node.type !== 'yaml' && node.type !== ('toml' as string))

  // Heading attributes ({#id .end}), titles and GitHub slugs of every heading, in document order;
  // in the same walk, the definitions, the code blocks (for `checkFences`) and whether any task item or HTML is there.
  const attributes = new Map<Heading, HeadingAttributes>()
  const headingTitles = new Map<Heading, string>()
  const slugs = new Map<Heading, string>()
  const slugger = new GithubSlugger()
  const definitions: Definitions = new Map()
  const codes: Code[] = []
  let hasTasks = false
  let hasHtml = false
  walk(tree, (node) => {
    if (node.type === 'heading') {
      const attrs = takeAttributes(node)
      attributes.set(node, attrs)
      const headingTitle = titleOf(toString(node))
      headingTitles.set(node, headingTitle)
      slugs.set(node, attrs.id ?? slugger.slug(headingTitle))
    } else if (node.type === 'definition') {
      addDefinition(definitions, node)
    } else if (node.type === 'code') {
      codes.push(node)
    } else if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      hasTasks = true
    } else if (node.type === 'html') {
      hasHtml = true
    }
  })

  // Title: frontmatter, else the first h1, else the file name.
  let title = frontmatter.title === undefined ? undefined : titleOf(frontmatter.title)
  const firstHeadingIndex = body.findIndex((node) => node.type === 'heading')
  const firstHeading = body[firstHeadingIndex] as Heading | undefined
  let placeholder: string | undefined
  if (firstHeading && firstHeading.depth === 1) {
    const text = cleanTitle(toString(firstHeading))
    const template = isPlaceholderTitle(firstHeading)
    if (template) placeholder = headingSource(firstHeading, source)
    const h1Count = body.filter((node) => node.type === 'heading' && node.depth === 1).length
    if (template || title === undefined || h1Count === 1) {
      if (!template && title === undefined && text) title = text
      body = body.filter((_, index) => index !== firstHeadingIndex)
    }
  }
  if (!title) {
    title = file ? humanize(idFromPath(file)) : 'Untitled runbook'
    report('missing-title', 'Runbook has no title: add `title:` to the frontmatter or a `# Heading`', undefined, {
      note: placeholder ? `The heading "${placeholder}" is a template's placeholder; using "${title}"` : `Using "${title}"`
    })
  }
  // An empty id (from options or `id: ""`) is no id: fall back as if it were absent.
  const id = settings.id || frontmatter.id || (file ? idFromPath(file) : undefined) || slugText(title) || 'runbook'

  const structure = layout(readBoldHeadings(body), source, attributes)
  let units = structure.units
  for (const unit of units) unit.title = titleOf(unit.title)
  if (structure.structure === 'single') {
    units = [
      {
        title,
        endAttribute: false,
        depth: 1,
        conditional: false,
        nodes: structure.outro,
        position: spanPosition(structure.outro)
      }
    ]
    structure.outro = []
  }
  if (units.length > settings.maxSteps) {
    report('limit-exceeded', `Runbook has ${units.length} steps; steps after the first ${settings.maxSteps} were merged into the last one`, units[settings.maxSteps]?.position)
    const rest = units.slice(settings.maxSteps)
    units = units.slice(0, settings.maxSteps)
    const last = units[units.length - 1]!
    for (const unit of rest) last.nodes.push(...(unit.heading ? [unit.heading] : []), ...unit.nodes)
  }

  // Step ids: explicit, else the heading's slug, else a slug of the title.
  const ids: string[] = []
  const taken = new Set<string>()
  // The next suffix to try for each repeated id, so that thousands of steps with one title take linear time.
  const suffixes = new Map<string, number>()
  for (const unit of units) {
    let stepId =
      unit.explicitId ??
      (unit.heading ? slugs.get(unit.heading) : undefined) ??
      (structure.structure === 'single' ? slugText(unit.title) || 'start' : slugger.slug(unit.title || 'step'))
    if (!stepId) stepId = slugger.slug('step')
    if (taken.has(stepId)) {
      report('duplicate-step-id', `Step id "${stepId}" is used by another step`, unit.position, {
        severity: unit.explicitId ? 'error' : 'warning',
        note: 'Links to it lead to the first step with that id; give this step an explicit {#id}'
      })
      let suffix = suffixes.get(stepId) ?? 1
      while (taken.has(`${stepId}-${suffix}`)) suffix++
      suffixes.set(stepId, suffix + 1)
      stepId = `${stepId}-${suffix}`
    }
    taken.add(stepId)
    ids.push(stepId)
  }

  // Anchors: headings inside steps lead to their step; intro/outro anchors exist but are not steps.
  const anchors: Record<string, string> = {}
  const idSet = new Set<string>(ids)
  const known = new Set<string>(ids)
  const addAnchors = (nodes: RootContent[], stepId: string | undefined) => {
    for (const root of nodes) {
      walk(root, (node) => {
        if (node.type === 'heading') {
          const slug = slugs.get(node)
          if (slug !== undefined) {
            known.add(slug)
            if (stepId !== undefined && !idSet.has(slug) && !Object.hasOwn(anchors, slug)) anchors[slug] = stepId
          }
        } else if (node.type === 'html') {
          for (const match of node.value.matchAll(/\b(?:name|id)\s*=\s*["']?([^"'\s>]+)/gi)) known.add(match[1]!)
        }
        // Without HTML, only headings count, and text (a paragraph, a heading, a table) holds none.
        return hasHtml || (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table')
      })
    }
  }
  addAnchors(structure.intro, undefined)
  addAnchors(structure.outro, undefined)
  units.forEach((unit, index) => addAnchors([...(unit.containers ?? []), ...unit.nodes], ids[index]))
  if (firstHeading && slugs.has(firstHeading)) known.add(slugs.get(firstHeading)!)
  const resolveAnchor = (anchor: string): string | undefined => {
    for (const candidate of [anchor, anchor.toLowerCase()]) {
      if (idSet.has(candidate)) return candidate
      if (Object.hasOwn(anchors, candidate)) return anchors[candidate]
    }
    const numbered = /^step-?(\d+)$/i.exec(anchor)
    if (numbered) return ids[Number(numbered[1]) - 1]
    return undefined
  }

  // Declared parameters, and the variables the runbook sets itself (never parameters).
  const declared = new Set(frontmatter.params.map((param) => param.name))
  const params: ParamSpec[] = frontmatter.params.map((param) => ({...param}))
  const inferred = new Map<string, Nodes>()
  const paramsContext = paramContext(declared, () => setVariablesIn(tree, isCommandBlock))

  // Numbered steps by kind and number ("step:3", "part:4"), for "skip to Part 4"; most pages name none.
  const mentionsSteps = mayNameSteps(source)
  // Most pages have no loop-back ("… and repeat") and no step link ("Step 1: [X](x.md)") either.
  const loopsBack = mayLoopBack(source)
  const linksSteps = mayLinkSteps(source)
  const numberedSteps = new Map<string, number[]>()
  units.forEach((unit, index) => {
    const text = unit.heading ? toString(unit.heading).trim() : ''
    const number = unit.number ?? stepNumberOf(text)?.number
    if (number === undefined) return
    const word = /^(part|phase|stage)\b/i.exec(text)?.[1]?.toLowerCase() ?? 'step'
    const key = `${word}:${number.toLowerCase()}`
    numberedSteps.set(key, [...(numberedSteps.get(key) ?? []), index])
  })

  // Steps.
  const steps: Step[] = []
  /** Every unit's links, read once for its edges and again for dangling links. */
  const linksOfUnit: FoundLink[][] = []
  const links: RunbookLink[] = []
  const edgeLinks = new Set<FoundLink['node']>()
  const reportedLinks = new Set<FoundLink['node']>()
  const warned: boolean[] = []
  const destructive: Array<ReturnType<typeof commandsIn>[number] | undefined> = []
  /** How each step goes on, decided while building it (kept beside the steps, not on them). */
  const drafts: StepDraft[] = []
  units.forEach((unit, index) => {
    const stepId = ids[index]!
    const content = cloneContent(unit.nodes, definitions, settings.positions)
    const callouts = markCallouts(content)
    const found = commandsIn(unit.nodes, paramsContext)
    const prose = prosePlaceholders(unit.heading ? [unit.heading, ...unit.nodes] : unit.nodes, paramsContext).map(({key, node}) => ({name: paramName(key, paramsContext), node}))
    const step: Step = {
      id: stepId,
      title: unit.title,
      kind: 'task',
      content,
      commands: found.map(({command, node}) => (settings.positions && node.position ? {...command, position: positionOf(node)} : command)),
      checklist: hasTasks ? checklistOf(content) : [],
      callouts,
      params: found.length === 0 && prose.length === 0 ? [] : [...new Set([...found.flatMap(({command}) => command.params), ...prose.map(({name}) => name)])],
      edges: [],
      position: positionOf(unit)
    }
    if (unit.number !== undefined) step.number = unit.number

    for (const {name, node} of [...found.flatMap(({command, node}) => command.params.map((name) => ({name, node}))), ...prose]) {
      if (!declared.has(name) && !inferred.has(name)) inferred.set(name, node)
    }
    warned[index] = callouts.some((callout) => callout.kind === 'warning' || callout.kind === 'caution' || callout.kind === 'important')
    destructive[index] = found.find(({command}) => command.destructive)

    // Edges from a choice list and go-to sentences.
    const edgeFor = (link: FoundLink, kind: Edge['kind'], label: string | undefined, rule: EdgeRule): Edge | undefined => {
      edgeLinks.add(link.node)
      const target = link.target
      if (target.type === 'anchor') {
        const to = resolveAnchor(target.anchor)
        if (to === undefined) {
          reportedLinks.add(link.node)
          report('dangling-link', `Link target "#${target.anchor}" is not a step`, link.position)
          return undefined
        }
        return label ? {kind, rule, to, label} : {kind, rule, to}
      }
      if (target.type === 'external') {
        // "Follow the steps in [the vendor guide](https://…)": the procedure goes on there.
        return {kind, rule, href: link.url, label: label ?? (cleanLabel(link.text) || link.url)}
      }
      if (target.type === 'runbook') {
        const edge: Edge = {kind, rule, runbook: idFromPath(target.path), href: target.href}
        if (target.anchor) edge.to = target.anchor
        if (label) edge.label = label
        return edge
      }
      return undefined
    }
    const choices = choiceList(unit.nodes, unit.title, definitions)
    // A list of one link decides nothing, a list of links to other runbooks that does not name each
    // choice ("- [Restore a project](restore.md)", not "- Yes: [secure the account](account.md)") must
    // not cut off the steps after it, and items that go on after their link read as instructions as much
    // as answers: all are ways on beside going on in document order.
    const decides =
      choices !== undefined &&
      choices.choices.length > 1 &&
      !choices.doubtful &&
      (choices.choices.some((choice) => choice.link.target.type === 'anchor') || choices.choices.every((choice) => choice.labelled))
    let unconditional = false
    let conditional = false
    if (choices) {
      if (choices.choices.length === 1) {
        report('decision-with-one-choice', `Step "${unit.title}" ends in a list of choices with only one choice; it is offered beside going on`, choices.list.position, {
          note: 'Add the other answers to make it a decision, or write "Go to [step](#id)." to send every reader there'
        })
      }
      for (const choice of choices.choices) {
        const edge = edgeFor(choice.link, 'choice', choice.label, 'choice-list')
        if (edge) step.edges.push(edge)
        if (edge && !decides) conditional = true
      }
    }
    const goTos = goTosIn(unit.nodes, definitions, choices?.list)
    const references = mentionsSteps ? stepReferencesIn(unit.nodes, choices?.list) : []
    // "1. … follow the [replica maintenance](#replica) instructions." with more items after it, go-tos in
    // several items of one list, "…, then come back here": part of the step, not its way out
    // (branches/step-end.ts); the link stays a link.
    const inStep = goTosInStep(unit.nodes, [
      ...goTos.filter((goTo) => !goTo.condition && !goTo.external).map((goTo) => goTo.link.position?.start.offset),
      ...references.filter((found) => !found.condition).map((found) => found.position?.start.offset)
    ])
    const partOfStep = (offset: number | undefined) => offset !== undefined && inStep.has(offset)
    for (const goTo of goTos) {
      if (!goTo.condition && !goTo.external && partOfStep(goTo.link.position?.start.offset)) {
        reportGoToInStep(goTo.link.position)
        continue
      }
      const edge = edgeFor(goTo.link, goTo.condition ? 'choice' : 'goto', goTo.condition ? cleanLabel(goTo.condition) : undefined, goTo.external ? 'follow-link' : 'go-to-sentence')
      if (!edge) continue
      if (goTo.external) {
        // An external hand-over is one way on; the step still goes on for a reader who does not take it.
        if (!step.edges.some((other) => other.href === edge.href)) step.edges.push(edge)
        conditional = true
        continue
      }
      const same = step.edges.findIndex((other) => other.to === edge.to && other.runbook === edge.runbook)
      if (!goTo.condition && goTo.follow && edge.runbook !== undefined && index + 1 < units.length) {
        // "Follow [the Aptly runbook](aptly.md) to upload the package." with steps after it: do that runbook
        // here, beside going on, as with an external document; in the last step it ends this runbook.
        // ("Continue with [the recovery runbook](x.md)" still hands over.)
        if (same === -1) step.edges.push(edge)
        conditional = true
      } else if (goTo.condition) {
        if (same === -1) {
          step.edges.push(edge)
          conditional = true
        }
      } else {
        unconditional = true
        // "If …, skip to [X]. … Go to [X]." is one unconditional way on.
        if (same === -1) step.edges.push(edge)
        else step.edges[same] = edge
      }
    }
    // "Skip to Part 4", "YES → go to Step 2": steps named by number.
    for (const found of references) {
      const target = numberedSteps.get(`${found.word === 'part' || found.word === 'phase' || found.word === 'stage' ? found.word : 'step'}:${found.number.toLowerCase()}`)
      if (target === undefined || target.length !== 1 || target[0] === index) continue
      if (!found.condition && partOfStep(found.position?.start.offset)) {
        reportGoToInStep(found.position)
        continue
      }
      const to = ids[target[0]!]!
      if (step.edges.some((edge) => edge.to === to && edge.runbook === undefined)) continue
      if (found.condition) {
        step.edges.push({kind: 'choice', rule: 'step-reference', to, label: cleanLabel(found.condition)})
        conditional = true
      } else {
        step.edges.push({kind: 'goto', rule: 'step-reference', to})
        unconditional = true
      }
    }
    // "Step 1: [Check the cluster health](health.md)": that runbook here, beside going on.
    for (const found of linksSteps ? stepLinksIn(unit.nodes, definitions, choices?.list) : []) {
      if (edgeLinks.has(found.link.node)) continue
      const edge = edgeFor(found.link, 'choice', found.label, 'step-link')
      if (!edge || step.edges.some((other) => other.runbook === edge.runbook && other.to === edge.to)) continue
      step.edges.push(edge)
      conditional = true
    }
    // "[Update the plan](#plan) and repeat until closure": back to an earlier step, beside going on.
    for (const loop of loopsBack ? loopBacksIn(unit.nodes, definitions, choices?.list) : []) {
      if (edgeLinks.has(loop.link.node) || loop.link.target.type !== 'anchor') continue
      const to = resolveAnchor(loop.link.target.anchor)
      const target = to === undefined ? -1 : ids.indexOf(to)
      if (target === -1 || target >= index || step.edges.some((edge) => edge.to === to && edge.runbook === undefined)) continue
      edgeLinks.add(loop.link.node)
      step.edges.push({kind: 'choice', rule: 'loop-back', to, label: loop.label})
      conditional = true
    }
    // "YES → … / NO → …" covers every answer: the step does not go on by itself.
    const answers = new Set(step.edges.filter((edge) => edge.rule === 'step-reference').map((edge) => edge.label))
    if (answers.has('Yes') && answers.has('No')) unconditional = true
    if (unconditional) conditional = false
    // The step continues unless a choice list, an unconditional go-to or an end says otherwise (set below).
    const draft: StepDraft = {
      continues: !decides && !unconditional && !unit.endAttribute && !endsWithMarker(unit.nodes),
      conditional,
      empty: false
    }
    drafts[index] = draft

    const unitLinks = linksIn(unit.nodes, definitions)
    linksOfUnit[index] = unitLinks
    for (const link of unitLinks) {
      if (link.target.type === 'runbook' && !edgeLinks.has(link.node)) {
        const entry: RunbookLink = {from: stepId, href: link.target.href, runbook: idFromPath(link.target.path)}
        if (link.target.anchor) entry.to = link.target.anchor
        links.push(entry)
      }
    }
    // A list item's first sentence is its instruction: only headed steps can be empty.
    if (isEmptyContent(unit.nodes) && !choices && unit.depth > 0) {
      draft.empty = true
    }
    steps.push(step)
  })

  // "If …" runs: the unit before the run decides; each branch joins after the run.
  const joins = new Map<number, number | undefined>()
  for (const run of [...ifRuns(units), ...symptomRuns(units), ...ifNotAlternatives(units)]) {
    const decider = drafts[run.decider]!
    // Only "If" runs override what the step before chose; the other rules keep its ways on, and a branch's join.
    if (run.rule !== 'if-headings' && (!decider.continues || joins.has(run.decider) || run.branches.some(({index}) => joins.has(index)))) continue
    for (const {index: member, label} of run.branches) {
      steps[run.decider]!.edges.push({kind: 'choice', rule: run.rule, to: ids[member]!, label})
      joins.set(member, run.join)
      // A warning before the branches covers every branch.
      warned[member] ||= warned[run.decider]!
    }
    if (run.optional) {
      // "Otherwise, continue" past it.
      joins.set(run.decider, run.join)
      decider.conditional = true
    } else {
      decider.continues = false
    }
  }

  // Destructive commands need a warning in their step (or before their branches).
  units.forEach((unit, index) => {
    const found = destructive[index]
    if (found && !warned[index]) {
      report(
        'destructive-without-warning',
        `Step "${unit.title}" has a command that ${destructiveReason(found.command.code) ?? 'destroys data'} but no warning callout`,
        found.node.position,
        {note: 'Add a `> [!WARNING]` before the command that says what it destroys'}
      )
    }
  })

  // Alternatives offered by a choice list join after the last of them instead of running into the next.
  for (const [member, join] of alternativeJoins(steps, units.map((unit) => unit.depth))) if (!joins.has(member)) joins.set(member, join)

  // Default edges, kinds.
  steps.forEach((step, index) => {
    const draft = drafts[index]!
    if (draft.continues) {
      const next = joins.has(index) ? joins.get(index) : index + 1 < steps.length ? index + 1 : undefined
      if (next !== undefined && draft.conditional) {
        // "If …, go to [the next step]" is no branch: drop it and just continue.
        const nextId = ids[next]!
        step.edges = step.edges.filter((edge) => edge.runbook !== undefined || edge.to !== nextId)
        draft.conditional = step.edges.some((edge) => edge.kind === 'choice' || edge.runbook !== undefined || (edge.href !== undefined && edge.to === undefined))
      }
      if (next !== undefined) {
        step.edges.push(draft.conditional ? {kind: 'next', to: ids[next]!, label: 'Otherwise, continue'} : {kind: 'next', to: ids[next]!})
      } else if (draft.conditional && step.edges.some((edge) => edge.kind === 'choice')) {
        // A conditional way out where the procedure ends ("[Update the plan](#plan) and repeat until closure"
        // in the last step): the other way is to finish, not to take it whatever happened. (A hand-over
        // the text gives without a condition finishes the runbook itself: the step stays an end.)
        step.edges.push({kind: 'next', label: 'Otherwise, finish'})
      }
    }
    const inside = step.edges.filter((edge) => edge.runbook === undefined && edge.to !== undefined)
    step.kind = step.edges.length >= 2 ? 'decision' : inside.length === 0 ? 'end' : 'task'
    if (draft.empty && step.kind !== 'decision') {
      report('empty-step', `Step "${step.title}" has no content`, step.position, {note: 'Say what to do, or merge it into a neighbour'})
    }
  })

  // Reachability from the start.
  if (steps.length > 0) {
    const reached = reachable(steps)
    for (const step of steps) {
      if (!reached.has(step.id)) {
        report('unreachable-step', `Step "${step.title}" cannot be reached from the start`, step.position, {
          note: 'Link to it from a choice or a go-to, or remove it'
        })
      }
    }
    const leaves = (step: Step | undefined) =>
      step !== undefined && (step.kind === 'end' || step.edges.some((edge) => edge.runbook !== undefined || edge.to === undefined))
    const byId = new Map(steps.map((step) => [step.id, step]))
    if (![...reached].some((stepId) => leaves(byId.get(stepId)))) {
      report('no-end', 'No end can be reached from the start: every path loops', steps[0]!.position)
    }
  }

  // Links in prose that lead nowhere.
  const checkLinks = (found: FoundLink[]) => {
    for (const link of found) {
      if (link.target.type !== 'anchor' || reportedLinks.has(link.node) || !link.target.anchor) continue
      const anchor = link.target.anchor
      if (resolveAnchor(anchor) === undefined && !known.has(anchor) && !known.has(anchor.toLowerCase())) {
        report('dangling-link', `Link target "#${anchor}" is not a step or heading`, link.position, {severity: 'warning'})
      }
    }
  }
  const framingLinks = linksIn([...structure.intro, ...structure.outro], definitions)
  checkLinks(framingLinks)
  for (const found of linksOfUnit) checkLinks(found)
  for (const link of framingLinks) {
    if (link.target.type === 'runbook') {
      const entry: RunbookLink = {href: link.target.href, runbook: idFromPath(link.target.path)}
      if (link.target.anchor) entry.to = link.target.anchor
      links.push(entry)
    }
  }

  // Parameters used but not declared: placeholders in the title, intro and outro (and their commands) count too.
  const around = [...(firstHeading ? [firstHeading] : []), ...structure.intro, ...structure.outro]
  for (const {name, node} of [
    ...commandsIn(around, paramsContext).flatMap(({command, node}) => command.params.map((name) => ({name, node}))),
    ...prosePlaceholders(around, paramsContext).map(({key, node}) => ({name: paramName(key, paramsContext), node}))
  ]) {
    if (!declared.has(name) && !inferred.has(name)) inferred.set(name, node)
  }
  for (const [name, node] of inferred) {
    params.push({name, secret: false, declared: false})
    report('undeclared-param', `Parameter "${name}" is used but not declared in the frontmatter`, node.position, {
      note: 'Declare it under `params:` with a description (and `secret: true` for passwords and tokens)'
    })
  }

  checkFences(codes, source, report)

  // Pages that read as reference, and procedures left in the intro or outro.
  if (structure.structure !== 'single' && readsAsReference(steps)) {
    report('not-a-procedure', 'Page reads as reference, not a procedure: no step has a command, numbered list, checklist or branch', steps[0]?.position, {
      note: 'It is still shown step by step; if it is a procedure, number its steps or give them headings that say what to do'
    })
  }
  for (const [part, nodes] of [['intro', structure.intro], ['outro', structure.outro]] as const) {
    const action = steps.length > 0 && structure.structure !== 'single' ? firstAction(nodes) : undefined
    if (action) {
      report(
        'procedure-outside-steps',
        `The ${part === 'intro' ? 'text before the first step' : 'text after the last step'} has a ${action.what === 'command' ? 'command' : 'numbered list'} that is in no step`,
        action.position,
        {note: 'It is shown, but not as a step: put it under a heading of its own to make it one'}
      )
    }
  }

  // Category: the frontmatter's, else what the path and the headings say (parse/metadata/category.ts).
  if (!frontmatter.categoryGiven) {
    const headings = body
      .filter((node): node is Heading => node.type === 'heading' && node.depth <= 3)
      .map((node) => headingTitles.get(node) ?? titleOf(toString(node)))
    const category = inferCategory({file, title, headings})
    if (category) {
      frontmatter.meta.category = category
      frontmatter.meta.inferred = ['category']
    }
  }

  const runbook: Runbook = {
    id,
    title,
    hash: hashText(source),
    structure: structure.structure,
    meta: frontmatter.meta,
    params,
    intro: cloneContent(structure.intro, definitions, settings.positions),
    outro: cloneContent(structure.outro, definitions, settings.positions),
    start: ids[0] ?? '',
    steps,
    anchors,
    links
  }
  const description = frontmatter.description ?? introSummary(structure.intro)
  if (description) runbook.description = description
  if (file !== undefined) runbook.file = file
  markCallouts(runbook.intro)
  markCallouts(runbook.outro)
  return {runbook, diagnostics: sortDiagnostics(diagnostics)}
}

/** What is decided about a step while it is built, and not returned. */
interface StepDraft {
  /** Whether the step goes on to the next (or its join) by itself. */
  continues: boolean
  /** Whether its ways on are taken only on a condition (then going on is "Otherwise, continue"). */
  conditional: boolean
  /** Whether it has no content. */
  empty: boolean
}

/** Ids of the steps reachable from the first one along edges inside the runbook. */
export function reachable(steps: readonly Step[]): Set<string> {
  const byId = new Map(steps.map((step) => [step.id, step]))
  const reached = new Set<string>()
  const queue = steps[0] ? [steps[0].id] : []
  while (queue.length > 0) {
    const stepId = queue.pop()!
    if (reached.has(stepId)) continue
    reached.add(stepId)
    for (const edge of byId.get(stepId)?.edges ?? []) {
      if (edge.runbook === undefined && edge.to !== undefined && byId.has(edge.to) && !reached.has(edge.to)) queue.push(edge.to)
    }
  }
  return reached
}

const endMarker = /^(?:end of (?:the )?(?:runbook|procedure)|stop here|this (?:runbook|procedure) ends here|the end)[.!]?$/i

function endsWithMarker(nodes: RootContent[]): boolean {
  const last = nodes[nodes.length - 1]
  return last !== undefined && last.type === 'paragraph' && endMarker.test(textOf(last).trim().replace(/^\*+|\*+$/g, ''))
}

/** Report fenced code blocks (`codes`, in document order) whose closing fence is missing. */
function checkFences(codes: Code[], source: string, report: (rule: 'unclosed-code-fence', message: string, place: Position | undefined) => void) {
  for (const node of codes) {
    if (!node.position) continue
    const start = node.position.start.offset ?? 0
    const end = node.position.end.offset ?? start
    // Only a fence opens with a backtick or a tilde: skip indented code without slicing it.
    const first = source.charCodeAt(start)
    if (first !== 96 && first !== 126) continue
    const open = /^(`{3,}|~{3,})/.exec(source.slice(start, end))
    if (!open) continue
    // The last line of the block, if it has more than one.
    const lastBreak = source.lastIndexOf('\n', end - 1)
    const last = lastBreak >= start ? source.slice(lastBreak + 1, end) : ''
    const fenceChar = open[1]![0]!
    const closed = lastBreak >= start && new RegExp(`^[\\s>]*\\${fenceChar}{${open[1]!.length},}\\s*$`).test(last)
    if (!closed) {
      report('unclosed-code-fence', `Code block opened with ${open[1]} is never closed`, {start: node.position.start, end: node.position.start})
    }
  }
}

/** The first paragraph of the intro, as a one-line summary. */
function introSummary(intro: RootContent[]): string | undefined {
  const paragraph = intro.find((node) => node.type === 'paragraph')
  if (!paragraph) return undefined
  const text = textOf(paragraph).replace(/\s+/g, ' ').trim()
  if (!text || hasTemplateSyntax(text)) return undefined
  return text.length > 240 ? text.slice(0, text.lastIndexOf(' ', 237)) + '…' : text
}

function spanPosition(nodes: RootContent[]): Position | undefined {
  const start = nodes[0]?.position?.start
  const end = nodes[nodes.length - 1]?.position?.end
  return start && end ? {start: {...start}, end: {...end}} : undefined
}

/** A heading as written, without its `#` marks, for messages (at most 80 characters). */
function headingSource(heading: Heading, source: string): string {
  const start = heading.position?.start.offset
  const end = heading.position?.end.offset
  const written = start !== undefined && end !== undefined ? source.slice(start, end) : ''
  // A setext heading (a line of `=` under it) or a heading without a place: its text.
  const text = (written && !written.includes('\n') ? written.replace(/^#+|#+\s*$/g, '') : toString(heading)).replace(/\s+/g, ' ').trim()
  return text.length > 80 ? text.slice(0, 79) + '…' : text
}

/** A title as the rendered page shows it (`parse/titles/clean-title.ts`), or as written when nothing would be left. */
function titleOf(text: string): string {
  return cleanTitle(text) || text.trim()
}

function humanize(id: string): string {
  const text = id.replace(/[-_]+/g, ' ').trim()
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Untitled runbook'
}

function emptyRunbook(id: string, title: string, hash: string, file: string | undefined): Runbook {
  const runbook: Runbook = {
    id,
    title,
    hash,
    structure: 'single',
    meta: emptyMeta(),
    params: [],
    intro: {type: 'root', children: []},
    outro: {type: 'root', children: []},
    start: 'start',
    steps: [
      {
        id: 'start',
        title,
        kind: 'end',
        content: {type: 'root', children: []},
        commands: [],
        checklist: [],
        callouts: [],
        params: [],
        edges: []
      }
    ],
    anchors: {},
    links: []
  }
  if (file !== undefined) runbook.file = file
  return runbook
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40))
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object'
  return `${typeof value} ${String(value)}`
}
