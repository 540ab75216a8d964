import {commonStrings, type CommonStringKey, type Strings} from '../../internal/strings.js'

/** The texts `<runbook-search>` shows. */
export type SearchStrings = Pick<
  Strings,
  | CommonStringKey
  | 'searchLabel'
  | 'searchPlaceholder'
  | 'searchShortcutHint'
  | 'categoryLabel'
  | 'allCategories'
  | 'noResults'
  | 'noResultsHint'
  | 'resultCount'
  | 'browseAll'
>

/** The English texts of `<runbook-search>` (the page replaces them through `strings`). */
export const searchStrings: SearchStrings = {
  ...commonStrings,
  searchLabel: 'Search runbooks',
  searchPlaceholder: 'Search runbooks: “vpn disconnects”, “restore postgres”…',
  searchShortcutHint: 'Press {key} to search',
  categoryLabel: 'Category',
  allCategories: 'All categories',
  noResults: 'No runbook matches “{query}”.',
  noResultsHint: 'Try fewer words, an error code, a product name, or another category.',
  resultCount: '{count} results',
  browseAll: 'List all {count} runbooks'
}
