/**
 * Register a custom element once. Registering a tag that is already taken
 * (the widget loaded twice, by two script tags or two versions) keeps the
 * first definition and warns instead of throwing, so the page keeps working.
 */
export function define(name: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return
  const existing = customElements.get(name)
  if (existing === undefined) {
    customElements.define(name, constructor)
  } else if (existing !== constructor) {
    console.warn(`runbook-kit: <${name}> is already registered; keeping the first definition [RK-DUPLICATE-DEFINE]`)
  }
}
