import type {ReactiveController, ReactiveControllerHost} from 'lit'

/** What a {@link TaskController} is doing. */
export type TaskStatus = 'initial' | 'pending' | 'complete' | 'error'

/** Options of a {@link TaskController}. */
export interface TaskOptions<A extends readonly unknown[], R> {
  /** The work: gets the arguments and a signal that aborts when newer arguments arrive. */
  task: (args: A, signal: AbortSignal) => Promise<R>
  /** The arguments, read before every update of the host: the task runs again when one of them changed (`Object.is`). */
  args: () => A
}

/**
 * Async work that follows a component's properties, like `@lit/task`: when
 * the arguments change, the run in flight is aborted (its signal fires and
 * its result is dropped) and a new one starts, so the latest arguments
 * always win. The host re-renders when the status changes.
 */
export class TaskController<A extends readonly unknown[], R> implements ReactiveController {
  /** What the task is doing. */
  status: TaskStatus = 'initial'
  /** The result of the last complete run. */
  value: R | undefined
  /** Why the last run failed. */
  error: unknown
  readonly #host: ReactiveControllerHost
  readonly #options: TaskOptions<A, R>
  #args: A | undefined
  #abort: AbortController | undefined

  constructor(host: ReactiveControllerHost, options: TaskOptions<A, R>) {
    this.#host = host
    this.#options = options
    host.addController(this)
  }

  hostUpdate(): void {
    const args = this.#options.args()
    const last = this.#args
    if (last && last.length === args.length && args.every((value, i) => Object.is(value, last[i]))) return
    void this.run(args)
  }

  /** Run the task now (again), with `args` or the current arguments; resolves when this run settles. */
  async run(args: A = this.#options.args()): Promise<void> {
    this.#abort?.abort()
    const abort = new AbortController()
    this.#abort = abort
    this.#args = args
    this.status = 'pending'
    this.#host.requestUpdate()
    try {
      const value = await this.#options.task(args, abort.signal)
      if (abort.signal.aborted) return
      this.value = value
      this.error = undefined
      this.status = 'complete'
    } catch (error) {
      if (abort.signal.aborted) return
      this.error = error
      this.status = 'error'
    }
    this.#host.requestUpdate()
  }

  /** Abort the run in flight, if any (its result is dropped). */
  abort(): void {
    this.#abort?.abort()
  }
}
