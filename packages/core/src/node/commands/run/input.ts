/**
 * Where the answers of `runbook run` come from: a keyboard (raw mode, arrow
 * keys) or a script (one answer per line).
 *
 * @module
 */
import {emitKeypressEvents} from 'node:readline'

/** A key press, as Node's readline reports it. */
export interface Key {
  name?: string | undefined
  sequence?: string | undefined
  ctrl?: boolean | undefined
}

/** Thrown when the person presses Ctrl-C (or the script asks to quit). */
export class Interrupted extends Error {
  override name = 'Interrupted'
}

/** Where answers come from: a keyboard or a script. */
export interface Input {
  /** Whether keys (arrows, single letters) are read, rather than lines. */
  readonly keys: boolean
  /** The next key (keyboard only). */
  key(): Promise<Key>
  /** A line of text after `prompt`; null when the input ended or the person pressed Escape. */
  line(prompt: string, options?: {mask?: boolean}): Promise<string | null>
  /** While set (keyboard only), Ctrl-C calls `handler` and other keys are dropped; returns the function that unsets it. */
  intercept(handler: () => void): () => void
  close(): void
}

interface Out {
  write(chunk: string): unknown
}

/** `CliIo.stdin` is typed by its shape (`CliInput`); it is a Node readable stream. */
export type NodeStdin = NodeJS.ReadableStream & {setRawMode?: ((mode: boolean) => unknown) | undefined}

/** Keyboard input in raw mode on a TTY stream. */
export function keyboardInput(
  stdin: NodeStdin,
  out: Out
): Input {
  emitKeypressEvents(stdin)
  stdin.setRawMode?.(true)
  stdin.resume()
  const queue: Key[] = []
  const waiting: Array<(key: Key) => void> = []
  let interceptor: (() => void) | undefined
  const onKey = (sequence: string | undefined, key: Key | undefined) => {
    const k: Key = {name: key?.name, sequence: key?.sequence ?? sequence, ctrl: key?.ctrl}
    if (interceptor) {
      if (k.ctrl && k.name === 'c') interceptor()
      return
    }
    const next = waiting.shift()
    if (next) next(k)
    else queue.push(k)
  }
  stdin.on('keypress', onKey)
  const key = () => {
    const queued = queue.shift()
    return queued ? Promise.resolve(queued) : new Promise<Key>((resolve) => waiting.push(resolve))
  }
  return {
    keys: true,
    key,
    async line(prompt, options) {
      out.write(prompt)
      let value = ''
      for (;;) {
        const k = await key()
        if (k.ctrl && k.name === 'c') {
          out.write('\n')
          throw new Interrupted('interrupted')
        }
        if (k.name === 'return' || k.name === 'enter') {
          out.write('\n')
          return value
        }
        if (k.name === 'escape') {
          out.write('\n')
          return null
        }
        if (k.name === 'backspace') {
          if (value.length > 0) {
            value = value.slice(0, -1)
            out.write('\b \b')
          }
          continue
        }
        const s = k.sequence ?? ''
        if (!k.ctrl && s.length > 0 && !s.startsWith('\x1b') && s >= ' ') {
          value += s
          out.write(options?.mask ? '*'.repeat(s.length) : s)
        }
      }
    },
    intercept(handler) {
      interceptor = handler
      return () => {
        interceptor = undefined
      }
    },
    close() {
      stdin.removeListener('keypress', onKey)
      stdin.setRawMode?.(false)
      stdin.pause()
    }
  }
}

/** Input from lines of text (a script file or a pipe): every answer is one line, echoed after its prompt. */
export function scriptInput(lines: AsyncIterator<string> | Iterator<string>, out: Out, onClose?: () => void): Input {
  return {
    keys: false,
    key() {
      return Promise.reject(new Error('scripted input has no keys'))
    },
    async line(prompt, options) {
      out.write(prompt)
      for (;;) {
        const next = await lines.next()
        if (next.done) {
          out.write('(end of script)\n')
          return null
        }
        const text = next.value.replace(/\r$/, '')
        if (/^\s*#/.test(text)) continue
        out.write((options?.mask ? '*'.repeat(text.length) : text) + '\n')
        return text
      }
    },
    intercept() {
      return () => {}
    },
    close() {
      onClose?.()
    }
  }
}
