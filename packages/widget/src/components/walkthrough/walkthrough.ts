/**
 * Registers `<runbook-walkthrough>`. Importing this module twice, or
 * alongside another copy of the widget, is harmless (see `define`).
 */
import {define} from '../../internal/define.js'
import {RunbookWalkthrough} from './walkthrough.component.js'

export {RunbookWalkthrough}

define('runbook-walkthrough', RunbookWalkthrough)

declare global {
  interface HTMLElementTagNameMap {
    'runbook-walkthrough': RunbookWalkthrough
  }
}
