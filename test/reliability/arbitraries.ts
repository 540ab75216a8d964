/**
 * fast-check generators of structured Markdown runbooks and of mutations of
 * real files. Everything is written for these tests; corpus text is only
 * read at run time (test/helpers/corpus.ts), never stored.
 */
import fc from 'fast-check'

/** Step ids and anchors, including names that exist on `Object.prototype`. */
export const anchorArb = fc.oneof(
  fc.constantFrom(
    'start', 'step-1', 'step-2', 'step2', 'step-99', 'done', 'restart', 'resolved', 'check-power',
    '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf',
    '', ' ', '#', 'a b', 'UPPER', 'émoji-😀', '1', '-', '--', 'step-1-1'
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/)
)

/** Odd characters: controls, BOM, surrogates (lone and paired), bidi overrides, combining marks, wide and emoji. */
export const oddCharArb = fc.constantFrom(
  '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029',
  '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udfff', '\udc00\ud800', '😀', '👩‍👩‍👧', '\u202e', '\u200b', '\u200d',
  'e\u0301', '\u0301', 'ß', 'İ', 'ﬃ', '中文', 'עברית', '𝔘𝔫𝔦', '\t', '\\', '&amp;', '&#0;', '&#x110000;', '&nbsp;'
)

const wordArb = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(
    'restart', 'the', 'printer', 'spooler', 'VPN', 'DNS', 'check', 'if', 'If', 'Otherwise', 'go to', 'Go to', 'then',
    'continue', 'End of runbook.', 'Stop here.', 'Warning:', '**Warning:**', 'Note:', 'rm -rf', 'DROP TABLE',
    '<host>', '$HOST', '${TOKEN}', '{{ user }}', '{{', '}}', '${', 'C:\\Windows', 'fe80::1', 'proxy:8080', 'Step 3:', '3.'
  )},
  {weight: 2, arbitrary: fc.string({maxLength: 8})},
  {weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 6})},
  {weight: 1, arbitrary: oddCharArb}
)

const inlineArb: fc.Arbitrary<string> = fc.oneof(
  {weight: 8, arbitrary: wordArb},
  {weight: 2, arbitrary: fc.tuple(wordArb, anchorArb).map(([text, anchor]) => `[${text}](#${anchor})`)},
  {weight: 1, arbitrary: fc.tuple(wordArb, anchorArb).map(([text, anchor]) => `Go to [${text}](#${anchor}).`)},
  {weight: 1, arbitrary: fc.tuple(wordArb, anchorArb).map(([text, anchor]) => `If ${text}, go to [${text}](#${anchor}).`)},
  {weight: 1, arbitrary: fc.tuple(wordArb, fc.constantFrom('other.md', '../x/other.md', 'other.md#step-2', './a b.md', 'x.markdown#__proto__', 'http://e.x/a.md#y')).map(([text, href]) => `[${text}](${href})`)},
  {weight: 1, arbitrary: fc.tuple(wordArb, anchorArb).map(([text, ref]) => `[${text}][${ref}]`)},
  {weight: 1, arbitrary: anchorArb.map((ref) => `[${ref}]`)},
  {weight: 1, arbitrary: fc.constantFrom('<https://example.com>', 'https://example.com/a_b', 'www.example.com', 'mail@example.com', '<javascript:alert(1)>', '[x](javascript:alert(1))', '![img](data:image/png;base64,AAAA)', '![a](https://e.x/a.png "t")')},
  {weight: 1, arbitrary: wordArb.map((text) => `*${text}*`)},
  {weight: 1, arbitrary: wordArb.map((text) => `**${text}**`)},
  {weight: 1, arbitrary: wordArb.map((text) => `\`${text}\``)},
  {weight: 1, arbitrary: fc.constantFrom('<b>', '</b>', '<a name="target">', '<a id=x>', '<span>', '<!-- c -->', '<br>', '<img src=x onerror=alert(1)>', '<script>', '</script>', '&lt;', '~~s~~', '[^1]', '\\*')}
)

/** A line of inline content. */
export const lineArb = fc.array(inlineArb, {minLength: 1, maxLength: 6}).map((parts) => parts.join(' '))

