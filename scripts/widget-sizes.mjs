// Where the widget's script bytes come from (issue 14's size budget): builds the module script
// (runbook-kit.js and its chunks) with rollup.widget.mjs minus terser, then minifies each module's
// rendered code on its own (terser, names mangled inside the module) and gzips it (level 9).
// A module's figure alone is larger than its share of the real file (gzip finds less to reuse in
// one module; in the real builds the sum is about 0.75 of this), so read it to compare modules.
//   node scripts/widget-sizes.mjs            every module, largest gzip first, then per area
// Run from the repository root after `npm run build` (the script build reads core from source).
import {gzipSync} from 'node:zlib'
import {rollup} from 'rollup'
import {minify} from 'terser'

const configs = (await import(new URL('../packages/widget/rollup.widget.mjs', import.meta.url).href)).default
const config = configs.find((c) => c.input?.['runbook-kit'])
const plugins = config.plugins.filter((p) => p.name !== 'terser' && !p.name.includes('prune'))
const bundle = await rollup({...config, plugins, onwarn() {}})
const {output} = await bundle.generate({dir: 'packages/widget/dist', format: 'esm', chunkFileNames: 'runbook-kit.[name].js'})
const rows = []
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue
  for (const [id, module] of Object.entries(chunk.modules)) {
    if (!module.code) continue
    const {code = ''} = await minify(module.code, {ecma: 2020, compress: {passes: 2, pure_getters: true}, mangle: true})
    const name = id.replace(/^.*?\/(packages|node_modules)\//, '$1/')
    rows.push({chunk: chunk.fileName, name, rendered: module.renderedLength, minified: code.length, gzip: gzipSync(code, {level: 9}).length})
  }
}
rows.sort((a, b) => b.gzip - a.gzip)
const pad = (value, width) => String(value).padStart(width)
console.log('gzip  minified  rendered  chunk / module')
for (const row of rows) console.log(`${pad(row.gzip, 5)} ${pad(row.minified, 9)} ${pad(row.rendered, 9)}  ${row.chunk} ${row.name}`)
const areas = new Map()
for (const row of rows) {
  const area = row.name.startsWith('node_modules/') ? row.name.split('/').slice(1, row.name.includes('/@') ? 3 : 2).join('/') : row.name.replace(/\/[^/]+$/, '')
  areas.set(area, (areas.get(area) ?? 0) + row.gzip)
}
console.log('\ngzip  area (modules alone)')
for (const [area, gzip] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`${pad(gzip, 5)}  ${area}`)
console.log(`${pad(rows.reduce((sum, row) => sum + row.gzip, 0), 5)}  all`)
