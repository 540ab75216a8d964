/**
 * Where saved sessions live: an interface and two adapters that work in any
 * JavaScript runtime (memory, and `localStorage` when the runtime has it).
 * The Node entry adds a file adapter.
 *
 * Keys are namespaced and versioned: `<namespace>:v1:<key>` (default
 * namespace `runbook-kit:session`), so a later format can live beside this
 * one and another library's keys are never touched.
 *
 * @module
 */
import type {SavedSession} from './types.js'

/** A place to keep saved sessions. Every method is async so adapters can be remote. */
export interface SessionStore {
  /** The saved state under `key`, or undefined when there is none or it cannot be read. */
  load(key: string): Promise<SavedSession | undefined>
  /** Save `state` under `key`. Rejects with an `Error` when the store refuses (quota, permissions). */
  save(key: string, state: SavedSession): Promise<void>
  /** Forget `key`. */
  remove(key: string): Promise<void>
  /** Every key this adapter holds (without the namespace), sorted. */
  keys(): Promise<string[]>
  /** Whether saved states outlive the page or process (`false` for memory, or `localStorage` that is not available). */
  readonly persistent: boolean
}

/** The part of the Web Storage API the `localStorage` adapter needs. */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  key(index: number): string | null
  readonly length: number
}

/** Options of the storage adapters. Every field is optional. */
export interface StoreOptions {
  /** Prefix of every key (default: `runbook-kit:session`). */
  namespace?: string | null | undefined
}

/** Options of `createLocalStorageStore`. */
export interface LocalStorageStoreOptions extends StoreOptions {
  /** The store to use (default: `globalThis.localStorage` when it is there and usable, else memory). */
  storage?: StorageLike | null | undefined
}

/** The version part of every key; bump it with the saved-state format. */
export const storageKeyVersion = 'v1'
const defaultNamespace = 'runbook-kit:session'

/** The full key an adapter uses for `key`. */
export function storageKey(key: string, options?: StoreOptions | null): string {
  if (typeof key !== 'string' || key === '') throw new TypeError(`runbook-kit: a storage key must be a non-empty string, got ${JSON.stringify(key)}`)
  return `${options?.namespace ?? defaultNamespace}:${storageKeyVersion}:${key}`
}

/** A `StorageLike` kept in a `Map`. */
function mapStorage(): StorageLike {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size
    }
  }
}

function adapter(store: StorageLike, persistent: boolean, options?: StoreOptions | null): SessionStore {
  const prefix = storageKey('x', options).slice(0, -1)
  return {
    persistent,
    async load(key) {
      const raw = store.getItem(storageKey(key, options))
      if (raw === null) return undefined
      try {
        const value: unknown = JSON.parse(raw)
        return typeof value === 'object' && value !== null ? (value as SavedSession) : undefined
      } catch {
        return undefined
      }
    },
    async save(key, state) {
      const full = storageKey(key, options)
      try {
        store.setItem(full, JSON.stringify(state))
      } catch (error) {
        throw new Error(`runbook-kit: could not save session "${key}": ${error instanceof Error ? error.message : String(error)}`)
      }
    },
    async remove(key) {
      store.removeItem(storageKey(key, options))
    },
    async keys() {
      const keys: string[] = []
      for (let index = 0; index < store.length; index++) {
        const full = store.key(index)
        if (full !== null && full.startsWith(prefix)) keys.push(full.slice(prefix.length))
      }
      return keys.sort()
    }
  }
}

/** Sessions in memory: gone when the page or process ends. For tests and as a fallback. */
export function createMemoryStore(options?: StoreOptions | null): SessionStore {
  return adapter(mapStorage(), false, options)
}

/**
 * Sessions in the browser's `localStorage` (or `options.storage`). When
 * `localStorage` is missing or refuses access (private modes, sandboxed
 * frames), falls back to memory and says so in `persistent: false`.
 */
export function createLocalStorageStore(options?: LocalStorageStoreOptions | null): SessionStore {
  const store = options?.storage ?? globalLocalStorage()
  return store ? adapter(store, true, options) : adapter(mapStorage(), false, options)
}

/** `globalThis.localStorage` if it exists and works, else undefined. Reading it can throw (SecurityError). */
function globalLocalStorage(): StorageLike | undefined {
  try {
    const store = (globalThis as {localStorage?: StorageLike}).localStorage
    if (!store || typeof store.getItem !== 'function') return undefined
    const probe = `${defaultNamespace}:probe`
    store.setItem(probe, '1')
    store.removeItem(probe)
    return store
  } catch {
    return undefined
  }
}
