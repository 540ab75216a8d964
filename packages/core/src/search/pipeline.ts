/**
 * Stop words and stemming for IT text: the one normalization of terms, run
 * by lunr's builder on documents (`./build.js`) and by the query side on
 * what is typed, so both always meet.
 *
 * lunr's defaults drop words that matter here (`it`, `on`, `off`, `not`,
 * `no`, `up`, `down`) and stem names out of shape (DNS → `dn`, Windows →
 * `window`, iOS → `io`, AWS → `aw`, printing → `print` but printer →
 * `printer`). Stems come from the `stemmer` package (Martin Porter's
 * algorithm, as lunr's stemmer; an ES module of 4 KB that the browser
 * loads without lunr).
 *
 * The decision to stem looks at the lower-cased term only, so a document's
 * `DNS` and a query's `dns` always become the same term.
 *
 * @module
 */
import {stemmer as porter} from 'stemmer'

/** Words too common to search for. Short, on purpose: IT words stay. */
const stopWords = new Set(
  (
    'a an and are as at be been being but by did do does for from had has have he her his how i if in into is its ' +
    'me my of or our she so such than that the their them then there these they this those to was we were what ' +
    'when where which who whom why will with would you your'
  ).split(' ')
)

/** Names and acronyms the Porter stemmer would mangle; kept as written. */
const protectedTerms = new Set(
  (
    'windows macos ios ipados android linux ubuntu debian centos rhel kubernetes docker jenkins redis postgres ' +
    'postgresql mysql mongodb elasticsearch aws azure gcp dns dhcp vpn http https ssh tls ssl ldap saml oauth ' +
    'okta slack outlook exchange onedrive sharepoint vmware velero openshift gitlab github nginx apache iis ' +
    'status alias ipsec wifi bitlocker powershell intune'
  ).split(' ')
)

/** Stems that should meet: the Porter stemmer keeps `printer` but makes `printing` → `print`. */
export const stemOverrides: Record<string, string> = {
  printer: 'print',
  scanner: 'scan',
  router: 'rout',
  logger: 'log',
  installer: 'instal',
  mounter: 'mount'
}

/**
 * Whether `term` (lower case) is a stop word.
 *
 * @param term
 *   Lower-cased term.
 * @returns
 *   `true` for words such as `the` and `of`; `false` for `it`, `on`, `not` ….
 */
export function isStopWord(term: string): boolean {
  return stopWords.has(term)
}

const stemCache = new Map<string, string>()

/**
 * Stem one lower-cased term, leaving alone what stemming would mangle:
 * terms with digits or punctuation (`ipv6`, `0x80070005`, `192.168.1.1`),
 * words of three letters or fewer (`dns`, `aws`, `ios`) and known names
 * (`windows`, `macos`).
 *
 * @param term
 *   Lower-cased term.
 * @returns
 *   Its stem.
 */
export function stem(term: string): string {
  let stemmed = stemCache.get(term)
  if (stemmed !== undefined) return stemmed
  if (term.length <= 3 || !/^[a-z]+$/.test(term) || protectedTerms.has(term)) {
    stemmed = term
  } else {
    stemmed = porter(term)
    stemmed = Object.hasOwn(stemOverrides, stemmed) ? stemOverrides[stemmed]! : stemmed
  }
  if (stemCache.size >= maxCached) stemCache.clear()
  stemCache.set(term, stemmed)
  return stemmed
}

/**
 * The term a token is indexed and searched under, or `undefined` for a stop
 * word.
 *
 * @param term
 *   Lower-cased token, as {@link tokenize} gives it.
 * @returns
 *   The stemmed term, or `undefined`.
 */
export function normalizeTerm(term: string): string | undefined {
  let normalized = normalizeCache.get(term)
  if (normalized === undefined) {
    normalized = isStopWord(term) ? '' : stem(term)
    if (normalizeCache.size >= maxCached) normalizeCache.clear()
    normalizeCache.set(term, normalized)
  }
  return normalized === '' ? undefined : normalized
}

/** Terms remembered by {@link normalizeTerm} and {@link stem}; a real vocabulary fits. */
const maxCached = 200_000
const normalizeCache = new Map<string, string>()
