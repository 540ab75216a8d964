/**
 * The key map of `runbook run` in a terminal: arrows and Enter for choices,
 * digits, and one letter per action.
 *
 * @module
 */
import type {Action} from './answers.js'
import {Interrupted, type Key} from './input.js'

/** A keyboard answer, or undefined for keys that only move the highlight. */
export function keyAction(key: Key, choices: number, highlight: number): Action | 'up' | 'down' | undefined {
  if (key.ctrl && key.name === 'c') throw new Interrupted('interrupted')
  if (key.name === 'up') return 'up'
  if (key.name === 'down') return 'down'
  if (key.name === 'return' || key.name === 'enter') return choices > 1 ? {type: 'choose', index: highlight} : {type: 'continue'}
  const s = key.sequence ?? ''
  if (/^[1-9]$/.test(s)) return {type: 'choose', index: Number(s) - 1}
  const letters: Record<string, Action> = {
    r: {type: 'run'},
    c: {type: 'toggle'},
    n: {type: 'note'},
    p: {type: 'param'},
    e: {type: 'escalate'},
    b: {type: 'back'},
    g: {type: 'goto'},
    f: {type: 'finish'},
    a: {type: 'abandon'},
    q: {type: 'quit'},
    '?': {type: 'help'},
    h: {type: 'help'}
  }
  return letters[s]
}
