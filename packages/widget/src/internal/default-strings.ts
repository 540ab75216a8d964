/**
 * Every default text of the widget in one object, from the modules of the
 * components that show them: the public `defaultStrings`.
 *
 * @module
 */
import {kitStrings} from '../components/runbook-kit/runbook-kit.strings.js'
import {searchStrings} from '../components/search/search.strings.js'
import {walkthroughStrings} from '../components/walkthrough/walkthrough.strings.js'
import type {Strings} from './strings.js'

/** The English strings every component starts with: each key of `Strings`. */
export const defaultStrings: Strings = {...searchStrings, ...kitStrings, ...walkthroughStrings}