const headingArb = fc
  .record({
    depth: fc.integer({min: 1, max: 7}),
    prefix: fc.constantFrom('', 'Step 1: ', 'Step 2 - ', 'Step 10. ', '1. ', '2) ', 'If ', 'Phase 1: '),
    text: lineArb,
    attribute: fc.constantFrom('', '', '', ' {#done}', ' {.end}', ' {#step-1}', ' {#__proto__}', ' {#constructor}', ' {#}', ' {#a .end}', ' {', ' #'),
    closing: fc.constantFrom('', '', ' ##', ' #')
  })
  .map(({depth, prefix, text, attribute, closing}) => `${'#'.repeat(depth)} ${prefix}${text}${attribute}${closing}`)

const fenceArb = fc
  .record({
    marker: fc.constantFrom('```', '~~~', '````', '``', '   ```', '> ```'),
    lang: fc.constantFrom('', 'sh', 'bash', 'console', 'powershell', 'ps1', 'cmd', 'sql', 'yaml', 'mermaid', 'text', 'sh {title="x"}'),
    body: fc.array(
      fc.oneof(
        fc.constantFrom('$ rm -rf /var/tmp/<dir>', '$ sudo systemctl restart cups', 'PS C:\\> Restart-Service Spooler', '> net stop spooler', 'DROP TABLE users;', 'dd if=/dev/zero of=/dev/sda', 'echo ${TOKEN} {{ user }} <host> $HOST', 'output line', '\\', '`'),
        lineArb
      ),
      {maxLength: 5}
    ),
    closed: fc.boolean()
  })
  .map(({marker, lang, body, closed}) => {
    const lines = [`${marker}${lang}`, ...body]
    if (closed) lines.push(marker.trim().startsWith('>') ? '> ```' : marker.trim())
    return lines.join('\n')
  })

type ListItem = {text: string; task: '' | '[ ] ' | '[x] ' | '[X] '; children: ListItem[]}

const listItemArb: fc.Arbitrary<ListItem> = fc.letrec<{item: ListItem}>((tie) => ({
  item: fc.record({
    text: lineArb,
    task: fc.constantFrom('' as const, '' as const, '[ ] ' as const, '[x] ' as const, '[X] ' as const),
    children: fc.oneof({depthSize: 'small', withCrossShrink: true}, fc.constant<ListItem[]>([]), fc.array(tie('item'), {maxLength: 2}))
  })
})).item

const listArb = fc
  .record({
    ordered: fc.boolean(),
    start: fc.constantFrom(1, 1, 0, 3, 99999999),
    delimiter: fc.constantFrom('.', ')'),
    bullet: fc.constantFrom('-', '*', '+'),
    items: fc.array(listItemArb, {minLength: 1, maxLength: 4}),
    loose: fc.boolean()
  })
  .map(({ordered, start, delimiter, bullet, items, loose}) => {
    const out: string[] = []
    const emit = (list: ListItem[], indent: string, numbered: boolean) => {
      list.forEach((item, index) => {
        const marker = numbered ? `${start + index}${delimiter} ` : `${bullet} `
        out.push(`${indent}${marker}${item.task}${item.text}`)
        if (loose) out.push('')
        emit(item.children, indent + ' '.repeat(marker.length), !numbered)
      })
    }
    emit(items, '', ordered)
    return out.join('\n')
  })

