// Where the widget's script bytes come from (issue 14's size budget): builds the module script
// (runbook-kit.js and its chunks) with rollup.widget.mjs minus terser, then minifies each module's
// rendered code on its own (terser, names mangled inside the module) and gzips it (level 9).
// A module's gzip alone is larger than its share of the real file (gzip finds less to reuse in one
// module), so the tool also gives each module's share in context: the modules minified alone are
// joined in the order the builds place them (the first script, then its chunks: the classic build's
// order) and each is charged what it adds to the gzip of everything before it. Those shares add up
// to about the size of the classic build.
//   node scripts/widget-sizes.mjs            every module, largest share first, then per area
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
    rows.push({chunk: chunk.fileName, name, code, rendered: module.renderedLength, minified: code.length, gzip: gzipSync(code, {level: 9}).length})
  }
}
// Each module's share in context: what it adds to the gzip of the modules before it.
let joined = ''
let before = 0
for (const row of rows) {
  joined += row.code + '\n'
  const after = gzipSync(joined, {level: 9}).length
  row.share = after - before
  before = after
}
rows.sort((a, b) => b.share - a.share)
const pad = (value, width) => String(value).padStart(width)
console.log('share  gzip alone  minified  rendered  chunk / module')
for (const row of rows) console.log(`${pad(row.share, 5)} ${pad(row.gzip, 11)} ${pad(row.minified, 9)} ${pad(row.rendered, 9)}  ${row.chunk} ${row.name}`)
const areas = new Map()
for (const row of rows) {
  const area = row.name.startsWith('node_modules/') ? row.name.split('/').slice(1, row.name.includes('/@') ? 3 : 2).join('/') : row.name.replace(/\/[^/]+$/, '')
  areas.set(area, (areas.get(area) ?? 0) + row.share)
}
console.log('\nshare  area')
for (const [area, share] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`${pad(share, 5)}  ${area}`)
console.log(`${pad(before, 5)}  all (gzip of every module joined)`)
