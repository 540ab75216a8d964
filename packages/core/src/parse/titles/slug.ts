/**
 * Rule: ids made from free text are lower case, accents dropped, and every
 * run of characters that are not letters or digits one dash.
 *
 * @example
 *   slugText('Café & Bar: v1.2')   // 'cafe-bar-v1-2'
 */

/** A lower-case, dash-separated id from free text. */
export function slugText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}
