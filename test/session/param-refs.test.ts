/**
 * References to known parameters (`session/param-refs.ts`), what sessions
 * and the widget use instead of the parser's heuristics: the same tokens
 * as `findParamTokens` gives for those names, on hand-written cases and on
 * every code block and command of the corpus and of `runbooks/`.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Nodes} from 'mdast'
import {beforeAll, describe, expect, it} from 'vitest'
import {createSession, findParamRefs, findParamTokens, isSecretParam, parseRunbook, substituteParams, type ParamToken, type Runbook} from '@runbook-kit/core'
import {paramKey} from '../../packages/core/src/parse/params/names.js'
import {corpusFiles, corpusPath, describeCorpus} from '../helpers/corpus.js'
import {makeRunbook, projectRunbookFiles, root} from './helpers.js'

const written = (code: string, names: string[]) => findParamRefs(code, names).map((token) => code.slice(token.start, token.end))

describe('findParamRefs', () => {
  it('finds every form the parser reads, for the names given', () => {
    const code = 'ssh <user>@${HOST} -p $PORT "{{ cmd }}" --mail [YOUR EMAIL] s3://BUCKET_NAME/'
    expect(findParamRefs(code, ['user', 'host', 'port', 'cmd', 'your_email', 'bucket_name'])).toEqual([
      {name: 'user', key: 'user', syntax: 'angle', start: 4, end: 10, param: 'user'},
      {name: 'HOST', key: 'host', syntax: 'dollar-brace', start: 11, end: 18, param: 'host'},
      {name: 'PORT', key: 'port', syntax: 'dollar', start: 22, end: 27, param: 'port'},
      {name: 'cmd', key: 'cmd', syntax: 'mustache', start: 29, end: 38, param: 'cmd'},
      {name: 'YOUR EMAIL', key: 'your_email', syntax: 'bracket', start: 47, end: 59, param: 'your_email'},
      {name: 'BUCKET_NAME', key: 'bucket_name', syntax: 'bare', start: 65, end: 76, param: 'bucket_name'}
    ])
  })

  it('matches names as paramKey folds them, whichever spelling is given', () => {
    const code = 'kubectl logs <Pod Name> <pod-name> $POD_NAME ${pod_name}'
    expect(written(code, ['pod_name'])).toEqual(['<Pod Name>', '<pod-name>', '$POD_NAME', '${pod_name}'])
    expect(written(code, ['Pod-Name'])).toEqual(written(code, ['pod_name']))
    // Each reference says which name given it names: the first given with its normalized name.
    expect(findParamRefs(code, ['Pod-Name', 'pod_name']).map((ref) => ref.param)).toEqual(['Pod-Name', 'Pod-Name', 'Pod-Name', 'Pod-Name'])
  })

  it('finds nothing for names not given, and nothing without names', () => {
    expect(written('kubectl -n $NAMESPACE logs <pod> BUCKET_NAME', ['namespace'])).toEqual(['$NAMESPACE'])
    expect(written('kubectl -n $NAMESPACE logs <pod>', [])).toEqual([])
    expect(written('echo ok', ['ok'])).toEqual([])
  })

  it('refuses a string or nothing as the list of names, with a runbook-kit TypeError (a string would be read letter by letter)', () => {
    expect(() => findParamRefs('echo <pod>', 'pod' as unknown as string[])).toThrow(/^runbook-kit: findParamRefs expects a list of parameter names, not "pod"$/)
    expect(() => findParamRefs('echo <pod>', null as unknown as string[])).toThrow(TypeError)
    expect(() => findParamRefs(42 as unknown as string, ['pod'])).toThrow(/^runbook-kit: findParamRefs expects code \(a string\), not 42$/)
    expect(findParamRefs('echo <pod>', new Set(['pod'])).map((ref) => ref.param)).toEqual(['pod'])
  })

  it('takes a given name even where it looks ambient or assigned, as the parser takes a declared one', () => {
    const code = 'N=3; echo $N $HOME ${USER}'
    expect(written(code, ['n', 'home', 'user'])).toEqual(['$N', '$HOME', '${USER}'])
    // Today's parser agrees once the names are declared, and leaves them out when they are not.
    expect(findParamTokens(code, new Set(['n', 'home', 'user'])).map((token) => token.name)).toEqual(['N', 'HOME', 'USER'])
    expect(findParamTokens(code)).toEqual([])
  })

  it('keeps the exceptions of each form: markup, markers, escapes, scopes, constants, assignments', () => {
    expect(written('cat <<EOF <code> <none>', ['eof', 'code', 'none'])).toEqual([])
    expect(written('echo \\$HOST $HOST: $Env:HOST ${{ cmd }} $HOST', ['host', 'env', 'cmd'])).toEqual(['$HOST'])
    expect(written('echo [TODO] "[YOUR EMAIL]" [X]', ['todo', 'your_email', 'x'])).toEqual([])
    expect(written('BUCKET_NAME=b; echo CLUSTER_CONTEXT O_RDONLY $BUCKET_NAME', ['bucket_name', 'cluster_context', 'o_rdonly'])).toEqual(['$BUCKET_NAME'])
  })

  it('reads the text as the parser does: capitals inside an angle placeholder are not a reference of their own', () => {
    const code = 'aws s3 ls <path/to/BUCKET_NAME> BUCKET_NAME'
    expect(findParamRefs(code, ['bucket_name']).map((token) => token.start)).toEqual([32])
    expect(findParamTokens(code).map((token) => token.key)).toEqual(['path/to/bucket_name', 'bucket_name'])
  })
})

describe('session.commands() fills the parameters the parser found in each command', () => {
  it('fills every form of a command parameter and leaves other names as written', () => {
    const runbook = makeRunbook([{id: 'a', commands: [{code: 'N=3; echo $N <dir> ${DIR} $OTHER', params: ['dir']}]}])
    const session = createSession(runbook, {params: {dir: '/tmp', N: '9', OTHER: 'x'}})
    expect(session.commands()[0]).toMatchObject({text: 'N=3; echo $N /tmp /tmp $OTHER', missing: []})
  })

  it("trusts command.params: a name it lists is filled even where it looks ambient (a parsed runbook lists such a name only when it is declared)", () => {
    const runbook = makeRunbook([{id: 'a', commands: [{code: 'cd ${HOME} && ls $HOME', params: ['HOME']}]}])
    expect(createSession(runbook, {params: {HOME: '/srv'}}).commands()[0]!.text).toBe('cd /srv && ls /srv')
    expect(createSession(runbook).commands()[0]).toMatchObject({text: 'cd <HOME> && ls <HOME>', missing: ['HOME']})
  })
})

/** `findParamTokens(code, declared)` cut down to the references to `names`: what the session and the widget used before. */
function referencesToday(code: string, declared: ReadonlySet<string>, names: readonly string[]): ParamToken[] {
  const keys = new Set(names.map(paramKey))
  return findParamTokens(code, declared).filter((token) => keys.has(token.key))
}

