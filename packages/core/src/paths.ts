/** POSIX-style path helpers for runbook links, without Node built-ins. */

/** Normalize a path: backslashes to slashes, `.` and `..` segments resolved. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/')
  const parts: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
    else if (part !== '..' || !absolute) parts.push(part)
  }
  return (absolute ? '/' : '') + parts.join('/')
}

/** The folder of a file path (`a/b/c.md` → `a/b`). */
export function dirname(path: string): string {
  const normalized = path.replace(/\\/g, '/')
  const index = normalized.lastIndexOf('/')
  return index === -1 ? '' : normalized.slice(0, index)
}

/** Resolve `relative` against the folder of `from`. */
export function resolveFrom(from: string, relative: string): string {
  if (relative.startsWith('/')) return normalizePath(relative)
  const base = dirname(from)
  return normalizePath(base ? `${base}/${relative}` : relative)
}
