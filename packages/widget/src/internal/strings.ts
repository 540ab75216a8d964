/**
 * Every piece of text the widget shows, replaceable through the `strings`
 * property of each component (for translation or house style).
 *
 * Values are plain strings; `{name}` placeholders are filled in by the widget
 * (`Step {current} of {total}`), so a translation can reorder them.
 */
export interface Strings {
  /** Label of the search field. */
  searchLabel: string
  /** Placeholder of the search field. */
  searchPlaceholder: string
  /** Hint shown beside the field when a keyboard shortcut is enabled: `{key}` is `/` or `Ctrl K`. */
  searchShortcutHint: string
  /** Label of the category filter. */
  categoryLabel: string
  /** The "every category" option. */
  allCategories: string
  /** Shown when a query finds nothing: `{query}` is what was typed. */
  noResults: string
  /** Advice under `noResults`. */
  noResultsHint: string
  /** Screen-reader count of results: `{count}`. */
  resultCount: string
  /** Shown while the bundle loads. */
  loading: string
  /** Shown when the bundle cannot be fetched or read: `{reason}`. */
  loadError: string
  /** The button under `loadError` that loads the bundle again. */
  retry: string
  /** With `browse`, the button that lists a large collection: `{count}` runbooks. */
  browseAll: string
  /** Shown when no runbook has the requested id: `{id}`. */
  notFound: string
  /** Names of the categories, by id. */
  categoryTroubleshooting: string
  categoryOnboarding: string
  categoryBackupRestore: string
  categoryIncidentResponse: string
  categoryOther: string
  /** Audience badge: `{audience}`. */
  audienceBadge: string
  /** Progress: `{current}`, `{total}`, `{percent}`. */
  progress: string
  /** Heading of the outline of steps. */
  outline: string
  /** Elapsed time label: `{time}`. */
  elapsed: string
  /** Label of the parameters form. */
  parameters: string
  /** Shown inside a command for a parameter with no value: `{name}`. */
  missingParam: string
  /** Label of the copy button. */
  copy: string
  /** Copy button after a successful copy. */
  copied: string
  /** Heading of the checklist. */
  checklist: string
  /** Label of the notes field. */
  notes: string
  /** Placeholder of the notes field. */
  notesPlaceholder: string
  /** The button that saves a note. */
  addNote: string
  /** Heading of the choices of a decision step. */
  choose: string
  /** Button that completes a task step. */
  next: string
  /** Button that goes back one step. */
  back: string
  /** Button that starts the runbook over. */
  restart: string
  /** Button that finishes the runbook on an end step. */
  finish: string
  /** Button that opens the escalation form. */
  escalate: string
  /** Label of the escalation target field. */
  escalateTarget: string
  /** Label of the escalation reason field. */
  escalateReason: string
  /** Submit button of the escalation form. */
  escalateSubmit: string
  /** Cancel button of the escalation form. */
  cancel: string
  /** Shown after an escalation: `{target}`. */
  escalated: string
  /** Shown when the runbook is finished. */
  completed: string
  /** Summary after finishing: `{time}` and `{steps}`. */
  completedSummary: string
  /** Button that downloads the timeline. */
  exportTimeline: string
  /** Shown when the runbook handed over to another one: `{label}` is the choice taken. */
  handedOver: string
  /** Button that opens the runbook handed over to: `{title}`. */
  continueWith: string
  /** Button of `<runbook-kit>` that returns to search. */
  backToSearch: string
  /** Shown when saved progress was restored: `{step}`. */
  resumed: string
  /** Shown when progress cannot be saved or read (private mode, full or blocked storage). */
  storageUnavailable: string
  /** Shown when saved progress belonged to an older version of the runbook. */
  runbookChanged: string
  /** Shown when another tab saved progress on this runbook; this tab stops saving until one of the two buttons below is chosen. */
  otherTab: string
  /** Loads the other tab's progress. */
  loadOtherTab: string
  /** Saves this tab's progress over the other tab's. */
  keepThisTab: string
  /** Title of a link to a runbook that is not in the library (shown as text): `{href}` is the link. */
  missingRunbook: string
  /** Label of the "skip to a step" button in the outline: `{title}`. */
  goToStep: string
  /** Text in front of a raw HTML fragment that is shown as text. */
  rawHtml: string
  /** Label of the "destructive command" marker. */
  destructive: string
  /** Titles of callouts, by kind. */
  calloutNote: string
  calloutTip: string
  calloutImportant: string
  calloutWarning: string
  calloutCaution: string
}

/** The keys of the texts that more than one component shows. */
export type CommonStringKey =
  | 'loading'
  | 'loadError'
  | 'retry'
  | 'categoryTroubleshooting'
  | 'categoryOnboarding'
  | 'categoryBackupRestore'
  | 'categoryIncidentResponse'
  | 'categoryOther'
  | 'audienceBadge'

/** The English texts that more than one component shows (loading, errors, category names, badges). */
export const commonStrings: Pick<Strings, CommonStringKey> = {
  loading: 'Loading runbooks…',
  loadError: 'The runbooks could not be loaded ({reason}).',
  retry: 'Try again',
  categoryTroubleshooting: 'Troubleshooting',
  categoryOnboarding: 'Onboarding',
  categoryBackupRestore: 'Backup & restore',
  categoryIncidentResponse: 'Incident response',
  categoryOther: 'Other',
  audienceBadge: '{audience}'
}

/** Fill `{name}` placeholders of `template` from `values`. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole
  )
}

/**
 * A component's texts: its English `defaults`, with the page's strings for
 * the same keys over them (anything that is not a string is ignored).
 */
export function mergeStrings<T extends Partial<Strings>>(defaults: T, custom: Partial<Strings> | null | undefined): T {
  if (!custom || typeof custom !== 'object') return defaults
  const merged: T = {...defaults}
  for (const key of Object.keys(defaults) as Array<keyof T & keyof Strings>) {
    const value = (custom as Record<string, unknown>)[key]
    if (typeof value === 'string') (merged as Record<string, string>)[key] = value
  }
  return merged
}

/** `Name` for `name`, `BackupRestore` for `backup-restore`: how `Strings` keys end. */
export const keyPart = (name: string) => name.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())

/** The categories with a name in `Strings`; any other is `categoryOther`. */
const namedCategories = ['troubleshooting', 'onboarding', 'backup-restore', 'incident-response']

/** The display name of a category. */
export function categoryName(strings: Pick<Strings, CommonStringKey>, category: string): string {
  return strings[`category${namedCategories.includes(category) ? keyPart(category) : 'Other'}` as CommonStringKey]
}

/** The `loadError` text for `error` (an `Error`'s message, or the value as text). */
export function loadError(strings: Pick<Strings, 'loadError'>, error: unknown): string {
  return format(strings.loadError, {reason: error instanceof Error ? error.message : String(error)})
}
