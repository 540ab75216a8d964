/**
 * The one place lunr is imported.
 *
 * lunr 2.3.9 is a CommonJS (UMD) module: Node's ESM loader and bundlers
 * with `@rollup/plugin-commonjs` give its `module.exports` as the default
 * export. Importing it from one module keeps that interop in one place.
 *
 * @module
 */
import lunr from 'lunr'

export default lunr
export type {lunr}
