// Rollup plugins that keep a package's dist/ to what the tarball should ship:
// no chunk of an earlier build, no declaration (.d.ts) that no entry's types reach.
import {existsSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'

/** Every `.d.ts` below `dir`. */
function declarations(dir) {
  const found = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) found.push(...declarations(full))
    else if (name.endsWith('.d.ts')) found.push(full)
  }
  return found
}

/** The `.d.ts` files `file` imports or re-exports (relative specifiers, `import('…')` types included). */
function references(file) {
  const text = readFileSync(file, 'utf8')
  const found = []
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = path.resolve(path.dirname(file), match[1].replace(/\.js$/, '.d.ts'))
    const candidates = [target, target.endsWith('.d.ts') ? target : `${target}.d.ts`, path.join(target, 'index.d.ts')]
    const hit = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
    if (hit) found.push(hit)
  }
  return found
}

/**
 * @param {string} dist the package's dist folder
 * @param {string[]} entries the entry declarations, relative to `dist`
 */
export function pruneDeclarations(folder, entries) {
  const dist = path.resolve(folder)
  return {
    name: 'runbook-kit-prune-declarations',
    // After every plugin has written its files (the declarations too).
    closeBundle() {
      if (!existsSync(path.resolve(dist, entries[0]))) return
      const reached = new Set()
      const queue = entries.map((entry) => path.resolve(dist, entry))
      while (queue.length > 0) {
        const file = queue.pop()
        if (reached.has(file) || !existsSync(file)) continue
        reached.add(file)
        queue.push(...references(file))
      }
      for (const file of declarations(dist)) if (!reached.has(file)) rmSync(file)
      // Folders left empty go too.
      const prune = (dir) => {
        for (const name of readdirSync(dir)) {
          const full = path.join(dir, name)
          if (statSync(full).isDirectory()) prune(full)
        }
        if (readdirSync(dir).length === 0) rmSync(dir, {recursive: true})
      }
      prune(dist)
    }
  }
}

/**
 * After a build, delete the chunks in `<dist>/chunks` this build did not write
 * (their names carry a content hash, so earlier builds leave others behind).
 * @param {string} folder the output folder of the build
 */
export function pruneStaleChunks(folder) {
  const chunks = path.join(path.resolve(folder), 'chunks')
  return {
    name: 'runbook-kit-prune-stale-chunks',
    writeBundle(_options, bundle) {
      if (!existsSync(chunks)) return
      for (const name of readdirSync(chunks)) if (!(`chunks/${name}` in bundle)) rmSync(path.join(chunks, name))
    }
  }
}
