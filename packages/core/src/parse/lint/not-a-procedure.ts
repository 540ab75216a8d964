/**
 * `not-a-procedure` (info): a page of three or more steps reads as reference, not as something
 * to follow step by step: no step has a command, a numbered list, a
 * checklist or a branch, and fewer than half of the step titles say what to
 * do ("Check …", "Restart …"). A glossary, a policy, a link list or a
 * postmortem still gets steps (its sections, to skim), and the widget may
 * still show it; the diagnostic tells the author why the walkthrough feels
 * thin.
 *
 * @module
 */
import type {Step} from '../../types.js'
import {firstAction} from './procedure-outside-steps.js'

const actionVerb =
  /^(?:check|run|re-?start|verify|create|delete|ensure|open|install|configure|set|add|remove|update|confirm|stop|start|collect|notify|contact|escalate|review|identify|assess|isolate|restore|back ?up|apply|edit|make|get|find|look|log ?in|login|connect|disable|enable|rotate|revoke|grant|reset|reboot|scale|drain|cordon|copy|move|upload|download|export|import|determine|investigate|remediate|recover|communicate|contain|eradicate|prepare|document|record|search|monitor|analy[sz]e|test|validate|deploy|roll ?back|revert|follow|wait|ask|tell|inform|use|select|choose|click|navigate|replace|fix|resolve|mitigate|declare|assign|page|close|send|submit|request|provision|perform|execute|trigger|pause|resume|kill|clean|clear|flush|purge|increase|decrease|expand|resize|patch|upgrade|downgrade|migrate|fail ?over|switch|promote|demote|take|mount|unmount|attach|detach|lock|unlock|block|unblock|quarantine|triage|diagnose|name|assemble|conduct|split|share|launch|lessons)\b/i

/** Whether a step has something to do in it: a command, a numbered list, a checklist or a branch. */
function hasActions(step: Step): boolean {
  if (step.commands.length > 0 || step.checklist.length > 0) return true
  return step.edges.some((edge) => edge.kind !== 'next') || firstAction(step.content.children) !== undefined
}

/** Whether the steps read as reference rather than a procedure. */
export function readsAsReference(steps: readonly Step[]): boolean {
  if (steps.length < 3 || steps.some(hasActions)) return false
  const imperative = steps.filter((step) => actionVerb.test(step.title.replace(/^[^\p{L}]+/u, ''))).length
  return imperative * 2 < steps.length
}
