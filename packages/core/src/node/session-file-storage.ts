/**
 * Saved sessions as JSON files in a folder (Node only).
 *
 * One file per key: `<dir>/<namespace>.v1.<key>.json` (namespace default
 * `runbook-kit-session`; the key URI-encoded). Writes go to a temporary
 * file first and are renamed into place, so a crash mid-write never leaves
 * a half-written state behind.
 *
 * @module
 */
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {SessionStore} from '../session/storage.js'
import {storageKeyVersion} from '../session/storage.js'
import type {SavedSession} from '../session/types.js'

/** Options of `createFileStore`. Every field is optional. */
export interface FileStoreOptions {
  /** The folder (default: `.runbook-sessions` in the current working directory); created on first save. */
  dir?: string | null | undefined
  /** Prefix of every file name (default: `runbook-kit-session`). */
  namespace?: string | null | undefined
}

/** Write `value` as indented JSON to `file` through a temporary file and a rename. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`
  await writeFile(temp, JSON.stringify(value, null, 2) + '\n', 'utf8')
  await rename(temp, file)
}

/** Saved sessions in a folder of JSON files. */
export function createFileStore(options?: FileStoreOptions | null): SessionStore {
  const dir = path.resolve(options?.dir ?? '.runbook-sessions')
  const namespace = (options?.namespace ?? 'runbook-kit-session').replace(/[^\w.-]/g, '-')
  const prefix = `${namespace}.${storageKeyVersion}.`
  const fileOf = (key: string) => {
    if (typeof key !== 'string' || key === '') throw new TypeError(`runbook-kit: a storage key must be a non-empty string, got ${JSON.stringify(key)}`)
    return path.join(dir, `${prefix}${encodeURIComponent(key)}.json`)
  }
  return {
    persistent: true,
    async load(key) {
      let text: string
      try {
        text = await readFile(fileOf(key), 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
      try {
        const value: unknown = JSON.parse(text)
        return typeof value === 'object' && value !== null ? (value as SavedSession) : undefined
      } catch {
        return undefined
      }
    },
    async save(key, state) {
      try {
        await writeJsonAtomic(fileOf(key), state)
      } catch (error) {
        throw new Error(`runbook-kit: could not save session "${key}": ${(error as Error).message}`)
      }
    },
    async remove(key) {
      await rm(fileOf(key), {force: true})
    },
    async keys() {
      let names: string[]
      try {
        names = await readdir(dir)
      } catch {
        return []
      }
      return names
        .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
        .map((name) => decodeURIComponent(name.slice(prefix.length, -'.json'.length)))
        .sort()
    }
  }
}
