/**
 * Go-to sentences (rules `go-to-sentence` and `follow-link`): a link that
 * follows "go to", "skip to", "proceed to", "follow the steps above:" … is
 * a jump; one that is the action right after a condition ("If you use a
 * Mac, [reset the keychain](#keychain)") is a choice labelled with the
 * condition. "Follow the steps in [the vendor guide](https://…)" hands over
 * to an external document. A condition followed by anything else ("If …,
 * see [Section 2.2](#s22)") is a tip, not a jump.
 *
 * @module
 */
import type {Nodes, Paragraph, PhrasingContent, RootContent} from 'mdast'
import type {Definitions} from '../content.js'
import {classifyHref, type FoundLink, urlOf} from '../links/links.js'
import {textOf, walk} from '../../walk.js'

/** A go-to sentence: "Go to [Step 7](#step-7)", "If the light is off, skip to [power](#power)", "If you use a Mac, [reset the keychain](#keychain)". */
export interface GoTo {
  link: FoundLink
  /** "Follow the steps in [the vendor guide](https://…)": the procedure goes on in an external document. */
  external?: boolean | undefined
  /** The condition ("If the light is off"), when the sentence has one. */
  condition?: string | undefined
  /** "Follow [the Aptly runbook](aptly.md) to …": a procedure to follow, rather than a place to go to. */
  follow?: boolean | undefined
}

/** "Go to", "skip to", "continue with" … right before the link. */
const goPhrase = /\b(?:go|skip|proceed|continue|jump|return|move on|go back|head|carry on)\s+(?:straight\s+|directly\s+|back\s+|on\s+)?(?:to|with)\s+(?:the\s+)?(?:step\s+(?:called\s+)?)?/
/** "Follow (the instructions in) [x]", "follow the steps above:" right before the link. */
const followGoPhrase =
  /(?:^|[,;:]\s*|\b(?:then|and)\s+)(?:please\s+|now\s+)?follow\s+(?:the\s+)?(?:(?:steps?|instructions|procedure|process|runbook|guide|playbook)\s+)?(?:(?:described|given|listed|outlined)\s+)?(?:(?:in|at|from|above|below|under)\s*:?\s*)?(?:the\s+)?/
const goToPhrase = new RegExp(`(?:${goPhrase.source}|${followGoPhrase.source})["“]?$`, 'i')
/** A go-to by "follow": a procedure to follow rather than a place to go to. */
const followGoTo = new RegExp(`${followGoPhrase.source}["“]?$`, 'i')
/** "Follow the steps described in" before a link: the reader carries on in the linked document. */
const followPhrase = /(?:^|[,;:]\s*|\b(?:then|and)\s+)(?:please\s+|now\s+)?follow\s+(?:the\s+)?(?:steps?|instructions|procedure|process|runbook|guide|playbook)\b[^.!?]*$/i
/**
 * "If X, (please) refer to the [recovery guide](https://…)": after a
 * condition, an external document to refer to is where the procedure goes
 * on for that case (rule `follow-link`). Without a condition, or to a step
 * of this runbook, "refer to" is a tip like "see"; so it is after a wish
 * ("If you need to create a cluster, refer to [the docs](https://…)").
 */
