import {describe, expect, it} from 'vitest'
import {tokenize} from '@runbook-kit/core'
import {isStopWord, normalizeTerm, stem} from '../../packages/core/src/search/pipeline.js'
import {tokenizeFor} from '../../packages/core/src/search/tokenize.js'

const terms = (text: string) => tokenize(text).map((t) => t.term)
const wholes = (text: string) => tokenize(text).filter((t) => !t.part).map((t) => t.term)
const parts = (text: string) => tokenize(text).filter((t) => t.part).map((t) => t.term)

describe('tokenize', () => {
  it('keeps IP addresses, versions and error codes whole', () => {
    expect(wholes('ping 192.168.1.1 and 10.0.0.254')).toEqual(['ping', '192.168.1.1', 'and', '10.0.0.254'])
    expect(wholes('upgrade to v2.3.9 or 1.24.3')).toEqual(['upgrade', 'to', 'v2.3.9', 'or', '1.24.3'])
    expect(wholes('Error: 0x80070005 (access denied)')).toEqual(['error', '0x80070005', 'access', 'denied'])
    expect(wholes('net::ERR_CONNECTION_REFUSED')).toEqual(['net::err_connection_refused'])
  })

  it('also gives the parts of joined words', () => {
    expect(parts('ERR_CONNECTION_REFUSED')).toEqual(['err', 'connection', 'refused'])
    expect(parts('192.168.1.1')).toEqual(['192', '168'])
    expect(parts('print-queue')).toEqual(['print', 'queue', 'printqueue'])
    expect(terms('Wi-Fi and e-mail')).toEqual(['wi-fi', 'wi', 'fi', 'wifi', 'and', 'e-mail', 'mail', 'email'])
    expect(parts('user@example.com')).toEqual(['user', 'example', 'com'])
  })

  it('splits CamelCase alert names into words, keeping the whole name', () => {
    expect(terms('KubePodCrashLooping')).toEqual(['kubepodcrashlooping', 'kube', 'pod', 'crash', 'looping'])
    expect(terms('HTTPServerDown')).toEqual(['httpserverdown', 'http', 'server', 'down'])
  })

  it('does not split brand names whose pieces would be single letters', () => {
    expect(terms('iOS and IPv6')).toEqual(['ios', 'and', 'ipv6'])
    expect(terms('macOS')).toEqual(['macos', 'mac', 'os'])
  })

  it('reads paths, drive paths and URLs as one chunk and their parts', () => {
    expect(wholes('tail /var/log/syslog')).toEqual(['tail', 'var/log/syslog'])
    expect(terms('C:\\Windows\\System32')).toEqual(['c:\\windows\\system32', 'windows', 'system32'])
    expect(wholes('open http://intranet/wiki now')).toEqual(['open', 'http://intranet/wiki', 'now'])
    expect(wholes('fe80::1')).toEqual(['fe80::1'])
    expect(terms('proxy:8080')).toEqual(['proxy:8080', 'proxy', '8080'])
  })

  it('keeps CLI flags with their dashes and gives the bare word', () => {
    expect(terms('kubectl delete pod --force')).toEqual(['kubectl', 'delete', 'pod', '--force', 'force'])
    expect(terms('rm -rf')).toEqual(['rm', '-rf', 'rf'])
    expect(terms('--dry-run')).toEqual(['--dry-run', 'dry', 'run'])
    expect(terms('re-add')).toEqual(['re-add', 're', 'add', 'readd'])
    // A dash inside a word is a connector, not a flag.
    expect(wholes('re-add')).toEqual(['re-add'])
  })

  it('drops trailing punctuation and lunr syntax characters', () => {
    expect(terms('printer?')).toEqual(['printer'])
    expect(terms('printer~ ^boost +dns *')).toEqual(['printer', 'boost', 'dns'])
    expect(terms('title:vpn')).toEqual(['title:vpn', 'title', 'vpn'])
  })

  it('gives offsets into the text', () => {
    const text = 'Restart KubePodCrashLooping now'
    for (const token of tokenize(text)) {
      expect(text.slice(token.start, token.end).toLowerCase()).toBe(token.term)
    }
    expect(tokenize(text).find((t) => t.term === 'crash')).toMatchObject({start: 15, end: 20, part: true})
  })

  it('leaves out single characters and overlong chunks but keeps their parts', () => {
    expect(terms('a b c')).toEqual([])
    const blob = 'abcdefghij'.repeat(6)
    expect(terms(`${blob}.tar`)).toEqual([blob, 'tar'])
  })

  it('accepts anything', () => {
    expect(tokenize('')).toEqual([])
    expect(tokenize(undefined)).toEqual([])
    expect(tokenize(null)).toEqual([])
    expect(tokenize(42 as unknown as string)).toEqual([])
    expect(terms('Ünïcödé Größe 東京 сервер')).toEqual(['ünïcödé', 'größe', '東京', 'сервер'])
  })
})

