/**
 * Rule: a code block that the sentence before it introduces as output is
 * sample output, not a command: "Output similar to:", "You should see:",
 * "The output is:", "which returns:", "It should look like this:". A sentence that
 * also tells the reader to run something ("Run this and you should see …")
 * is left to the block's own prompts.
 *
 * A block introduced by nothing but "Example:" or "For example" that holds
 * prompts and what they printed is an example session, not commands.
 *
 * A block right after a command block, with nothing between them, is that
 * command's output when it is untagged or tagged as text or output, has no
 * prompt, and does not start with a command.
 *
 * @example
 *   isOutputIntro('The output should look similar to:') // → true
 *   isOutputIntro('Run the following command:') // → false
 */

import type {Code} from 'mdast'
import {looksLikeCommand} from './command-words.js'
import {matchPrompt} from './prompts.js'

const outputCue =
  /\b(?:(?:sample|example|expected|typical|the following) output|output (?:is|will be|should be|looks|should look|similar|like|resembles|of)|(?:get|see|receive) an? output|output\s*:?\s*$|you should see|you will see|you'll see|you should get|you will get|should look like|similar to|should return|will return|returns|result is|results are|response is|displays)\b/i
const runCue = /\b(?:run|execute|type|enter|invoke|use the (?:following )?command)\b/i

/** Whether `text`, the paragraph just before a code block, introduces sample output. */
export function isOutputIntro(text: string): boolean {
  if (!outputCue.test(text)) return false
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z])/)
  const last = sentences[sentences.length - 1] ?? ''
  if (!/[:.]\s*$|e\.g\.?\s*$/i.test(last) && !/\boutput\s*$/i.test(last)) return false
  return outputCue.test(last) && !runCue.test(last)
}

const outputLangs = new Set(['text', 'txt', 'plain', 'plaintext', 'output', 'log', 'logs', 'none', 'nohighlight', 'json', 'yaml', 'yml', 'xml'])

/** Whether `node`, a code block right after a command block, is that command's output. */
export function isOutputAfter(node: Pick<Code, 'lang' | 'value'>): boolean {
  if (node.lang && !outputLangs.has(node.lang.toLowerCase())) return false
  const lines = node.value.split('\n').filter((line) => line.trim() !== '')
  if (lines.length === 0 || lines.some((line) => matchPrompt(line.trim()) !== undefined)) return false
  return !looksLikeCommand(lines[0]!)
}

/**
 * Whether `text` (the whole paragraph before `node`) labels `node` as an
 * example session, prompts with their output: it is "Example:" alone, or
 * ends by introducing one ("… if you get an output like this, e.g.").
 */
export function isExampleSession(text: string, node: Pick<Code, 'value'>): boolean {
  const label = text.trim()
  if (!/^(?:for )?example[:.]?$|^e\.g\.:?$/i.test(label) && !/(?:\be\.g\.|\bfor example)[:,]?$/i.test(label)) return false
  const lines = node.value.split('\n').filter((line) => line.trim() !== '')
  const prompted = lines.filter((line) => matchPrompt(line.trim()) !== undefined).length
  return prompted > 0 && prompted < lines.length
}