/** The code of every code block and inline code in `tree`. */
function codeIn(tree: Nodes): string[] {
  const found: string[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'code' || node.type === 'inlineCode') found.push(node.value)
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return found
}

/** Differences between the references found now and before, in every code block and command of `runbook` (empty when they agree). */
function differences(label: string, runbook: Runbook): string[] {
  const problems: string[] = []
  const declared = new Set(runbook.params.map((param) => param.name))
  const compare = (where: string, code: string, names: readonly string[]) => {
    // The tokens alone: `param`, the name a reference names, is findParamRefs' own.
    const now = findParamRefs(code, names).map(({param, ...token}) => token)
    const before = referencesToday(code, declared, names)
    if (JSON.stringify(now) !== JSON.stringify(before)) problems.push(`${label} ${where}: ${JSON.stringify(now)} ≠ ${JSON.stringify(before)}`)
  }
  for (const step of runbook.steps) {
    // The widget fills the step's code blocks with the runbook's and the step's parameters.
    const known = [...declared, ...step.params]
    for (const code of codeIn(step.content)) compare(`step ${step.id} code`, code, known)
    // The session fills each command with the parameters the parser found in it.
    for (const command of step.commands) compare(`step ${step.id} command`, command.code, command.params)
  }
  return problems
}

/** Differences between `session.commands()` and `substituteParams` as the session called it before, for every step of `runbook`. */
function sessionDifferences(label: string, runbook: Runbook): string[] {
  const problems: string[] = []
  // Every other parameter has a value, so that both filled and missing ones are compared.
  const given: Record<string, string> = {}
  runbook.params.forEach((param, index) => {
    if (index % 2 === 0) given[param.name] = `value-${index}`
  })
  const session = createSession(runbook, {params: given})
  const values: Record<string, string> = {}
  for (const param of runbook.params) if (param.default !== undefined && !isSecretParam(param.name, runbook.params)) values[param.name] = param.default
  Object.assign(values, given)
  const declared = runbook.params.map((param) => param.name)
  for (const step of runbook.steps) {
    if (step.commands.length === 0) continue
    const names = new Set([...step.commands.flatMap((command) => command.params), ...declared])
    const secret = [...names].filter((name) => isSecretParam(name, runbook.params))
    for (const reveal of [false, true]) {
      const now = session.commands(step.id, {reveal}).map(({text, missing, secrets}) => ({text, missing, secrets}))
      const before = step.commands.map((command) => {
        const {text, missing, secrets} = substituteParams(command.code, values, {secret, declared, params: command.params, reveal})
        return {text, missing, secrets}
      })
      if (JSON.stringify(now) !== JSON.stringify(before)) problems.push(`${label} step ${step.id} (reveal ${reveal}): ${JSON.stringify(now)} ≠ ${JSON.stringify(before)}`)
    }
  }
  return problems
}

