/**
 * The one-script build's loader for `<runbook-walkthrough>`, after
 * Shoelace's autoloader: the walkthrough's code is not in the first script;
 * it is imported as soon as a `<runbook-walkthrough>` is in the document (at
 * load, or added later), so a page that uses the element directly needs
 * only the one script tag, and `customElements.whenDefined` resolves.
 * (`<runbook-kit>` loads it itself when a runbook is opened: its walkthrough
 * lives in its shadow root, which the document's observer does not see.)
 */
import {loadWalkthrough} from './internal/load-walkthrough.js'

const tag = 'runbook-walkthrough'

/** Whether `node` is or holds a `<runbook-walkthrough>`. */
function holds(node: Node): boolean {
  return node instanceof Element && (node.localName === tag || node.querySelector(tag) !== null)
}

/** Watch `root` until a `<runbook-walkthrough>` appears in it, then load the walkthrough. */
export function autoloadWalkthrough(root: Document = document): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return
  const load = () => {
    observer.disconnect()
    loadWalkthrough().catch((error: unknown) => console.warn(`runbook-kit: <${tag}> could not be loaded (${error instanceof Error ? error.message : String(error)}) [RK-CHUNK-LOAD]`))
  }
  const observer = new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some(holds))) load()
  })
  observer.observe(root, {childList: true, subtree: true})
  if (root.querySelector(tag)) load()
}
