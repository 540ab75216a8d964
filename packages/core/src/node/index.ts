/**
 * @runbook-kit/core/node: the Node-only parts: loading runbooks from files
 * and folders, and the `runbook` CLI.
 *
 * @module
 */
export * from '../index.js'
export {loadRunbook, loadRunbooks, loadDefaults, type LoadOptions, type LoadResult} from './load.js'
export {main} from './cli.js'
export {buildBundle, type BuildBundleOptions, type BuildBundleResult, type BuildProgress} from './bundle.js'
export type {CliCommand, CliInput, CliIo} from './io.js'
export {createFileStore, type FileStoreOptions} from './session-file-storage.js'
export {readBundle, type ReadBundleOptions} from './read-bundle.js'
export {writeBundle, writeDefaults, type WriteBundleOptions, type WriteBundleResult} from './write-bundle.js'
