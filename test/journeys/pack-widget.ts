/**
 * Pack `@runbook-kit/core` and `@runbook-kit/widget` with `npm pack` and
 * install the tarballs into a fresh temporary project, as a new user would
 * (from npm's cache: `--prefer-offline`). The packages are built first when
 * their `dist/` is missing.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
// @ts-expect-error: a plain ES module without types.
import {buildWidget} from '../../scripts/start.mjs'

const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** A project with both packages installed from their tarballs. */
export interface PackedProject {
  /** The project's folder (its `node_modules` holds the installed packages). */
  dir: string
  /** The tarballs, by package name. */
  tarballs: Record<string, string>
}

/** Pack both packages of the repository at `root` and install them into a new temporary project. */
export async function installPacked(root: string): Promise<PackedProject> {
  buildWidget()
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-kit-journey-'))
  const tarballs: Record<string, string> = {}
  for (const name of ['core', 'widget']) {
    const {stdout} = await run(npm, ['pack', '--json', '--pack-destination', dir], {cwd: path.join(root, 'packages', name)})
    const [packed] = JSON.parse(stdout) as Array<{name: string; filename: string}>
    tarballs[packed!.name] = path.join(dir, packed!.filename)
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({name: 'journey', private: true, type: 'module'}))
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', ...Object.values(tarballs)], {cwd: dir})
  return {dir, tarballs}
}
