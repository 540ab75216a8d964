/** Offer `text` as a file download (no network: a `blob:` URL). Returns false when the browser cannot. */
export function downloadText(fileName: string, text: string, type = 'text/markdown'): boolean {
  if (typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function' || typeof document === 'undefined') return false
  const url = URL.createObjectURL(new Blob([text], {type: `${type};charset=utf-8`}))
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.rel = 'noopener'
  anchor.hidden = true
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}