describe('pipeline', () => {
  it('keeps IT words that lunr treats as stop words', () => {
    for (const word of ['it', 'on', 'off', 'not', 'no', 'us', 'can', 'up', 'down']) {
      expect(isStopWord(word), word).toBe(false)
      expect(normalizeTerm(word), word).toBe(word)
    }
    for (const word of ['the', 'and', 'of', 'to']) expect(normalizeTerm(word)).toBeUndefined()
  })

  it('does not mangle names and acronyms', () => {
    expect(stem('dns')).toBe('dns')
    expect(stem('windows')).toBe('windows')
    expect(stem('ios')).toBe('ios')
    expect(stem('aws')).toBe('aws')
    expect(stem('ipv6')).toBe('ipv6')
    expect(stem('ping')).toBe('ping')
    expect(stem('macos')).toBe('macos')
    expect(stem('0x80070005')).toBe('0x80070005')
  })

  it('brings printer, printers, printing and printed together', () => {
    const stems = new Set(['printer', 'printers', 'printing', 'printed', 'prints', 'print'].map(stem))
    expect([...stems]).toEqual(['print'])
  })

  it('still stems ordinary words', () => {
    expect(stem('restarting')).toBe(stem('restart'))
    expect(stem('connections')).toBe(stem('connection'))
    expect(stem('looping')).toBe(stem('loop'))
    expect(stem('pinging')).toBe('ping')
  })
})

describe('tokenizeFor', () => {
  const texts = [
    'Restart the print spooler on PRINT-SRV01, then run Get-PrintJob | Remove-PrintJob.',
    'KubePodCrashLooping: pod crash looping in kube-system; see ERR_CONNECTION_REFUSED at 192.168.1.1',
    'Wi-Fi drops; ΑΣΑ and İstanbul; --dry-run C:\\Windows\\System32 printers printing'
  ]
  it('keeps every token whose first two letters are wanted, as tokenize gives it', () => {
    for (const text of texts) {
      for (const heads of [new Set(['pr', 'ku']), new Set(['re', 'cr', '19']), new Set(['wi', 'as', 'i̇s', 'dr'])]) {
        const wanted = (t: {term: string}) => heads.has(t.term.slice(0, 2))
        const some = tokenizeFor(text, heads)
        expect(some.filter(wanted), text).toEqual(tokenize(text).filter(wanted))
        // Only tokens of tokenize, in its order.
        const all = tokenize(text).map((t) => JSON.stringify(t))
        let at = 0
        for (const token of some) {
          at = all.indexOf(JSON.stringify(token), at)
          expect(at, JSON.stringify(token)).toBeGreaterThanOrEqual(0)
        }
      }
    }
  })
})

describe('tokenizeFor over generated text', () => {
  it('gives every token tokenize gives whose first two letters are wanted', () => {
    const pieces = ['HTTPServer', 'podCrash', 'IPv6', 'macOS', 'are', 'there', 'print', 'Printer', 'PRINT-SRV01', 'Get-PrintJob', 're-add', 'Wi-Fi', '192.168.1.1', '--dry-run', 'C:\\Windows',
      'a..b', 'x--', '-', '--', '::', 'prx.', 'KubePodCrashLooping', 'e-mail', 'pr', 'p', 'ĀΣ', 'spooler.', '(print)', 'x/y/pr']
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let n = 0; n < 300; n++) {
      const text = Array.from({length: 1 + Math.floor(next() * 12)}, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? ' ' : '')
      const heads = new Set(['pr', 're', 'wi', '19', 'dr', 'ku', 'cr', 'sp'].filter(() => next() < 0.5))
      const wanted = (t: {term: string}) => heads.has(t.term.slice(0, 2))
      expect(tokenizeFor(text, heads).filter(wanted), `${text} ${[...heads]}`).toEqual(tokenize(text).filter(wanted))
    }
  })
})
