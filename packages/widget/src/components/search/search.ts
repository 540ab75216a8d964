/**
 * Registers `<runbook-search>`. Importing this module twice, or alongside
 * another copy of the widget, is harmless (see `define`).
 */
import {define} from '../../internal/define.js'
import {RunbookSearch} from './search.component.js'

export {RunbookSearch}

define('runbook-search', RunbookSearch)

declare global {
  interface HTMLElementTagNameMap {
    'runbook-search': RunbookSearch
  }
}
