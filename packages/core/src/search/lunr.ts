/**
 * The one place lunr is imported.
 *
 * lunr 2.3.9 is a CommonJS (UMD) module. Node's ESM loader gives its
 * `module.exports` as the default export (the core's rollup build keeps
 * `lunr` external); a browser bundle must wrap it as an ES module with a
 * default export (the widget's rollup config does, see
 * packages/widget/rollup.widget.mjs). The browser path (`loadBundle`,
 * `loadIndex`, `search`) runs only `new lunr.Index`, `Vector`, `TokenSet`,
 * `Pipeline` (registered, never run), `Token` and `stemmer`: never the
 * builder, `idx.query()`, `idx.search()` or lunr's tokenizer and stop words,
 * so the widget bundles only those parts. Browser code that uses more of
 * lunr must take the part out of the widget's `lunrUnused` list
 * (test/widget/lunr-trim.test.ts compares searches with the whole of lunr).
 *
 * @module
 */
import lunr from 'lunr'

export default lunr
export type {lunr}
