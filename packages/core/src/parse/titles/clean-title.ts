/**
 * Rule: a title shows what a reader of the rendered page sees. HTML entities
 * are decoded, template syntax (Liquid `{{ … }}` and `{% … %}`, Hugo
 * shortcodes `{{< … >}}` and `{{% … %}}`, ERB `<% … %>`) is dropped, and so
 * is a heading permalink left at the end (`¶`, `🔗`, `§`, a lone `#`).
 *
 * @example
 *   cleanTitle('Backup &amp; restore ¶')            // 'Backup & restore'
 *   cleanTitle('Restart {{< param "service" >}}')   // 'Restart'
 *   cleanTitle('Rotate the C# client keys')         // unchanged
 */

/** Characters that can start something this rule removes or decodes. */
const suspect = /[&¶§#{<\u200b\u{1F517}]/u
/** Template syntax, Hugo shortcodes first (they nest `<`/`%` inside `{{ }}`). */
const template = /\{\{[<%][\s\S]*?[>%]\}\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|<%[\s\S]*?%>/g
/** A permalink at the end: `¶`, `🔗`, `§`, or a `#` that ends no word (`C#` stays). */
const permalink = /(?:\s*(?:[¶§\u{1F517}]|\u200b)+|\s+#)+\s*$/u
/** Separators left dangling at either end once template text is gone. */
const danglingEnd = /[\s:;,|–—-]+$/u
const danglingStart = /^[\s:;,|–—-]+/u
const emptyBrackets = /\(\s*\)|\[\s*\]/g

/** Named entities that titles use; any other named entity is left as written. */
const named: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  rarr: '→',
  larr: '←',
  harr: '↔',
  copy: '©',
  reg: '®',
  trade: '™',
  para: '¶',
  sect: '§',
  deg: '°',
  shy: ''
}
const entity = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g

/** Decode HTML entities (`&amp;`, `&#8217;`, `&#x2014;`); a doubly escaped `&amp;amp;` is decoded twice. */
export function decodeEntities(text: string): string {
  let result = text
  for (let round = 0; round < 3 && result.includes('&'); round++) {
    const next = result.replace(entity, (whole, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return Object.hasOwn(named, name) ? named[name]! : whole
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole
    })
    if (next === result) break
    result = next
  }
  return result
}

/** Drop template syntax from `text` (and the separators it leaves dangling). */
export function dropTemplateSyntax(text: string): string {
  template.lastIndex = 0
  if (!template.test(text)) return text
  return text.replace(template, ' ').replace(emptyBrackets, ' ').replace(/\s+/g, ' ').replace(danglingEnd, '').replace(danglingStart, '')
}

/**
 * A title as the rendered page shows it: entities decoded, template syntax
 * and a trailing permalink dropped, white space runs made single spaces.
 * Returns `''` when nothing is left (a title that was only template text).
 */
export function cleanTitle(text: string): string {
  if (!suspect.test(text)) return text.trim()
  let title = dropTemplateSyntax(text)
  title = decodeEntities(title)
  title = title.replace(permalink, '')
  return title.replace(/\s+/g, ' ').trim()
}