describe('findParamRefs against findParamTokens on the project runbooks', () => {
  const runbooks = projectRunbookFiles().map((file) => [file, parseRunbook(readFileSync(path.join(root, file), 'utf8'), {file}).runbook] as const)

  it('finds the same references in every code block and command', () => {
    expect(runbooks.length).toBeGreaterThan(0)
    expect(runbooks.flatMap(([file, runbook]) => differences(file, runbook))).toEqual([])
    // The comparison is not empty: the project's runbooks fill parameters in their commands.
    expect(runbooks.some(([, runbook]) => runbook.steps.some((step) => step.commands.some((command) => findParamRefs(command.code, command.params).length > 0)))).toBe(true)
  })

  it('sessions fill commands as before', () => {
    expect(runbooks.flatMap(([file, runbook]) => sessionDifferences(file, runbook))).toEqual([])
  })
})

describeCorpus('findParamRefs against findParamTokens on the corpus', () => {
  const runbooks: Array<readonly [string, Runbook]> = []
  beforeAll(() => {
    for (const file of corpusFiles()) runbooks.push([file, parseRunbook(readFileSync(corpusPath(file), 'utf8'), {file}).runbook])
  }, 300_000)

  it('finds the same references in every code block and command of every runbook', () => {
    expect(runbooks.length).toBeGreaterThanOrEqual(1000)
    const problems = runbooks.flatMap(([file, runbook]) => differences(file, runbook))
    expect(problems.slice(0, 20)).toEqual([])
    // Not an empty comparison: many of the corpus's commands use parameters.
    const references = runbooks.reduce((sum, [, runbook]) => sum + runbook.steps.reduce((n, step) => n + step.commands.reduce((m, command) => m + findParamRefs(command.code, command.params).length, 0), 0), 0)
    console.log(`findParamRefs: the same references as findParamTokens in ${runbooks.length} corpus runbooks (${references} in their commands)`)
    expect(references).toBeGreaterThan(1000)
  })

  it('sessions fill every command as before', () => {
    const problems = runbooks.flatMap(([file, runbook]) => sessionDifferences(file, runbook))
    expect(problems.slice(0, 20)).toEqual([])
  })
})
