import {describe, expect, test} from 'vitest'
import {isSecretParam, substituteParams} from '@runbook-kit/core'

describe('substituteParams', () => {
  test('replaces every syntax and reports what it used', () => {
    const result = substituteParams('ssh <user>@${HOST} -p $PORT "{{ cmd }}"', {user: 'ops', HOST: 'db1', PORT: '22', cmd: 'uptime'})
    expect(result).toEqual({text: 'ssh ops@db1 -p 22 "uptime"', params: ['user', 'HOST', 'PORT', 'cmd'], missing: [], secrets: []})
  })

  test('leaves a missing parameter visible as <name> and lists it once', () => {
    expect(substituteParams('ping <host> && ping <host> $ZONE', {})).toEqual({
      text: 'ping <host> && ping <host> <ZONE>',
      params: ['host', 'ZONE'],
      missing: ['host', 'ZONE'],
      secrets: []
    })
  })

  test('an empty value counts as given, undefined as missing', () => {
    expect(substituteParams('echo "<first>" "<second>"', {first: '', second: undefined})).toMatchObject({text: 'echo "" "<second>"', missing: ['second']})
  })

  test('matches names case-insensitively when there is no exact match', () => {
    expect(substituteParams('lpstat -p $PRINTER', {printer: 'PRN-1'}).text).toBe('lpstat -p PRN-1')
    expect(substituteParams('echo <Name>', {name: 'low', Name: 'exact'}).text).toBe('echo exact')
  })

  test('masks secrets unless revealed', () => {
    const values = {token: 'hunter22', host: 'db1'}
    expect(substituteParams('login <token> <host>', values, {secret: ['token']})).toEqual({
      text: 'login <token:secret> db1',
      params: ['token', 'host'],
      missing: [],
      secrets: ['token']
    })
    expect(substituteParams('login <token>', values, {secret: ['token'], reveal: true}).text).toBe('login hunter22')
    expect(substituteParams('login ${TOKEN}', values, {secret: ['token']}).text).toBe('login <TOKEN:secret>')
  })

  test('custom markers for missing and secret values', () => {
    const result = substituteParams('a <x> <y>', {y: 'v'}, {secret: ['y'], missing: (n) => `??${n}??`, mask: () => '***'})
    expect(result.text).toBe('a ??x?? ***')
  })

  test('ambient variables and assigned names stay as they are', () => {
    expect(substituteParams('cd $HOME && N=3; echo $N <dir>', {dir: '/tmp', N: '9'})).toMatchObject({text: 'cd $HOME && N=3; echo $N /tmp', params: ['dir']})
    expect(substituteParams('echo $HOME', {HOME: '/root'}, {declared: ['HOME']}).text).toBe('echo /root')
  })

  test('text without parameters comes back unchanged', () => {
    expect(substituteParams('echo ok', {a: 'b'})).toEqual({text: 'echo ok', params: [], missing: [], secrets: []})
  })
})

describe('isSecretParam', () => {
  test('declared secrets and password-like names are secret', () => {
    const specs = [{name: 'pin', declared: true, secret: true}]
    expect(isSecretParam('pin', specs)).toBe(true)
    for (const name of ['password', 'DB_PASSWORD', 'admin_passwd', 'passphrase', 'client_secret', 'API_TOKEN', 'api_key', 'apiKey', 'private-key', 'credentials']) {
      expect(isSecretParam(name)).toBe(true)
    }
    for (const name of ['host', 'printer', 'ticket', 'user', 'port']) expect(isSecretParam(name, specs)).toBe(false)
  })
})
