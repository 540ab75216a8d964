import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {
  createLocalStorageStore,
  createMemoryStore,
  createSession,
  restoreSession,
  storageKey,
  type SessionStore,
  type StorageLike
} from '@runbook-kit/core'
import {createFileStore} from '@runbook-kit/core/node'
import {makeRunbook, manualClock} from './helpers.js'

const runbook = makeRunbook([{id: 'a', checklist: ['Done']}, {id: 'b'}])

function savedState() {
  const clock = manualClock()
  const session = createSession(runbook, {now: clock.now, id: () => 's-1'})
  session.check('done').complete()
  return session.toJSON()
}

/** A `localStorage` look-alike that counts writes and can refuse them. */
function fakeLocalStorage(options: {full?: boolean} = {}): StorageLike & {map: Map<string, string>} {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem(key, value) {
      if (options.full && !key.endsWith(':probe')) throw new Error('QuotaExceededError')
      map.set(key, value)
    },
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size
    }
  }
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runbook-kit-store-'))
})
afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

const stores: Array<[string, () => SessionStore]> = [
  ['memory', () => createMemoryStore()],
  ['localStorage', () => createLocalStorageStore({storage: fakeLocalStorage()})],
  ['file', () => createFileStore({dir: path.join(dir, `contract-${Math.random().toString(36).slice(2)}`)})]
]

describe.each(stores)('%s store', (_name, make) => {
  test('saves, loads, lists and removes', async () => {
    const store = make()
    const state = savedState()
    expect(await store.load('incident-1')).toBeUndefined()
    expect(await store.keys()).toEqual([])
    await store.save('incident-1', state)
    await store.save('a/b:c d', state)
    expect(await store.load('incident-1')).toEqual(state)
    expect(await store.keys()).toEqual(['a/b:c d', 'incident-1'])
    const restored = restoreSession(runbook, await store.load('a/b:c d'))
    expect(restored.toJSON()).toEqual(state)
    await store.remove('incident-1')
    await store.remove('never-saved')
    expect(await store.load('incident-1')).toBeUndefined()
    expect(await store.keys()).toEqual(['a/b:c d'])
  })

  test('refuses an empty key', async () => {
    const store = make()
    await expect(async () => store.save('', savedState())).rejects.toThrow(/a storage key must be a non-empty string, got ""/)
  })
})

describe('keys are namespaced and versioned', () => {
  test('storageKey', () => {
    expect(storageKey('x')).toBe('runbook-kit:session:v1:x')
    expect(storageKey('x', {namespace: 'intranet'})).toBe('intranet:v1:x')
    expect(() => storageKey(undefined as unknown as string)).toThrow(TypeError)
  })

  test('localStorage keeps to its namespace', async () => {
    const storage = fakeLocalStorage()
    storage.setItem('someone-else', 'keep me')
    const store = createLocalStorageStore({storage, namespace: 'kb'})
    expect(store.persistent).toBe(true)
    await store.save('k', savedState())
    expect([...storage.map.keys()]).toEqual(['someone-else', 'kb:v1:k'])
    expect(await store.keys()).toEqual(['k'])
    expect(await createLocalStorageStore({storage}).keys()).toEqual([])
  })

  test('files are named <namespace>.v1.<key>.json', async () => {
    const folder = path.join(dir, 'named')
    const store = createFileStore({dir: folder, namespace: 'my app'})
    await store.save('inc 1', savedState())
    expect(await readdir(folder)).toEqual(['my-app.v1.inc%201.json'])
    expect(JSON.parse(await readFile(path.join(folder, 'my-app.v1.inc%201.json'), 'utf8'))).toEqual(savedState())
  })
})

describe('bad stored data and refusing stores', () => {
  test('unreadable entries load as undefined', async () => {
    const storage = fakeLocalStorage()
    storage.setItem(storageKey('bad'), '{not json')
    storage.setItem(storageKey('number'), '42')
    const store = createLocalStorageStore({storage})
    expect(await store.load('bad')).toBeUndefined()
    expect(await store.load('number')).toBeUndefined()
    const folder = path.join(dir, 'bad')
    const files = createFileStore({dir: folder})
    await files.save('x', savedState())
    await writeFile(path.join(folder, 'runbook-kit-session.v1.x.json'), '{oops')
    expect(await files.load('x')).toBeUndefined()
    expect(await createFileStore({dir: path.join(dir, 'missing-folder')}).keys()).toEqual([])
  })

  test('a full localStorage rejects the save with a clear error', async () => {
    const store = createLocalStorageStore({storage: fakeLocalStorage({full: true})})
    await expect(store.save('k', savedState())).rejects.toThrow(/^runbook-kit: could not save session "k": QuotaExceededError$/)
  })

  test('without a usable globalThis.localStorage it falls back to memory', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
    try {
      Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        get() {
          throw new Error('SecurityError')
        }
      })
      const store = createLocalStorageStore()
      expect(store.persistent).toBe(false)
      await store.save('k', savedState())
      expect(await store.load('k')).toEqual(savedState())
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'localStorage', descriptor)
      else delete (globalThis as {localStorage?: unknown}).localStorage
    }
  })

  test('uses globalThis.localStorage when it works', async () => {
    const storage = fakeLocalStorage()
    const had = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
    Object.defineProperty(globalThis, 'localStorage', {configurable: true, value: storage})
    try {
      const store = createLocalStorageStore()
      expect(store.persistent).toBe(true)
      await store.save('k', savedState())
      expect(storage.map.has('runbook-kit:session:v1:k')).toBe(true)
      expect(storage.map.has('runbook-kit:session:probe')).toBe(false)
    } finally {
      if (had) Object.defineProperty(globalThis, 'localStorage', had)
      else delete (globalThis as {localStorage?: unknown}).localStorage
    }
  })
})
