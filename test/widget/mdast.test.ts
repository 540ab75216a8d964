// @vitest-environment happy-dom
import {render} from 'lit'
import type {Root} from 'mdast'
import {describe, expect, it, vi} from 'vitest'
import {copyText, isChoiceList, renderMdast, type RenderContext, textOf} from '../../packages/widget/src/internal/mdast.js'
import {defaultStrings} from '../../packages/widget/src/internal/default-strings.js'
import {safeImageUrl, safeLinkUrl} from '../../packages/widget/src/internal/url.js'
import {phoneMarkdown, runbookOf} from './fixtures.js'

function show(tree: Root, ctx: Partial<RenderContext> = {}): HTMLElement {
  const host = document.createElement('div')
  render(renderMdast(tree, {strings: defaultStrings, ...ctx}), host)
  return host
}

const md = (markdown: string): Root => runbookOf(`# T\n\n## Step 1: A\n\n${markdown}\n\n## Step 2: B\n\nEnd.\n`).steps[0]!.content

describe('safe URLs', () => {
  it('keeps http(s), mailto and relative links', () => {
    for (const url of ['https://x.example/a', 'http://x', 'mailto:a@b.c', 'other.md', '#step-2', '/wiki/page', '?q=1']) {
      expect(safeLinkUrl(url)).toBe(url)
    }
  })

  it('drops javascript:, data:, vbscript: and other schemes, even obfuscated', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' java\tscript:alert(1)', 'java\nscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '\\\\server\\share']) {
      expect(safeLinkUrl(url)).toBeUndefined()
    }
    expect(safeLinkUrl(undefined)).toBeUndefined()
  })

  it('allows only http(s) and relative images', () => {
    expect(safeImageUrl('https://x/a.png')).toBe('https://x/a.png')
    expect(safeImageUrl('img/a.png')).toBe('img/a.png')
    expect(safeImageUrl('data:image/png;base64,AAAA')).toBeUndefined()
    expect(safeImageUrl('mailto:a@b')).toBeUndefined()
    expect(safeImageUrl('')).toBeUndefined()
  })
})

