/**
 * Sessions fill in the parameters the parser finds, in every form it finds
 * them, and only those: detection (`findParamTokens`, `command.params`) and
 * substitution (`substituteParams`) agree.
 */
import {describe, expect, test} from 'vitest'
import {createSession, parseRunbook, substituteParams} from '@runbook-kit/core'

describe('substituteParams with the new forms', () => {
  test('fills angle brackets with spaces, [CAPS], bare value names and mixed-case dollars by their normalized name', () => {
    const result = substituteParams('ssh [YOUR USER]@<jump host> -i KEY_FILE -p $Ssh_Port', {your_user: 'ana', jump_host: 'j1', key_file: 'k', ssh_port: '22'})
    expect(result).toEqual({text: 'ssh ana@j1 -i k -p 22', params: ['YOUR USER', 'jump host', 'KEY_FILE', 'Ssh_Port'], missing: [], secrets: []})
  })

  test('leaves references that are not among the command\'s params as written', () => {
    expect(substituteParams('kubectl -n $NS logs <pod>', {NS: 'x', pod: 'api-0'}, {params: ['pod']})).toMatchObject({text: 'kubectl -n $NS logs api-0', params: ['pod'], missing: []})
  })

  test('masks a secret written in another spelling', () => {
    expect(substituteParams('login <api-token>', {api_token: 's3cret!'}, {secret: ['api_token']}).text).toBe('login <api-token:secret>')
  })
})

describe('a session on a runbook that sets its own variables', () => {
  const markdown = [
    '# Check the shop',
    '',
    '## Find the namespace',
    '',
    '```sh',
    'export SHOP_NS="$(kubectl get ns -l app=shop -o name | head -1)"',
    '```',
    '',
    '## Look at one pod',
    '',
    '```sh',
    'kubectl -n $SHOP_NS logs <Pod Name>',
    '```',
    '',
    '```sql',
    'SELECT * FROM orders WHERE id = <order id>;',
    '```',
    ''
  ].join('\n')

  test('asks only for what the reader supplies, and fills it in', () => {
    const {runbook} = parseRunbook(markdown)
    expect(runbook.params.map((param) => param.name)).toEqual(['pod_name', 'order_id'])
    const session = createSession(runbook)
    session.complete()
    expect(session.commands().map((command) => [command.text, command.missing])).toEqual([
      ['kubectl -n $SHOP_NS logs <Pod Name>', ['Pod Name']],
      ['SELECT * FROM orders WHERE id = <order id>;', ['order id']]
    ])
    session.setParam('pod_name', 'web-7')
    session.setParam('order_id', '42')
    expect(session.commands().map((command) => [command.text, command.command.shell])).toEqual([
      ['kubectl -n $SHOP_NS logs web-7', 'posix'],
      ['SELECT * FROM orders WHERE id = 42;', 'none']
    ])
  })
})
