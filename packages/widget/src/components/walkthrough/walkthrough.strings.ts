/**
 * The texts only `<runbook-walkthrough>` shows, in its own module so that
 * they load with the walkthrough's code (in the one-script build, its chunk),
 * not with the first script.
 *
 * @module
 */
import type {Strings} from '../../internal/strings.js'

/** The keys of the texts only the walkthrough shows. */
export type WalkthroughStringKey =
  | 'notFound'
  | 'progress'
  | 'outline'
  | 'elapsed'
  | 'parameters'
  | 'missingParam'
  | 'copy'
  | 'copied'
  | 'checklist'
  | 'notes'
  | 'notesPlaceholder'
  | 'addNote'
  | 'choose'
  | 'next'
  | 'back'
  | 'restart'
  | 'finish'
  | 'escalate'
  | 'escalateTarget'
  | 'escalateReason'
  | 'escalateSubmit'
  | 'cancel'
  | 'escalated'
  | 'completed'
  | 'completedSummary'
  | 'exportTimeline'
  | 'handedOver'
  | 'continueWith'
  | 'resumed'
  | 'storageUnavailable'
  | 'runbookChanged'
  | 'otherTab'
  | 'loadOtherTab'
  | 'keepThisTab'
  | 'goToStep'
  | 'missingRunbook'
  | 'rawHtml'
  | 'destructive'
  | 'calloutNote'
  | 'calloutTip'
  | 'calloutImportant'
  | 'calloutWarning'
  | 'calloutCaution'

/** The English texts only `<runbook-walkthrough>` shows (the page replaces them through `strings`). */
export const walkthroughStrings: Pick<Strings, WalkthroughStringKey> = {
  notFound: 'No runbook “{id}” in this library.',
  progress: 'Step {current} of {total}',
  outline: 'Steps',
  elapsed: 'Elapsed {time}',
  parameters: 'Parameters',
  missingParam: '‹{name}›',
  copy: 'Copy',
  copied: 'Copied',
  checklist: 'Checklist',
  notes: 'Notes for this step',
  notesPlaceholder: 'What did you see or do? Notes go into the timeline.',
  addNote: 'Add note',
  choose: 'What do you see?',
  next: 'Done, next step',
  back: 'Back',
  restart: 'Restart',
  finish: 'Finish',
  escalate: 'Escalate',
  escalateTarget: 'Escalate to (person, team or runbook)',
  escalateReason: 'Reason',
  escalateSubmit: 'Escalate now',
  cancel: 'Cancel',
  escalated: 'Escalated to {target}.',
  completed: 'Runbook complete',
  completedSummary: '{steps} steps in {time}.',
  exportTimeline: 'Export timeline',
  handedOver: 'Handed over: {label}.',
  continueWith: 'Continue with “{title}”',
  resumed: 'Resumed where you left off: {step}.',
  storageUnavailable: 'Progress cannot be saved in this browser (storage is unavailable); it will be lost on reload.',
  runbookChanged: 'This runbook changed since your last visit; progress on steps that still exist was kept.',
  otherTab: 'This runbook was updated in another tab.',
  loadOtherTab: 'Load that progress',
  keepThisTab: 'Keep this tab’s progress',
  goToStep: 'Go to step: {title}',
  missingRunbook: 'Not in this library: {href}',
  rawHtml: 'HTML',
  destructive: 'Destructive',
  calloutNote: 'Note',
  calloutTip: 'Tip',
  calloutImportant: 'Important',
  calloutWarning: 'Warning',
  calloutCaution: 'Caution'
}
