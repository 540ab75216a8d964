/**
 * Registers `<runbook-kit>` and `<runbook-search>`; `<runbook-walkthrough>`
 * is imported when a runbook is first opened (see `load-walkthrough.ts`).
 * Importing this module twice, or alongside another copy of the widget, is
 * harmless (see `define`).
 */
import {define} from '../../internal/define.js'
import '../search/search.js'
import {RunbookKit} from './runbook-kit.component.js'

export {RunbookKit}

define('runbook-kit', RunbookKit)

declare global {
  interface HTMLElementTagNameMap {
    'runbook-kit': RunbookKit
  }
}
