/**
 * Pack both packages with `npm pack` and install the tarballs into a fresh
 * temporary project, as a new user would: the journeys then use only what
 * the tarballs ship. Reusable by any journey (Node, TypeScript, CLI, browser).
 *
 * Installs from npm's cache (`--offline`), falling back to
 * `--prefer-offline` when something is not cached yet.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const exec = promisify(execFile)

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** What `npm pack --json` says about one tarball. */
export interface PackedTarball {
  name: string
  /** Absolute path of the `.tgz`. */
  file: string
  /** Bytes of the tarball. */
  size: number
  unpackedSize: number
  /** Paths inside the package (`dist/index.js`, …). */
  files: string[]
}

/** A temporary project with both packages installed from their tarballs. */
export interface InstalledProject {
  /** The project folder (has `package.json` and `node_modules/@runbook-kit/{core,widget}`). */
  dir: string
  /** The tarballs, by package name (`@runbook-kit/core`, `@runbook-kit/widget`). */
  tarballs: Record<string, PackedTarball>
  /** Run `file` with `args` in the project; never rejects: resolves to its exit code and output. */
  run(file: string, args: readonly string[], options?: {cwd?: string; env?: Record<string, string>}): Promise<{code: number; stdout: string; stderr: string}>
  /** Remove the project and the tarballs. */
  cleanup(): Promise<void>
}

/** Options of {@link packAndInstall}. */
export interface PackOptions {
  /** Extra `dependencies` of the project, as `package.json` writes them. (default: none) */
  dependencies?: Record<string, string> | null | undefined
}

/**
 * Pack `@runbook-kit/core` and `@runbook-kit/widget` (from their built
 * `dist/`: run `npm run build` first, as `npm test` does) and install both
 * tarballs into a new temporary project.
 */
export async function packAndInstall(options?: PackOptions | null): Promise<InstalledProject> {
  for (const built of ['packages/core/dist/index.js', 'packages/widget/dist/index.js']) {
    if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` (npm test does) before the journeys`)
  }
  const base = await mkdtemp(path.join(tmpdir(), 'runbook-kit-journey-'))
  const packs = path.join(base, 'tarballs')
  const dir = path.join(base, 'project')
  await mkdir(packs)
  await mkdir(dir)
  const {stdout} = await exec('npm', ['pack', '-w', 'packages/core', '-w', 'packages/widget', '--pack-destination', packs, '--json'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024
  })
  const tarballs: Record<string, PackedTarball> = {}
  for (const entry of JSON.parse(stdout) as Array<{name: string; filename: string; size: number; unpackedSize: number; files: Array<{path: string}>}>) {
    tarballs[entry.name] = {
      name: entry.name,
      file: path.join(packs, entry.filename),
      size: entry.size,
      unpackedSize: entry.unpackedSize,
      files: entry.files.map((f) => f.path)
    }
  }
  const manifest = {
    name: 'runbook-kit-journey',
    private: true,
    type: 'module',
    dependencies: {
      '@runbook-kit/core': `file:${tarballs['@runbook-kit/core']!.file}`,
      '@runbook-kit/widget': `file:${tarballs['@runbook-kit/widget']!.file}`,
      ...options?.dependencies
    }
  }
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
  // The widget's dependency on core (^0.1.0) is met by the core tarball installed beside it: nothing comes from the registry for them.
  await writeFile(path.join(dir, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n')
  const install = (mode: string) =>
    exec('npm', ['install', mode, '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'], {cwd: dir, maxBuffer: 16 * 1024 * 1024})
  try {
    await install('--offline')
  } catch {
    await install('--prefer-offline')
  }
  return {
    dir,
    tarballs,
    run: (file, args, runOptions) => runIn(runOptions?.cwd ?? dir, file, args, runOptions?.env),
    cleanup: () => rm(base, {recursive: true, force: true})
  }
}

async function runIn(cwd: string, file: string, args: readonly string[], env?: Record<string, string>) {
  try {
    const {stdout, stderr} = await exec(file, [...args], {cwd, env: {...process.env, ...env}, maxBuffer: 16 * 1024 * 1024})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code?: number | string; stdout?: string; stderr?: string}
    if (typeof failed.code !== 'number') throw error
    return {code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''}
  }
}
