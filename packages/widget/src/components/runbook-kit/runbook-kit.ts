/**
 * Registers `<runbook-kit>` (and the two components it is made of).
 * Importing this module twice, or alongside another copy of the widget, is
 * harmless (see `define`).
 */
import {define} from '../../internal/define.js'
import '../search/search.js'
import '../walkthrough/walkthrough.js'
import {RunbookKit} from './runbook-kit.component.js'

export {RunbookKit}

define('runbook-kit', RunbookKit)

declare global {
  interface HTMLElementTagNameMap {
    'runbook-kit': RunbookKit
  }
}
