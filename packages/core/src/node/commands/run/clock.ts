/**
 * The clock of `runbook run`: real time, or a fixed clock
 * (`RUNBOOK_KIT_CLOCK=fixed` or an ISO date) that moves one second per
 * answer, for reproducible timelines.
 *
 * @module
 */
import {UsageError} from '../../args.js'

/** The clock of a run: real, or fixed for reproducible timelines. */
export interface RunClock {
  now: () => number
  /** Called once per answer. */
  tick: () => void
  /** Move a fixed clock to at least `at` (after resuming). */
  seed: (at: number) => void
  fixed: boolean
}

export function makeClock(spec: string | undefined): RunClock {
  if (!spec) return {now: Date.now, tick() {}, seed() {}, fixed: false}
  const base = spec === 'fixed' ? Date.UTC(2026, 0, 1) : Date.parse(spec)
  if (Number.isNaN(base)) throw new UsageError(`RUNBOOK_KIT_CLOCK must be "fixed" or an ISO date, got "${spec}"`)
  let t = base
  return {
    now: () => t,
    tick() {
      t += 1000
    },
    seed(at) {
      t = Math.max(t, at)
    },
    fixed: true
  }
}
