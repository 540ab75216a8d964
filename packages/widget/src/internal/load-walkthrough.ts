/**
 * `<runbook-walkthrough>` on demand. In the one-script build
 * (`runbook-kit.js`) the walkthrough, the session engine, the timeline
 * export and the Markdown renderer are a chunk beside the script, fetched
 * the first time a runbook is opened; elsewhere the import is already there.
 */
import type {RunbookWalkthrough} from '../components/walkthrough/walkthrough.component.js'

let loading: Promise<typeof RunbookWalkthrough> | undefined

/** Register `<runbook-walkthrough>` (loading its code once); resolves to its class. A failed load is tried again on the next call. */
export function loadWalkthrough(): Promise<typeof RunbookWalkthrough> {
  loading ??= import('../components/walkthrough/walkthrough.js').then(
    (module) => module.RunbookWalkthrough,
    (error: unknown) => {
      loading = undefined
      throw error
    }
  )
  return loading
}
