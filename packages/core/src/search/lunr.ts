/**
 * The one place lunr is imported: only the index builder (`./build.js`)
 * uses it. The query side (loading, ranking, snippets, split indexes) never
 * imports lunr, so browser builds carry none of it.
 *
 * lunr 2.3.9 is a CommonJS (UMD) module; Node's ESM loader gives its
 * `module.exports` as the default export (the core's rollup build keeps
 * `lunr` external).
 *
 * @module
 */
import lunr from 'lunr'

export default lunr
export type {lunr}
