/** Helpers for component tests in happy-dom. */
import type {LitElement} from 'lit'

/** Wait until `check` returns a truthy value (polling each macrotask), or fail after `timeout` ms. */
export async function until<T>(check: () => T, timeout = 2000): Promise<NonNullable<T>> {
  const start = Date.now()
  for (;;) {
    const value = check()
    if (value) return value as NonNullable<T>
    if (Date.now() - start > timeout) throw new Error(`until: timed out waiting for ${check.toString()}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Create `tag`, set `props`, attach it to the document and wait for its first render. */
export async function mount<T extends LitElement>(tag: string, props: Record<string, unknown> = {}, attributes: Record<string, string> = {}): Promise<T> {
  const element = document.createElement(tag) as T
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  Object.assign(element, props)
  document.body.append(element)
  await element.updateComplete
  return element
}

/** Let pending renders and microtasks settle. */
export async function settle(element: LitElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await element.updateComplete
  }
}

/** Query inside an element's shadow root. */
export function $<E extends Element = HTMLElement>(element: Element, selector: string): E | null {
  return element.shadowRoot!.querySelector<E>(selector)
}

/** Query all inside an element's shadow root. */
export function $$<E extends Element = HTMLElement>(element: Element, selector: string): E[] {
  return [...element.shadowRoot!.querySelectorAll<E>(selector)]
}

/** The buttons of a shadow root whose text contains `text`. */
export function button(element: Element, text: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(element, 'button').find((b) => b.textContent?.includes(text))
  if (!found) throw new Error(`no button "${text}" in <${element.localName}>: ${$$(element, 'button').map((b) => b.textContent?.trim()).join(' | ')}`)
  return found
}

/** Collect the events named `name` that reach `document`. */
export function record<T = unknown>(name: string): {events: CustomEvent<T>[]; stop: () => void} {
  const events: CustomEvent<T>[] = []
  const listener = (event: Event) => events.push(event as CustomEvent<T>)
  document.addEventListener(name, listener)
  return {events, stop: () => document.removeEventListener(name, listener)}
}