const referPhrase = /(?:[,;:]\s*|\bthen\s+|\s)(?:please\s+)?refer\s+(?:to\s+)?(?:the\s+)?(?:[\w-]+\s+){0,4}$/i
/** "If you need to …", "If you want …": what the reader may wish to do, not a case to handle. */
const wish = /^(?:if|when|in case)\s+(?:you|we)\s+(?:need|want|wish|would\s+like|'d\s+like|prefer|are\s+interested|plan)\b/i
/** What may stand between a condition and its link for the link to be the action ("If X, [do Y](#y)", "If X then [Y](#y)"). */
const directAction = /(?:,\s*(?:then\s+)?|\bthen\s+)$/i
const conditionStart = /^(?:if|when|unless|otherwise|in case|should)\b/i

/** Go-to sentences in the paragraphs of `nodes` (not inside `skip`, the choice list). */
export function goTosIn(nodes: RootContent[], definitions: Definitions, skip?: Nodes): GoTo[] {
  const found: GoTo[] = []
  for (const root of nodes) {
    walk(root, (node) => {
      if (node === skip) return false
      if (node.type === 'paragraph') {
        // A go-to is a link: most paragraphs have none, and need no sentence reading.
        if (hasLink(node.children)) goTosInParagraph(node, definitions, found)
        return false
      }
      // Headings and tables hold text only, and no paragraph.
      return node.type !== 'heading' && node.type !== 'table'
    })
  }
  return found
}

/** Whether `children` hold a link or link reference, at any depth. */
function hasLink(children: readonly PhrasingContent[]): boolean {
  for (const child of children) {
    if (child.type === 'link' || child.type === 'linkReference') return true
    if ('children' in child && hasLink(child.children as PhrasingContent[])) return true
  }
  return false
}

function goTosInParagraph(paragraph: Paragraph, definitions: Definitions, found: GoTo[]): void {
  const sentence = new SentenceReader()
  const visit = (children: PhrasingContent[]) => {
    for (const child of children) {
      if (child.type === 'link' || child.type === 'linkReference') {
        const url = urlOf(child, definitions)
        const target = url === undefined ? undefined : classifyHref(url)
        // "Go to [x](#x)", and GOV.UK style "If you use a Mac, [reset the keychain](#keychain)".
        // A condition alone makes a go-to only when the link is the action right after its comma:
        // "If Macie is not available, see [Section 2.2](#s22)" is a tip, not a jump.
        const end = sentence.end()
        const goTo = goToPhrase.test(end)
        // An external page is a hand-over only when the reader is told to follow its steps ("Go to [the console](https://…)" is a page to visit).
        const web = target?.type === 'external' && /^https?:/i.test(url ?? '')
        const referred = web && conditionStart.test(sentence.start()) && !wish.test(sentence.start()) && referPhrase.test(end)
        const external = referred || (web && followPhrase.test(end))
        // "If X then the controller restores it from [Y](#y), [Z](#z)": the condition has its consequence already; no link is the action.
        const direct =
          conditionStart.test(sentence.start()) && directAction.test(end) && !(/,\s*(?:then\s+)?$/.test(end) && /\bthen\b/i.test(sentence.condition() ?? ''))
        if (url !== undefined && target && (target.type !== 'external' || external) && (goTo || referred || direct)) {
          const link: FoundLink = {url, text: textOf(child).trim(), target, position: child.position, node: child}
          const condition = conditionStart.test(sentence.start()) ? sentence.condition() : undefined
          const goToFound: GoTo = condition ? {link, condition} : {link}
          if (external) goToFound.external = true
          if (followGoTo.test(end)) goToFound.follow = true
          found.push(goToFound)
        }
        sentence.add(textOf(child))
      } else if ('value' in child) {
        sentence.add(child.value)
      } else if ('children' in child) {
        visit(child.children as PhrasingContent[])
      } else if (child.type === 'break') {
        sentence.add(' ')
      }
    }
  }
  visit(paragraph.children)
}

/** Characters kept of each end of a sentence: far more than the longest go-to phrase or condition word. */
const sentenceEnds = 200
/** The longest condition kept whole; a longer one is cut there and ends in `…`. */
const conditionLength = 1000

/**
 * The last sentence of a paragraph as it is read, piece by piece. A sentence
 * ends after `.`, `!` or `?` and white space. Each link looks only at the
 * sentence's start (`conditionStart`) and end (`goToPhrase`, with white space
 * runs made single spaces, which the phrase does not tell apart), so a
 * paragraph of thousands of links without a full stop is read in linear
 * time. A condition is read once its comma is, and cut at `conditionLength`
 * characters before that, so a sentence of thousands of conditional links is
 * linear too. Pieces are looked at only when a link asks, so paragraphs
 * without links cost nothing.
 */
class SentenceReader {
  /** Pieces of the sentence, raw. */
  #pieces: string[] = []
  /** Pieces added since a link last asked. */
  #pending: string[] = []
  /** Its first characters, without leading white space. */
  #start = ''
  /** Its last characters, white space runs as one space. */
  #end = ''
  /** The last character read, to see a sentence end across pieces. */
  #last = ''
  /** Characters in `#pieces`. */
  #length = 0
  /** The condition up to the sentence's first comma, once read (`null`: that clause is no condition). */
  #clause: string | null | undefined

  add(value: string): void {
    if (value !== '') this.#pending.push(value)
  }

  #read(): void {
    for (const value of this.#pending) {
      // The last sentence end in `value` (or right at its start, after a `.` read before).
      let cut = /^\s/.test(value) && /[.!?]/.test(this.#last) ? 0 : -1
      const ends = /[.!?]\s/g
      for (let match = ends.exec(value); match; match = ends.exec(value)) {
        cut = match.index + 1
        ends.lastIndex = match.index + 1
      }
      this.#last = value.charAt(value.length - 1)
      if (cut >= 0) {
        const rest = value.slice(cut)
        this.#pieces = [rest]
        this.#length = rest.length
        this.#clause = undefined
        this.#start = rest.trimStart().slice(0, sentenceEnds)
        this.#end = rest.replace(/\s+/g, ' ').slice(-sentenceEnds)
        continue
      }
      this.#pieces.push(value)
      this.#length += value.length
      if (this.#start === '') this.#start = value.trimStart().slice(0, sentenceEnds)
      else if (this.#start.length < sentenceEnds) this.#start = (this.#start + value.slice(0, sentenceEnds)).slice(0, sentenceEnds)
      this.#end = (this.#end + value).replace(/\s+/g, ' ').slice(-sentenceEnds)
    }
    this.#pending = []
  }

  /** The first characters of the sentence. */
  start(): string {
    this.#read()
    return this.#start
  }

  /** The last characters of the sentence, white space runs as single spaces. */
  end(): string {
    this.#read()
    return this.#end
  }

  /** The condition of the sentence so far ("If the light is off"), if it starts with one. */
  condition(): string | undefined {
    this.#read()
    if (this.#clause !== undefined) return this.#clause ?? undefined
    if (this.#length > conditionLength) {
      // Only the first characters: the sentence is longer than any condition kept whole.
      let head = ''
      for (let index = 0; index < this.#pieces.length && head.length <= conditionLength; index++) head += this.#pieces[index]
      head = head.trimStart()
      const comma = head.indexOf(',')
      if (comma !== -1 && comma <= conditionLength) return this.#keep(head.slice(0, comma + 1))
      return this.#keep(head.slice(0, conditionLength).trimEnd() + '…')
    }
    const text = this.#pieces.join('')
    this.#pieces = [text]
    const comma = text.indexOf(',')
    return comma === -1 ? conditionOf(text.trimStart()) : this.#keep(text.slice(0, comma + 1).trimStart())
  }

  /** Read the condition from `clause` (which ends at its comma, or is cut) and keep it for the rest of the sentence. */
  #keep(clause: string): string | undefined {
    this.#clause = conditionOf(clause) ?? null
    return this.#clause ?? undefined
  }
}

/** "If the light is off, go to" → "If the light is off" (undefined when the sentence starts with no condition). */
export function conditionOf(sentence: string): string | undefined {
  if (!conditionStart.test(sentence)) return undefined
  const comma = sentence.indexOf(',')
  const clause = (comma === -1 ? sentence.replace(goToPhrase, '').replace(referPhrase, '') : sentence.slice(0, comma)).replace(/[\s,;:]*(?:then\s*)?$/i, '').trim()
  return clause || undefined
}
