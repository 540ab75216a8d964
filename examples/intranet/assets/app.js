// The host page's own script (no inline scripts: the pages work under a strict CSP).
// It shows how a page uses the widget: the theme attribute, and the typed events.

const widgets = () => document.querySelectorAll('runbook-kit, runbook-search, runbook-walkthrough')

for (const button of document.querySelectorAll('[data-theme-toggle]')) {
  button.addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme !== 'dark'
    document.documentElement.dataset.theme = dark ? 'dark' : 'light'
    button.setAttribute('aria-pressed', String(dark))
    button.textContent = dark ? 'Light mode' : 'Dark mode'
    for (const widget of widgets()) widget.setAttribute('theme', dark ? 'dark' : 'light')
  })
}

const activity = document.querySelector('[data-activity]')
const log = (text) => {
  if (!activity) return
  const item = document.createElement('li')
  const time = document.createElement('time')
  time.textContent = new Date().toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})
  item.append(time, ' ', text)
  activity.prepend(item)
  while (activity.children.length > 8) activity.lastElementChild.remove()
}

document.addEventListener('runbook-step-change', (event) => {
  const {stepId, cause, percent} = event.detail
  log(`${cause === 'resume' ? 'Resumed at' : 'Now at'} step “${stepId}” (${percent}%)`)
})
document.addEventListener('runbook-escalate', (event) => {
  log(`Escalated to ${event.detail.target.name}: ${event.detail.reason}`)
})
document.addEventListener('runbook-complete', (event) => {
  log(`Runbook finished in ${Math.round(event.detail.durationMs / 1000)} s; timeline ready to attach`)
})