describe('renderMdast', () => {
  const phone = runbookOf(phoneMarkdown)
  const handset = phone.steps.find((s) => s.id === 'handset')!.content

  it('renders paragraphs, headings (shifted below the step title), emphasis and inline code', () => {
    const host = show(md('Some *em* and **strong** and `code`.\n\n### Sub heading\n\n#### Deeper'))
    expect(host.querySelector('p em')?.textContent).toBe('em')
    expect(host.querySelector('p strong')?.textContent).toBe('strong')
    expect(host.querySelector('p code')?.textContent).toBe('code')
    expect(host.querySelector('h4')?.textContent).toBe('Sub heading')
    expect(host.querySelector('h5')?.textContent).toBe('Deeper')
    expect(host.querySelector('h1, h2, h3')).toBeNull()
  })

  it('renders ordered lists with their start number, and nested lists', () => {
    const host = show(md('3. three\n4. four\n   - nested'))
    const list = host.querySelector('ol')!
    expect(list.getAttribute('start')).toBe('3')
    expect(list.querySelectorAll(':scope > li')).toHaveLength(2)
    expect(host.querySelector('ol li ul li')?.textContent?.trim()).toBe('nested')
  })

  it('renders tables with header cells and alignment classes (no style attributes)', () => {
    const host = show(handset)
    const table = host.querySelector('table')!
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Light', 'Meaning'])
    expect(table.querySelector('th')!.className).toBe('align-left')
    expect(table.querySelector('td:nth-child(2)')!.className).toBe('align-right')
    expect(host.querySelector('[style]')).toBeNull()
  })

  it('keeps safe links, opens external ones in a new tab, and turns unsafe ones into text', () => {
    const host = show(handset, {remoteImages: true})
    const links = [...host.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/guide', 'mailto:desk@example.com'])
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer')
    expect(links[0]!.getAttribute('target')).toBe('_blank')
    expect(host.querySelector('.unsafe-link')?.textContent).toBe('bad link')
    expect(host.innerHTML).not.toContain('javascript:')
  })

  it('renders images with alt text, and drops unsafe sources but keeps their alt as text', () => {
    const host = show(handset, {remoteImages: true})
    const images = host.querySelectorAll('img')
    expect(images).toHaveLength(1)
    expect(images[0]!.getAttribute('src')).toBe('https://example.com/phone.png')
    expect(images[0]!.getAttribute('alt')).toBe('Phone diagram')
    expect(host.querySelector('.unsafe-image')?.textContent).toBe('Inline pixel')
  })

  it('shows raw HTML as text, never as elements', () => {
    const host = show(handset)
    expect(host.querySelector('script')).toBeNull()
    expect(host.querySelector('.raw-html')?.textContent).toContain('<script>window.__pwned = true</script>')
    expect((window as {__pwned?: boolean}).__pwned).toBeUndefined()
  })

  it('renders inline HTML as text except a plain <br>', () => {
    const host = show(md('one<br>two <b onclick="x()">bold</b>'))
    expect(host.querySelector('br')).not.toBeNull()
    expect(host.querySelector('b')).toBeNull()
    expect(host.textContent).toContain('<b onclick="x()">')
  })

  it('renders callouts by kind from data.callout, with a title', () => {
    const power = phone.steps.find((s) => s.id === 'power')!.content
    const host = show(power)
    const callout = host.querySelector('.callout')!
    expect(callout.classList.contains('callout-warning')).toBe(true)
    expect(callout.getAttribute('part')).toBe('callout callout-warning')
    expect(callout.getAttribute('role')).toBe('note')
    expect(callout.querySelector('.callout-title')?.textContent).toBe('Warning')
    expect(callout.textContent).toContain('Do not unplug the computer')
    expect(callout.textContent).not.toContain('[!WARNING]')
  })

  it('renders code with a copy button that copies commands without prompts and output', () => {
    const onCopy = vi.fn()
    const host = show(handset, {onCopy})
    const code = host.querySelector('.code')!
    expect(code.querySelector('pre code')?.textContent).toContain('$ ping -c 3 phone-<extension>.corp.example')
    const button = code.querySelector('button')!
    expect(button.textContent?.trim()).toBe('Copy')
    button.click()
    expect(onCopy).toHaveBeenCalledWith('ping -c 3 phone-<extension>.corp.example')
  })

  it('says "Copied" on the button of the code just copied', () => {
    const host = show(md('```sh\necho hi\n```'), {onCopy: () => {}, copied: 'echo hi'})
    expect(host.querySelector('.copy')?.textContent?.trim()).toBe('Copied')
  })

  it('fills parameters in code through the context, marking missing ones', () => {
    const fill = (code: string) => {
      const at = code.indexOf('<extension>')
      return at < 0 ? [code] : [code.slice(0, at), {name: 'extension', value: undefined}, code.slice(at + 11)]
    }
    let host = show(handset, {fill})
    expect(host.querySelector('mark.param.missing')?.textContent).toBe('‹extension›')
    const filled = (code: string) => fill(code).map((p) => (typeof p === 'string' ? p : {...p, value: '4021'}))
    const onCopy = vi.fn()
    host = show(handset, {fill: filled, onCopy})
    expect(host.querySelector('mark.param')?.textContent).toBe('4021')
    host.querySelector<HTMLButtonElement>('.copy')!.click()
    expect(onCopy).toHaveBeenCalledWith('ping -c 3 phone-4021.corp.example')
  })

  it('renders task items as working checkboxes when the context knows the checklist', () => {
    const power = phone.steps.find((s) => s.id === 'power')!
    const onCheck = vi.fn()
    const host = show(power.content, {
      checklistId: (text) => power.checklist.find((i) => i.text === text)?.id,
      isChecked: (id) => id === 'cable-is-seated',
      onCheck
    })
    const boxes = [...host.querySelectorAll<HTMLInputElement>('li.task input[type=checkbox]')]
    expect(boxes).toHaveLength(2)
    expect(boxes.map((b) => b.checked)).toEqual([false, true])
    expect(boxes[0]!.closest('label')?.textContent).toContain('Port light is on')
    boxes[0]!.checked = true
    boxes[0]!.dispatchEvent(new Event('change'))
    expect(onCheck).toHaveBeenCalledWith('port-light-is-on', true)
  })

  it('renders task items as read-only boxes without checklist support', () => {
    const host = show(md('- [x] done\n- [ ] open'))
    const boxes = [...host.querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [true, true],
      [false, true]
    ])
  })

  it('turns in-runbook anchor links into step navigation', () => {
    const display = phone.steps[0]!.content
    const onAnchor = vi.fn()
    const host = show(display, {onAnchor})
    const link = [...host.querySelectorAll('a')].find((a) => a.getAttribute('href') === '#power')!
    const event = new MouseEvent('click', {bubbles: true, cancelable: true})
    link.dispatchEvent(event)
    expect(onAnchor).toHaveBeenCalledWith('power')
    expect(event.defaultPrevented).toBe(true)
  })

  it('hides the final choice list of a decision when asked (the choices become buttons)', () => {
    const display = phone.steps[0]!.content
    expect(isChoiceList(display.children.at(-1) as never)).toBe(true)
    expect(show(display).querySelectorAll('li')).toHaveLength(2)
    expect(show(display, {hideChoiceList: true}).querySelectorAll('li')).toHaveLength(0)
  })

  it('resolves reference links and images through definitions, and keeps unresolved ones as text', () => {
    const host = show(md('[guide][g] and [missing][nope] ![logo][l]\n\n[g]: https://example.com/g\n[l]: https://example.com/l.png'), {remoteImages: true})
    expect(host.querySelector('a')?.getAttribute('href')).toBe('https://example.com/g')
    expect(host.querySelector('img')?.getAttribute('src')).toBe('https://example.com/l.png')
    expect(host.textContent).toContain('missing')
  })

  it('shows images from other origins as links with their alt text unless remote images are allowed', () => {
    const tree = md(
      '![pixel](https://evil.example/p.png) ![proto](//evil.example/q.png) ![slash](/\\evil.example/s.png) ![ref][r] ![](https://evil.example/noalt.png)' +
        ` ![local](img/a.png) ![root](/img/b.png) ![same](${location.origin}/c.png)\n\n[r]: http://evil.example/r.png`
    )
    const host = show(tree)
    expect([...host.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['img/a.png', '/img/b.png', `${location.origin}/c.png`])
    const links = [...host.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])
    expect(links).toEqual([
      ['pixel', 'https://evil.example/p.png', 'noopener noreferrer'],
      ['proto', '//evil.example/q.png', null],
      ['slash', '/\\evil.example/s.png', null],
      ['ref', 'http://evil.example/r.png', 'noopener noreferrer'],
      ['https://evil.example/noalt.png', 'https://evil.example/noalt.png', 'noopener noreferrer']
    ])
    const allowed = show(tree, {remoteImages: true})
    expect(allowed.querySelectorAll('img')).toHaveLength(8)
    expect(allowed.querySelectorAll('a')).toHaveLength(0)
  })

  it('renders nothing for a missing or malformed tree, and unknown nodes by their children', () => {
    expect(show(undefined as never).textContent).toBe('')
    const odd = {type: 'root', children: [{type: 'mystery', children: [{type: 'text', value: 'inside'}]}]} as unknown as Root
    expect(show(odd).textContent).toContain('inside')
  })

  it('textOf and copyText', () => {
    expect(textOf(md('a *b* `c`'))).toBe('a b c')
    expect(copyText('echo one')).toBe('echo one')
    expect(copyText('$ ls \\\n  -la\noutput line\n$ pwd\n/home')).toBe('ls \\\n  -la\npwd')
  })
})

describe('links to other runbooks', () => {
  it('opens a known runbook through onRunbookLink; an unknown one, or any other Markdown file, is text with a title', () => {
    const opened: unknown[] = []
    const host = show(md('See [a](restore.md#start), [b](gone.md), [c](notes.markdown?x=1), [d](guide.md.erb) and [e](https://x.example/a.md).'), {
      runbookLink: (url) => (url === 'restore.md#start' ? {runbook: 'restore', step: 'start'} : url === 'gone.md' ? null : undefined),
      onRunbookLink: (target) => opened.push(target)
    })
    const links = [...host.querySelectorAll('a')]
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['a', '#restore/start'],
      ['e', 'https://x.example/a.md']
    ])
    links[0]!.click()
    expect(opened).toEqual([{runbook: 'restore', step: 'start'}])
    expect([...host.querySelectorAll('.missing-link')].map((span) => [span.textContent, span.getAttribute('title')])).toEqual([
      ['b', 'Not in this library: gone.md'],
      ['c', 'Not in this library: notes.markdown?x=1'],
      ['d', 'Not in this library: guide.md.erb']
    ])
  })
})
