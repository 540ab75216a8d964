import {describe, expect, it} from 'vitest'
import * as core from '@runbook-kit/core'
import * as node from '@runbook-kit/core/node'

const browserSafe = [
  'buildIndex',
  'buildRunbook',
  'bundleFormat',
  'bundleVersion',
  'categories',
  'createBundle',
  'createCollection',
  'createLocalStorageStore',
  'createMemoryStore',
  'createSession',
  'fetchBundle',
  'findParamRefs',
  'findParamTokens',
  'formatDiagnostic',
  'formatDuration',
  'formatOutline',
  'isSecretParam',
  'loadBundle',
  'loadIndex',
  'openBundle',
  'parseDefaults',
  'parseRunbook',
  'remarkRunbook',
  'renderTimeline',
  'restoreSession',
  'search',
  'sortDiagnostics',
  'storageKey',
  'storageKeyVersion',
  'substituteParams',
  'timelineToJSON',
  'toMermaid',
  'tokenize'
]

describe('exports', () => {
  it('@runbook-kit/core exports exactly its public API', () => {
    expect(Object.keys(core).sort()).toEqual(browserSafe)
  })

  it('@runbook-kit/core/node adds file loading, the file store and the CLI', () => {
    expect(Object.keys(node).sort()).toEqual(
      [...browserSafe, 'buildBundle', 'createFileStore', 'loadDefaults', 'loadRunbook', 'loadRunbooks', 'main', 'readBundle', 'writeBundle', 'writeDefaults'].sort()
    )
  })
})