const tableArb = fc
  .record({
    columns: fc.integer({min: 1, max: 4}),
    rows: fc.array(fc.array(lineArb, {maxLength: 5}), {maxLength: 4}),
    align: fc.constantFrom('---', ':--', '--:', ':-:', '-')
  })
  .map(({columns, rows, align}) => {
    const row = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\n/g, ' ')).join(' | ')} |`
    return [row(Array.from({length: columns}, (_, i) => `H${i}`)), row(Array.from({length: columns}, () => align)), ...rows.map(row)].join('\n')
  })

const calloutArb = fc
  .tuple(fc.constantFrom('> [!WARNING]', '> [!NOTE]', '> [!CAUTION]', '> [!TIP]', '> [!IMPORTANT]', '> [!BOGUS]', '> **Warning:**', '> Note:', '>'), fc.array(lineArb, {maxLength: 3}))
  .map(([marker, lines]) => [marker, ...lines.map((line) => `> ${line}`)].join('\n'))

const definitionArb = fc
  .tuple(anchorArb, fc.constantFrom('#start', '#step-2', '#__proto__', 'other.md', 'other.md#x', 'https://e.x', 'javascript:alert(1)', '<>', '"t"'))
  .map(([label, url]) => `[${label}]: ${url}`)

const htmlBlockArb = fc.constantFrom(
  '<div>\ntext\n</div>',
  '<details><summary>More</summary>\n\nhidden\n\n</details>',
  '<a name="step-9"></a>',
  '<script>alert(1)</script>',
  '<!--\nunclosed comment',
  '<pre>\n# not a heading\n</pre>',
  '<?php echo 1 ?>',
  '<![CDATA[ x ]]>',
  '<style>*{}</style>',
  '<table><tr><td>x</td></tr></table>'
)

/** One block of Markdown. */
export const blockArb: fc.Arbitrary<string> = fc.oneof(
  {weight: 5, arbitrary: headingArb},
  {weight: 5, arbitrary: lineArb},
  {weight: 3, arbitrary: listArb},
  {weight: 2, arbitrary: fenceArb},
  {weight: 1, arbitrary: tableArb},
  {weight: 1, arbitrary: calloutArb},
  {weight: 1, arbitrary: definitionArb},
  {weight: 1, arbitrary: htmlBlockArb},
  {weight: 1, arbitrary: fc.constantFrom('---', '***', '___', '- - -', '', '    indented code', '\t\ttabbed', 'Title\n===', 'Sub\n---', '$$\nmath\n$$', '[^1]: footnote', '+++\ntoml = 1\n+++')}
)

/** Frontmatter: valid YAML with every known key, broken YAML, alias bombs and prototype keys. */
export const frontmatterArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      title: fc.oneof(lineArb, fc.constantFrom('', '"quoted: title"', '{{ title }}', '[a, b]', '{x: 1}', '123', 'null', '~', '2024-01-01')),
      id: fc.oneof(anchorArb, fc.constantFrom('', '""', '"  "', '[1]', 'null')),
      category: fc.constantFrom('troubleshooting', 'Incident Response', 'backup/restore', 'nonsense', '[a]', '{}', '1'),
      tags: fc.constantFrom('[a, b]', 'a, b', '[]', '[[x]]', '{a: 1}', 'null', '[1, true, null]'),
      params: fc.constantFrom(
        '\n  - name: host\n    description: The host\n  - name: token\n    secret: true',
        '\n  host: The host\n  token: {secret: true, default: x}',
        '\n  - 1\n  - null\n  - name: "bad name"\n  - host\n  - host',
        '\n  __proto__: {secret: true}\n  constructor: x',
        ' 42',
        ' [a, [b]]'
      ),
      extra: fc.constantFrom('', 'owner: ops', 'reviewed: 2024-02-30', 'review_in: 6 months', 'deep: [[[[[[[[[[1]]]]]]]]]]', 'n: .nan', 'big: 123456789012345678901234567890', 'date: 2001-12-14t21:59:43.10-05:00', 'bin: !!binary aGVsbG8=', 'set: !!set {a, b}', 'omap: !!omap [a: 1]', 'custom: !tag x')
    })
    .map(({title, id, category, tags, params, extra}) => `---\ntitle: ${title}\nid: ${id}\ncategory: ${category}\ntags: ${tags}\nparams:${params}\n${extra}\n---`),
  fc.constantFrom(
    '---\ntitle: [unclosed\n---',
    '---\n: : :\n---',
    '---\ntitle: a\ntitle: b\n---',
    '---\n\tbad: tab\n---',
    '---\n- just\n- a list\n---',
    '---\njust text\n---',
    '---\n42\n---',
    '---\n---',
    '---\ntitle: unclosed frontmatter',
    '---\n"\\xZZ"\n---',
    '---\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\ntitle: x\n---',
    '---\nextra:\n  __proto__:\n    polluted: true\n  nested: {constructor: {prototype: {polluted: 1}}}\n---',
    '---\n<<: {polluted: true}\ntitle: merge\n---',
    '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---',
    '---\na: &a\n  b: *a\n---',
    '---\na: *undefined\n---',
    '---\n' + 'k: v\n'.repeat(3) + 'title: ok\n---'
  ),
  fc.string({maxLength: 40}).map((yaml) => `---\n${yaml}\n---`)
)

/** Line ending to join with. */
const eolArb = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r')

/** A structured Markdown runbook: optional BOM and frontmatter, blocks, a line ending, and stray odd characters. */
export const markdownArb: fc.Arbitrary<string> = fc
  .record({
    bom: fc.boolean().map((b) => (b ? '\ufeff' : '')),
    frontmatter: fc.option(frontmatterArb, {freq: 3}),
    title: fc.option(lineArb.map((text) => `# ${text}`), {freq: 4}),
    blocks: fc.array(blockArb, {maxLength: 14}),
    eol: eolArb,
    gap: fc.constantFrom('\n', '\n', '', '\n\n'),
    odd: fc.array(fc.tuple(fc.nat(), oddCharArb), {maxLength: 3})
  })
  .map(({bom, frontmatter, title, blocks, eol, gap, odd}) => {
    let text = [frontmatter, title, ...blocks].filter((part): part is string => part !== null).join(`\n${gap}`)
    for (const [at, char] of odd) {
      const index = text.length === 0 ? 0 : at % (text.length + 1)
      text = text.slice(0, index) + char + text.slice(index)
    }
    return bom + (eol === '\n' ? text : text.replace(/\n/g, eol))
  })

