import {commonStrings, type CommonStringKey, type Strings} from '../../internal/strings.js'

/** The texts `<runbook-kit>` shows itself (the search and the walkthrough inside it have their own). */
export type KitStrings = Pick<Strings, CommonStringKey | 'backToSearch'>

/** The English texts of `<runbook-kit>` (the page replaces them through `strings`). */
export const kitStrings: KitStrings = {
  ...commonStrings,
  backToSearch: 'All runbooks'
}
