import {html, LitElement, nothing, type TemplateResult} from 'lit'
import {DeepLinkController} from '../../controllers/deep-link.js'
import {SavedProgressController} from '../../controllers/saved-progress.js'
import {TaskController} from '../../controllers/task.js'
import {
  createSession,
  renderTimeline,
  restoreSession,
  type Runbook,
  type Session,
  type Step
} from '../../internal/core.js'
import {arrowed} from '../../internal/arrow.js'
import {downloadText} from '../../internal/download.js'
import {emit, type RunbookStepChangeDetail} from '../../internal/events.js'
import {fetchLibrary, type Library} from '../../internal/library.js'
import {renderMdast, type RunbookTarget} from '../../internal/mdast.js'
import {defaultStrings} from '../../internal/default-strings.js'
import {categoryName, format, loadError, mergeStrings, type Strings} from '../../internal/strings.js'
import './elapsed-time.js'
import {renderComplete} from './complete.template.js'
import {fillParams} from './fill-params.js'
import {renderEscalation} from './escalation.template.js'
import {renderNotes} from './notes.template.js'
import {renderOutline} from './outline.template.js'
import {renderParams} from './params.template.js'
import {styles} from './walkthrough.styles.js'

type Notice = {kind: 'info' | 'warning'; text: string}

/** A runbook that cannot be shown: the message to show instead. */
class Unavailable extends Error {}

/**
 * One runbook, followed step by step: the step's content, its commands with
 * parameters filled in, its checklist, decision buttons, notes, progress and
 * an outline; back, restart, finish and escalate; an exportable timeline.
 * Progress is saved in `localStorage` and resumed after a reload.
 *
 * Give it a runbook by id from a bundle (`src` + `runbook-id`) or as the
 * `runbook` property.
 *
 * @tagname runbook-walkthrough
 * @summary Walk through one runbook.
 *
 * @event {CustomEvent<RunbookStepChangeDetail>} runbook-step-change - The current step changed (start, resume, a step completed, back, go to, restart).
 * @event {CustomEvent<RunbookCompleteDetail>} runbook-complete - The runbook was finished; the detail carries the timeline.
 * @event {CustomEvent<RunbookEscalateDetail>} runbook-escalate - The user escalated from a step.
 * @event {CustomEvent<RunbookSelectDetail>} runbook-select - The user chose to continue with the runbook a finished one handed over to (cancelable; with `src`, the walkthrough opens it unless canceled).
 *
 * @csspart base - The component's wrapper.
 * @csspart header - Title, badges, progress and elapsed time.
 * @csspart title - The runbook's title.
 * @csspart badge - Category and audience badges.
 * @csspart progress - The progress bar (a `<progress>` element).
 * @csspart elapsed - The elapsed time.
 * @csspart notice - Notices (resumed, storage unavailable, runbook changed).
 * @csspart outline - The outline of steps.
 * @csspart outline-item - One step in the outline.
 * @csspart step - The current step.
 * @csspart step-title - The current step's title.
 * @csspart content - The step's rendered Markdown.
 * @csspart params - The parameters form.
 * @csspart code - A code block; `copy-button` is its copy button, `param` a filled parameter, `param-missing` a missing one.
 * @csspart callout - A callout; also `callout-note`, `callout-tip`, `callout-important`, `callout-warning`, `callout-caution`.
 * @csspart checklist-item - A checklist item.
 * @csspart choices - The decision buttons.
 * @csspart choice - One decision button.
 * @csspart notes - The notes of the step.
 * @csspart actions - Back, next, finish, escalate and restart.
 * @csspart button - Every button.
 * @csspart escalation - The escalation form.
 * @csspart complete - The view shown once the runbook is finished.
 *
 * @cssproperty --rk-font - Font family.
 * @cssproperty --rk-font-mono - Font family of code.
 * @cssproperty --rk-font-size - Base font size.
 * @cssproperty --rk-radius - Corner radius of panels.
 * @cssproperty --rk-color-bg - Background.
 * @cssproperty --rk-color-surface - Background of panels and the outline.
 * @cssproperty --rk-color-text - Text color.
 * @cssproperty --rk-color-muted - Secondary text.
 * @cssproperty --rk-color-border - Borders.
 * @cssproperty --rk-color-accent - Buttons, progress, current step.
 * @cssproperty --rk-color-on-accent - Text on the accent color.
 * @cssproperty --rk-color-focus - Focus ring.
 * @cssproperty --rk-color-code-bg - Background of code blocks.
 * @cssproperty --rk-color-warning - Warning callouts (also --rk-color-note, -tip, -important, -caution).
 */