/** A change to a real file. Positions are fractions of its length, so one mutation fits any file. */
export type Mutation =
  | {op: 'delete' | 'duplicate' | 'move'; at: number; length: number; to: number}
  | {op: 'insert'; at: number; text: string}
  | {op: 'truncate'; at: number}
  | {op: 'crlf' | 'cr' | 'bom' | 'indent' | 'dedent' | 'strip-blank-lines' | 'swap-lines'; at: number}

const fraction = fc.double({min: 0, max: 1, noNaN: true})

/** Changes to apply to a real file, in order. */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({op: fc.constantFrom('delete' as const, 'duplicate' as const, 'move' as const), at: fraction, length: fc.integer({min: 1, max: 400}), to: fraction}),
    {weight: 3, arbitrary: fc.record({op: fc.constant('insert' as const), at: fraction, text: fc.oneof(blockArb, inlineArb, fc.constantFrom('```', '~~~', '\n---\n', '\n# ', '{#__proto__}', '\n- [ ] ', '\n1. ', '>'), oddCharArb)})},
    fc.record({op: fc.constant('truncate' as const), at: fraction}),
    fc.record({op: fc.constantFrom('crlf' as const, 'cr' as const, 'bom' as const, 'indent' as const, 'dedent' as const, 'strip-blank-lines' as const, 'swap-lines' as const), at: fraction})
  ),
  {minLength: 1, maxLength: 6}
)

/** Apply mutations to a text. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const mutation of mutations) {
    const at = Math.floor(mutation.at * text.length)
    switch (mutation.op) {
      case 'delete':
        text = text.slice(0, at) + text.slice(at + mutation.length)
        break
      case 'duplicate':
        text = text.slice(0, at + mutation.length) + text.slice(at, at + mutation.length) + text.slice(at + mutation.length)
        break
      case 'move': {
        const piece = text.slice(at, at + mutation.length)
        const rest = text.slice(0, at) + text.slice(at + mutation.length)
        const to = Math.floor(mutation.to * rest.length)
        text = rest.slice(0, to) + piece + rest.slice(to)
        break
      }
      case 'insert':
        text = text.slice(0, at) + mutation.text + text.slice(at)
        break
      case 'truncate':
        text = text.slice(0, at)
        break
      case 'crlf':
        text = text.replace(/\r?\n/g, '\r\n')
        break
      case 'cr':
        text = text.replace(/\r?\n/g, '\r')
        break
      case 'bom':
        text = '\ufeff' + text
        break
      case 'indent':
      case 'dedent':
      case 'swap-lines': {
        const lines = text.split('\n')
        const index = Math.floor(mutation.at * lines.length)
        if (mutation.op === 'indent') lines[index] = '    ' + (lines[index] ?? '')
        else if (mutation.op === 'dedent') lines[index] = (lines[index] ?? '').trimStart()
        else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1]!, lines[index]!]
        text = lines.join('\n')
        break
      }
      case 'strip-blank-lines':
        text = text.replace(/\n\s*\n/g, '\n')
        break
    }
  }
  return text
}
