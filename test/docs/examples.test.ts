/**
 * Documentation that cannot rot: every JavaScript and TypeScript code block
 * of README.md, the package READMEs and docs/*.md is type-checked, and run
 * in Node from the repository root, unless an HTML comment right before it
 * says otherwise (see CONTRIBUTING.md, "Code examples in the docs"):
 *
 * - `<!-- fragment: why -->`: not a whole program; neither checked nor run;
 * - `<!-- browser -->`: type-checked with the DOM and the widget, not run;
 * - `<!-- continues -->`: the earlier blocks of the same file come first
 *   (for both), so a page can build one example up step by step.
 */
import {readFileSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import remarkParse from 'remark-parse'
import ts from 'typescript'
import {unified} from 'unified'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The documents whose examples are checked. */
const documents = [
  'README.md',
  'packages/core/README.md',
  'packages/widget/README.md',
  ...['bundles', 'diagnostics', 'reliability', 'runbook-format', 'runbook-library', 'search', 'security', 'sessions', 'widget'].map((name) => `docs/${name}.md`)
]

const languages = new Map([
  ['js', 'js'],
  ['javascript', 'js'],
  ['mjs', 'js'],
  ['ts', 'ts'],
  ['typescript', 'ts']
])

/** One example: its code (with the blocks it continues), where it is, and what to do with it. */
interface Example {
  name: string
  file: string
  line: number
  language: 'js' | 'ts'
  code: string
  mode: 'run' | 'browser' | 'fragment'
}

function examples(file: string): Example[] {
  const text = readFileSync(path.join(root, file), 'utf8')
  const tree = unified().use(remarkParse).parse(text)
  const found: Example[] = []
  let previous: string | undefined
  let before = ''
  for (const node of tree.children) {
    if (node.type === 'html') {
      previous = node.value.trim()
      continue
    }
    if (node.type === 'code' && node.lang && languages.has(node.lang)) {
      const marker = /^<!--\s*(fragment|browser|continues)\b/.exec(previous ?? '')?.[1]
      const line = node.position!.start.line
      const code = marker === 'continues' ? `${before}\n${node.value}` : node.value
      found.push({
        name: `${file}:${line}`,
        file,
        line,
        language: languages.get(node.lang) as 'js' | 'ts',
        code,
        mode: marker === 'fragment' ? 'fragment' : marker === 'browser' ? 'browser' : 'run'
      })
      if (marker !== 'fragment') before = code
    }
    previous = undefined
  }
  return found
}

const all = documents.flatMap(examples)
const checked = all.filter((example) => example.mode !== 'fragment')
let scratch: string

beforeAll(async () => {
  // vitest runs the examples through its transform: TypeScript, and the packages from source (vitest.config.ts).
  scratch = await mkdtemp(path.join(tmpdir(), 'runbook-kit-doc-examples-'))
})
afterAll(async () => {
  await rm(scratch, {recursive: true, force: true})
})

const fileOf = (example: Example) => path.join(scratch, `${example.file.replace(/[/.]/g, '-')}-${example.line}.${example.language === 'ts' ? 'mts' : 'mjs'}`)

describe('code examples in the docs', () => {
  it('finds the examples, and every fragment says why it is one', () => {
    expect(checked.length).toBeGreaterThanOrEqual(6)
    for (const example of all.filter((e) => e.mode === 'fragment')) {
      const text = readFileSync(path.join(root, example.file), 'utf8').split('\n')
      expect(text[example.line - 2], example.name).toMatch(/^<!-- fragment: \S.* -->$/)
    }
  })

  it('type-check (strict TypeScript; JavaScript with checkJs)', async () => {
    for (const example of checked) await writeFile(fileOf(example), `${example.code}\nexport {}\n`)
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules/@types')],
      strict: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      paths: {
        '@runbook-kit/core': [path.join(root, 'packages/core/src/index.ts')],
        '@runbook-kit/core/node': [path.join(root, 'packages/core/src/node/index.ts')],
        '@runbook-kit/widget': [path.join(root, 'packages/widget/src/index.ts')]
      }
    }
    // The widget's element and event types, for the browser examples.
    const program = ts.createProgram([...checked.map(fileOf), path.join(root, 'packages/widget/src/index.ts')], options)
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.startsWith(scratch))
      .map((d) => {
        const example = checked.find((e) => fileOf(e) === d.file!.fileName)!
        const {line} = d.file!.getLineAndCharacterOfPosition(d.start ?? 0)
        return `${example.name} (line ${line + 1} of the example): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      })
    expect(problems).toEqual([])
  }, 120_000)

  for (const example of all.filter((e) => e.mode === 'run')) {
    it(`runs ${example.name}`, async () => {
      await writeFile(fileOf(example), `${example.code}\nexport {}\n`)
      const log: unknown[] = []
      const original = console.log
      console.log = (...args: unknown[]) => void log.push(args)
      try {
        await import(pathToFileURL(fileOf(example)).href)
      } finally {
        console.log = original
      }
    })
  }
})