export class RunbookWalkthrough extends LitElement {
  static override styles = styles

  /**
   * @internal The parts `<runbook-kit>` passes on (its `exportparts`), so
   * `runbook-kit::part(step-title)` works; kept here, beside the template
   * that has them, so the first script need not carry the list.
   */
  static readonly exportedParts =
    'header, title, badge, progress, elapsed, notice, outline, outline-item, step, step-title, content, params, code, copy-button, param, param-missing, callout, callout-note, callout-tip, callout-important, callout-warning, callout-caution, checklist-item, choices, choice, notes, actions, button, escalation, complete'

  static override properties = {
    src: {type: String},
    runbookId: {type: String, attribute: 'runbook-id'},
    runbook: {attribute: false},
    strings: {attribute: false},
    theme: {type: String, reflect: true},
    deepLink: {type: Boolean, attribute: 'deep-link'},
    storage: {type: String},
    startStep: {type: String, attribute: 'start-step'},
    remoteImages: {type: Boolean, attribute: 'remote-images'},
    _session: {state: true},
    _notices: {state: true},
    _copied: {state: true},
    _drafts: {state: true},
    _escalating: {state: true},
    _revision: {state: true}
  }

  /** URL of a bundle (`runbook build` output): the runbook to show (with `runbook-id`), and the runbooks links in step text may open. */
  declare src: string | undefined
  /** Id of the runbook to show from the bundle at `src`. */
  declare runbookId: string | undefined
  /** The runbook to show, set by script (takes precedence over `src` and `runbook-id`). */
  declare runbook: Runbook | undefined
  /** Replacement texts (see `Strings`); missing keys keep the English default. */
  declare strings: Partial<Strings> | undefined
  /** `light` or `dark`; without it the page's `prefers-color-scheme` decides. */
  declare theme: 'light' | 'dark' | undefined
  /** Mirror the current step in the URL hash (`#<runbook id>/<step id>`) and follow it, for deep links. */
  declare deepLink: boolean
  /** Where progress is saved: `local` (default, `localStorage`) or `none`. */
  declare storage: 'local' | 'none'
  /** The step a new session starts at (default: the runbook's start); saved progress wins over it. */
  declare startStep: string | undefined
  /** Load Markdown images from other origins; by default only same-origin and relative images load, others are shown as links. */
  declare remoteImages: boolean

  /** @internal */
  declare private _session: Session | undefined
  /** @internal */
  declare private _notices: Notice[]
  /** @internal */
  declare private _copied: string | undefined
  /** @internal */
  declare private _drafts: Record<string, string>
  /** @internal */
  declare private _escalating: boolean
  /** Bumped on every session event, so the view re-renders. */
  /** @internal */
  declare private _revision: number

