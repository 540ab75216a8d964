/**
 * Parameter names: how a placeholder as written becomes the name a runbook
 * lists, so that `<Pod-Name>`, `<pod name>` and `$POD_NAME` are one
 * parameter, `pod_name`.
 *
 * @example
 *   paramKey('<IP address of destination>') // → 'ip_address_of_destination'
 */

/**
 * The normalized key of a parameter name: lower case, `<>{}$` removed,
 * runs of spaces and hyphens as `_`.
 */
export function paramKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[<>{}$]/g, '')
    .trim()
    .replace(/[\s-]+/g, '_')
}
