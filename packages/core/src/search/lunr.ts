/**
 * The one place lunr is imported.
 *
 * lunr 2.3.9 is a CommonJS (UMD) module. Node's ESM loader gives its
 * `module.exports` as the default export (the core's rollup build keeps
 * `lunr` external); a browser bundle must wrap it as an ES module with a
 * default export (the widget's rollup config does, see
 * packages/widget/rollup.widget.mjs). Search never uses lunr's query
 * parser (`idx.search`) nor its stop-word list, so a bundle may drop both.
 *
 * @module
 */
import lunr from 'lunr'

export default lunr
export type {lunr}