  readonly #progress = new SavedProgressController(this, {
    enabled: () => this.storage !== 'none',
    session: () => this._session,
    onSaveError: () => {
      const text = this.#strings.storageUnavailable
      if (!this._notices.some((n) => n.text === text)) this._notices = [...this._notices, {kind: 'warning', text}]
    }
  })

  readonly #deepLink = new DeepLinkController(this, {onChange: () => this.#followHash()})

  /** The runbook to show, its saved progress found and its session attached; a newer runbook, `src` or `runbook-id` aborts it. */
  readonly #loading = new TaskController(this, {
    task: ([runbook, src, id]: readonly [Runbook | undefined, string | undefined, string | undefined, string], signal: AbortSignal) =>
      this.#load(runbook, src, id, signal),
    args: () => [this.runbook, this.src, this.runbookId, this.storage] as const
  })

  /** The bundle at `src`, when there is one: which runbooks links in the step text may open. */
  readonly #links = new TaskController(this, {
    task: ([src, runbook]: readonly [string | undefined, Runbook | undefined], signal: AbortSignal) => this.#missingTargets(src, runbook, signal),
    args: () => [this.src, this._session?.runbook] as const
  })

  #secrets: Record<string, string> = {}
  #unsubscribe: (() => void) | undefined
  #lastStep: string | undefined
  #focusStep = false
  /** Open the runbook again even when it is the one shown (to take another tab's progress). */
  #reopen = false

  constructor() {
    super()
    this.src = undefined
    this.runbookId = undefined
    this.runbook = undefined
    this.strings = undefined
    this.theme = undefined
    this.deepLink = false
    this.storage = 'local'
    this.startStep = undefined
    this.remoteImages = false
    this._session = undefined
    this._notices = []
    this._copied = undefined
    this._drafts = {}
    this._escalating = false
    this._revision = 0
  }

  /** The session being walked (read-only; use it to read progress or the event log). */
  get session(): Session | undefined {
    return this._session
  }

  /** The current step's id. */
  get stepId(): string | undefined {
    return this._session?.current.id
  }

  get #strings(): Strings {
    return mergeStrings(defaultStrings, this.strings)
  }

  protected override updated(): void {
    if (this.#focusStep) {
      this.#focusStep = false
      this.renderRoot.querySelector<HTMLElement>('#step-title, #complete-title')?.focus()
    }
  }

  /** Start the runbook over: progress is cleared. */
  restart(): void {
    const session = this._session
    if (!session) return
    this.#progress.clear(session.runbook)
    this._notices = []
    this._escalating = false
    this.#attach(createSession(session.runbook), 'restart')
    this.#progress.save()
    this.#focusStep = true
  }

  /** The runbook given, or the one `runbook-id` names in the bundle at `src`; then its session. */
  async #load(given: Runbook | undefined, src: string | undefined, id: string | undefined, signal: AbortSignal): Promise<void> {
    const strings = this.#strings
    let runbook = given
    if (!runbook && src && id) {
      const library = await fetchLibrary(src)
      runbook = await library.runbook(id, {signal})
      if (!runbook) throw new Unavailable(format(strings.notFound, {id}))
    }
    if (signal.aborted) return
    if (!runbook) {
      this.#detach()
      return
    }
    const reopen = this.#reopen
    this.#reopen = false
    if (this._session?.runbook === runbook && !reopen) return
    try {
      await this.#open(runbook, signal)
    } catch (error) {
      // A runbook core cannot walk (no steps, a malformed graph): say so instead of breaking the page.
      if (!signal.aborted) this.#detach()
      throw error
    }
  }

  async #open(runbook: Runbook, signal: AbortSignal): Promise<void> {
    const strings = this.#strings
    const notices: Notice[] = []
    const found = await this.#progress.find(runbook)
    if (signal.aborted) return
    if (found.unavailable) notices.push({kind: 'warning', text: strings.storageUnavailable})
    let session: Session | undefined
    // Saved at once only when the session differs from what is stored (moved to a new runbook version, or
    // jumped to a deep-linked step): opening alone writes nothing, so it cannot overwrite another tab's save.
    let changed = false
    let restoredMoved = false
    if (found.saved) {
      session = restoreSession(runbook, found.saved)
      const report = session.report
      if (report?.restored) {
        restoredMoved = found.moved
        changed = found.moved
        if (report.changed) notices.push({kind: 'warning', text: strings.runbookChanged})
        if (session.status !== 'finished') notices.push({kind: 'info', text: format(strings.resumed, {step: session.current.title})})
      }
    }
    this.#secrets = {}
    this._drafts = {}
    this._notices = notices
    this._escalating = false
    const resumed = session !== undefined
    const start = this.startStep && runbook.steps.some((step) => step.id === this.startStep) ? this.startStep : undefined
    session ??= createSession(runbook, {start})
    // A deep link names the step to open at.
    const linked = this.deepLink ? this.#deepLink.stepFor(runbook.id) : undefined
    if (linked && session.status === 'active' && linked !== session.current.id && session.step(linked)) {
      session.goTo(linked)
      changed = true
    }
    this.#progress.opened(runbook)
    this.#attach(session, resumed ? 'resume' : 'start')
    if (changed) this.#progress.save()
    // The old version's entry goes only now that its session is saved under this version.
    if (restoredMoved) this.#progress.forgetMoved(found)
  }

  /** The runbooks that links of `runbook` name and the bundle at `src` lacks (each asked once). */
  async #missingTargets(src: string | undefined, runbook: Runbook | undefined, signal: AbortSignal): Promise<ReadonlySet<string>> {
    const missing = new Set<string>()
    if (!src || !runbook) return missing
    let library: Library
    try {
      library = await fetchLibrary(src)
    } catch {
      // Without the bundle, links stay links.
      return missing
    }
    const targets = new Set<string>()
    for (const step of runbook.steps) for (const edge of step.edges) if (edge.runbook !== undefined) targets.add(edge.runbook)
    for (const link of runbook.links) if (link.runbook !== undefined) targets.add(link.runbook)
    await Promise.all([...targets].map(async (id) => (await library.has(id, {signal})) || missing.add(id)))
    return missing
  }

  #attach(session: Session, cause: RunbookStepChangeDetail['cause']): void {
    this.#unsubscribe?.()
    this._session = session
    this.#lastStep = undefined
    this.#unsubscribe = session.subscribe(() => {
      this._revision++
      this.#progress.save()
      this.#stepChanged('complete')
    })
    this.#stepChanged(cause)
  }

  #detach(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this._session = undefined
  }

  #stepChanged(cause: RunbookStepChangeDetail['cause']): void {
    const session = this._session
    if (!session) return
    const stepId = session.current.id
    if (stepId === this.#lastStep && cause === 'complete') return
    const previous = this.#lastStep
    this.#lastStep = stepId
    const last = session.events[session.events.length - 1]
    const actual = cause === 'complete' && last ? (last.type === 'back' ? 'back' : last.type === 'goto' ? 'goto' : 'complete') : cause
    if (this.deepLink && session.status !== 'finished') this.#deepLink.write(session.runbook.id, stepId)
    emit(this, 'runbook-step-change', {
      runbookId: session.runbook.id,
      stepId,
      previousStepId: previous,
      cause: actual,
      percent: session.progress().percent
    })
  }

  #followHash(): void {
    const session = this._session
    if (!this.deepLink || !session || session.status !== 'active') return
    const stepId = this.#deepLink.stepFor(session.runbook.id)
    if (stepId && stepId !== session.current.id && session.step(stepId)) this.#act((s) => s.goTo(stepId))
  }

  /** Run a session operation from a user action; misuse (a stale button) is ignored, never thrown at the page. */
  #act(operation: (session: Session) => void, focus = true): void {
    const session = this._session
    if (!session) return
    try {
      operation(session)
    } catch (error) {
      console.warn(`runbook-kit: ${error instanceof Error ? error.message : String(error)}`)
    }
    this.#focusStep = focus
    this.requestUpdate()
  }

  #complete(choice?: number): void {
    this.#act((session) => {
      session.complete(choice)
      if (session.status === 'finished') this.#finished()
    })
  }

  #finished(): void {
    const session = this._session!
    emit(this, 'runbook-complete', {
      runbookId: session.runbook.id,
      stepId: session.current.id,
      durationMs: session.elapsed(),
      timeline: renderTimeline(session)
    })
  }

  #anchor(anchor: string): void {
    const session = this._session
    if (!session || session.status !== 'active') return
    const runbook = session.runbook
    const numbered = /^step-(\d+)$/.exec(anchor)
    const target =
      runbook.steps.find((s) => s.id === anchor)?.id ??
      runbook.anchors?.[anchor] ??
      (numbered ? runbook.steps[Number(numbered[1]) - 1]?.id : undefined)
    if (!target || target === session.current.id) return
    const choice = session.choices().find((c) => c.internal && c.to === target)
    if (choice) this.#complete(choice.index)
    else this.#act((s) => s.goTo(target))
  }

  /**
   * The runbook a link of `step` to `url` goes to: a cross-runbook edge of the step (taking it is a
   * hand-over, `choice`), or a link in its prose; `null` when the bundle lacks that runbook.
   */
  #runbookLink(step: Step, url: string): (RunbookTarget & {choice?: number}) | null | undefined {
    // The parser keeps a link's URL trimmed (core's classifyHref).
    url = url.trim()
    const choice = step.edges.findIndex((edge) => edge.runbook !== undefined && edge.href === url)
    const edge = step.edges[choice]
    const link = edge ? undefined : this._session?.runbook.links.find((l) => l.from === step.id && l.href === url && l.runbook !== undefined)
    const target = edge ? {runbook: edge.runbook!, step: edge.to, choice} : link && {runbook: link.runbook!, step: link.to}
    return target && this.#links.value?.has(target.runbook) ? null : target
  }

  /** Follow a link to another runbook: an edge is taken as the choice it is (the session records the hand-over), then the runbook opens. */
  #followRunbookLink(target: RunbookTarget & {choice?: number}): void {
    if (target.choice !== undefined && this._session?.status === 'active') this.#complete(target.choice)
    this.#continue(target.runbook, target.step)
  }

  #copy(text: string): void {
    const done = () => {
      this._copied = text
      setTimeout(() => {
        if (this._copied === text) this._copied = undefined
      }, 2000)
    }
    const clipboard = navigator.clipboard
    if (clipboard?.writeText) clipboard.writeText(text).then(done, done)
    else done()
  }

  #exportTimeline(): void {
    const session = this._session
    if (!session) return
    const date = new Date(session.startedAt).toISOString().slice(0, 10)
    downloadText(`${session.runbook.id}-${date}-timeline.md`, renderTimeline(session))
  }

  #escalate(target: {type: 'person' | 'team' | 'runbook'; name: string}, reason: string): void {
    const session = this._session!
    this.#act((s) => s.escalate({reason, target}), false)
    emit(this, 'runbook-escalate', {runbookId: session.runbook.id, stepId: session.current.id, reason, target})
    this._escalating = false
    this._notices = [...this._notices, {kind: 'info', text: format(this.#strings.escalated, {target: target.name})}]
  }

  #continue(runbookId: string, stepId: string | undefined): void {
    const from = this._session?.runbook.id
    if (!emit(this, 'runbook-select', {runbookId, stepId, from}, true)) return
    if (this.src && !this.runbook) {
      this.startStep = stepId
      this.runbookId = runbookId
    }
  }

  override render(): TemplateResult {
    const strings = this.#strings
    if (this.#loading.status === 'error') {
      const error = this.#loading.error
      return html`<div part="base" class="base">
        <p class="notice warning" part="notice" role="alert">${error instanceof Unavailable ? error.message : loadError(strings, error)}</p>
        <button type="button" part="button" class="button" @click=${() => void this.#loading.run()}>${strings.retry}</button>
      </div>`
    }
    const session = this._session
    if (!session) {
      return html`<div part="base" class="base"><p class="loading" role="status">${this.runbook || this.src ? strings.loading : ''}</p></div>`
    }
    const runbook = session.runbook
    const finished = session.status === 'finished'
    const progress = session.progress()
    const total = progress.done + progress.remaining
    // Before the end, done + 1 ≤ total: the step being walked; once finished, the last.
    const stepOf = format(strings.progress, {current: Math.min(progress.done + 1, total), total, percent: progress.percent})
    return html`<div part="base" class="base">
      <header part="header" class="header">
        <div class="badges">
          <span part="badge" class="badge category-${runbook.meta.category}">${categoryName(strings, runbook.meta.category)}</span>
          ${runbook.meta.audience.map(
            (audience) => html`<span part="badge" class="badge audience">${format(strings.audienceBadge, {audience})}</span>`
          )}
          ${runbook.meta.estimate ? html`<span class="estimate">${runbook.meta.estimate}</span>` : nothing}
        </div>
        <h2 part="title" class="title">${runbook.title}</h2>
        ${runbook.description ? html`<p class="description">${runbook.description}</p>` : nothing}
        <div class="progress-row">
          <progress
            part="progress"
            max="100"
            .value=${progress.percent}
            aria-label=${stepOf}
          ></progress>
          <span class="progress-text">${finished ? strings.completed : stepOf}</span>
          <runbook-elapsed-time
            part="elapsed"
            class="elapsed"
            .elapsed=${() => session.elapsed()}
            .label=${strings.elapsed}
            ?running=${session.status === 'active'}
          ></runbook-elapsed-time>
        </div>
      </header>
      ${this._notices.map(
        (notice) => html`<p part="notice" class="notice ${notice.kind}" role=${notice.kind === 'warning' ? 'alert' : 'status'}>${notice.text}</p>`
      )}
      ${this.#progress.foreign
        ? html`<div part="notice" class="notice warning" role="alert">
            ${strings.otherTab}
            <button
              type="button"
              part="button"
              class="button"
              @click=${() => {
                this.#reopen = true
                void this.#loading.run()
              }}
            >
              ${strings.loadOtherTab}
            </button>
            <button type="button" part="button" class="button quiet" @click=${() => this.#progress.keepThisTab()}>
              ${strings.keepThisTab}
            </button>
          </div>`
        : nothing}
      <div class="layout">
        ${renderOutline({session, strings, onGoTo: (stepId) => this.#act((s) => s.goTo(stepId))})}
        ${finished
          ? renderComplete({
              session,
              strings,
              onContinue: (runbookId, stepId) => this.#continue(runbookId, stepId),
              onExport: () => this.#exportTimeline(),
              onRestart: () => this.restart()
            })
          : this.#renderStep(session, session.current, strings)}
      </div>
    </div>`
  }

  #renderStep(session: Session, step: Step, strings: Strings): TemplateResult {
    const choices = session.choices()
    const active = session.status === 'active'
    const stepParams = [...new Set(step.params)]
    const notes = session.events.filter((e) => e.type === 'note' && e.step === step.id) as Array<{text: string; at: number}>
    const checklistIds = new Map(step.checklist.map((item) => [item.text.trim(), item.id]))
    const rendered = renderMdast(step.content, {
      strings,
      remoteImages: this.remoteImages,
      fill: fillParams(step, {session, drafts: this._drafts, secrets: this.#secrets}),
      onAnchor: (anchor) => this.#anchor(anchor),
      runbookLink: (url) => this.#runbookLink(step, url),
      onRunbookLink: (target) => this.#followRunbookLink(target),
      onCopy: (text) => this.#copy(text),
      copied: this._copied,
      checklistId: (text) => checklistIds.get(text),
      isChecked: (id) => session.isChecked(id),
      onCheck: (id, checked) => this.#act((s) => (checked ? s.check(id) : s.uncheck(id)), false),
      // Only a list the parser read a decision from (choice-list edges and no way on beside them) becomes buttons;
      // other last lists, and choices offered beside going on, keep their text.
      hideChoiceList: step.edges.every((edge) => edge.kind != 'next') && step.edges.some((edge) => edge.rule == 'choice-list')
    })
    const numbered = step.number ? `${step.number}. ` : ''
    return html`<section part="step" class="step" aria-labelledby="step-title">
      <h3 part="step-title" id="step-title" class="step-title" tabindex="-1">${numbered}${step.title}</h3>
      ${stepParams.length > 0
        ? renderParams({
            session,
            names: stepParams,
            strings,
            drafts: this._drafts,
            secrets: this.#secrets,
            onDraft: (name, value) => (this._drafts = {...this._drafts, [name]: value}),
            onCommit: (name, value, secret) => {
              if (secret) this.#secrets[name] = value
              this.#act((s) => s.setParam(name, value === '' ? null : value), false)
            }
          })
        : nothing}
      <div part="content" class="content">${rendered}</div>
      ${choices.length > 1
        ? html`<div part="choices" class="choices" role="group" aria-labelledby="choices-title">
            <p id="choices-title" class="choices-title">${strings.choose}</p>
            ${choices.map(
              (choice) => html`<button
                type="button"
                part="choice button"
                class="button choice"
                ?disabled=${!active}
                @click=${() => this.#complete(choice.index)}
              >
                ${choice.label}<span class="arrow" aria-hidden="true">→</span>
              </button>`
            )}
          </div>`
        : nothing}
      ${renderNotes({notes, strings, onAdd: (text) => this.#act((s) => s.addNote(text), false)})}
      <div part="actions" class="actions">
        <button type="button" part="button" class="button quiet" ?disabled=${!session.canGoBack} @click=${() => this.#act((s) => s.back())}>
          ${arrowed(strings.back, '←')}
        </button>
        <span class="spacer"></span>
        <button type="button" part="button" class="button quiet" @click=${() => this.restart()}>${strings.restart}</button>
        <button
          type="button"
          part="button"
          class="button danger"
          aria-expanded=${this._escalating ? 'true' : 'false'}
          @click=${() => (this._escalating = !this._escalating)}
        >
          ${strings.escalate}
        </button>
        ${choices.length === 0
          ? html`<button type="button" part="button" class="button primary" ?disabled=${!active} @click=${() => this.#complete()}>
              ${strings.finish}
            </button>`
          : choices.length === 1
            ? html`<button type="button" part="button" class="button primary" ?disabled=${!active} @click=${() => this.#complete(0)}>
                ${arrowed(choices[0]!.kind === 'next' ? strings.next : choices[0]!.label, '→')}
              </button>`
            : nothing}
      </div>
      ${this._escalating
        ? renderEscalation({strings, onEscalate: (target, reason) => this.#escalate(target, reason), onCancel: () => (this._escalating = false)})
        : nothing}
    </section>`
  }
}
