import type { Speaker } from '@shared/dialogue'
import type { Language, RowError } from '@shared/roleCard'
import { detectLanguage } from '../../roleCards/language'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import type { ImportedDialogue, ImportedMessage, RecordResult, SourceRecord } from './types'

/** Collects the errors of one record; every message starts with the field it is about. */
export class RowProblems {
  readonly errors: RowError[] = []
  constructor(
    readonly file: string,
    readonly row: number,
  ) {}

  add(field: string | null, problem: string): void {
    this.errors.push({ file: this.file, row: this.row, field, message: field ? `${field}: ${problem}` : problem })
  }
}

/** How a source format spells a message list. */
export interface MessageShape {
  list: string
  role: string
  content: string
  roles: Record<string, Speaker | 'system'>
}

export interface ReadMessages {
  messages: ImportedMessage[]
  /** Content of a leading system message, if the shape allows one and the list has one. */
  system: string | null
}

/**
 * Reads a message list. Consecutive messages from the same speaker stay separate messages (nothing is merged);
 * a system message is accepted only as the first one. Content is kept exactly, but must not be blank.
 */
export function readMessages(
  record: Record<string, unknown>,
  shape: MessageShape,
  problems: RowProblems,
): ReadMessages {
  const result: ReadMessages = { messages: [], system: null }
  const list = record[shape.list]
  if (list === undefined || list === null) {
    problems.add(shape.list, `is required (a list of {${shape.role}, ${shape.content}} messages)`)
    return result
  }
  if (!Array.isArray(list)) {
    problems.add(shape.list, `must be a list of messages (got ${describeValue(list)})`)
    return result
  }
  const known = Object.keys(shape.roles).join(', ')
  list.forEach((item: unknown, index) => {
    const at = `${shape.list}[${index}]`
    if (!isPlainObject(item))
      return problems.add(
        at,
        `must be an object with "${shape.role}" and "${shape.content}" (got ${describeValue(item)})`,
      )
    const role = item[shape.role]
    const speaker = typeof role === 'string' && Object.hasOwn(shape.roles, role) ? shape.roles[role] : undefined
    if (role === undefined) problems.add(`${at}.${shape.role}`, 'is required')
    else if (!speaker)
      problems.add(`${at}.${shape.role}`, `unknown role ${describeValue(role)} (expected one of: ${known})`)
    else if (speaker === 'system' && index > 0)
      problems.add(`${at}.${shape.role}`, 'a system message may only come first')

    const content = item[shape.content]
    if (typeof content !== 'string') {
      problems.add(
        `${at}.${shape.content}`,
        content === undefined ? 'is required' : `must be a string (got ${describeValue(content)})`,
      )
      return
    }
    if (content.trim() === '') return problems.add(`${at}.${shape.content}`, 'must not be empty')
    if (speaker === 'system') result.system = content
    else if (speaker) result.messages.push({ speaker, content })
  })
  return result
}

/**
 * Dialogue-level rules shared by every format: at least one client and one counselor message. Alternation is not
 * required (imports keep what the source has).
 */
export function checkSpeakers(messages: ImportedMessage[], listField: string, problems: RowProblems): void {
  if (messages.length === 0) return problems.add(listField, 'the dialogue has no messages')
  const has = (speaker: Speaker) => messages.some((m) => m.speaker === speaker)
  if (!has('client'))
    problems.add(listField, 'the dialogue has no client message; a dialogue needs both a client and a counselor')
  if (!has('counselor'))
    problems.add(listField, 'the dialogue has no counselor message; a dialogue needs both a client and a counselor')
}

/**
 * The end of reading one conversation: the shared speaker rules, then the dialogue with
 * its language; a source-specific role card, system prompt and meta come in `rest`.
 */
export function conversationResult(
  record: SourceRecord,
  problems: RowProblems,
  listField: string,
  messages: ImportedMessage[],
  rest: Pick<ImportedDialogue, 'externalId' | 'systemPrompt' | 'meta'> & Partial<Pick<ImportedDialogue, 'roleCard'>>,
): RecordResult {
  if (problems.errors.length === 0) checkSpeakers(messages, listField, problems)
  if (problems.errors.length) return { ok: false, errors: problems.errors }
  return {
    ok: true,
    dialogue: { row: record.row, language: dialogueLanguage(messages), messages, roleCard: null, ...rest },
  }
}

/** Detected from what the client says (the counselor may be a model that answers in another language). */
export function dialogueLanguage(messages: ImportedMessage[]): Language {
  const client = messages.filter((m) => m.speaker === 'client')
  return detectLanguage((client.length ? client : messages).map((m) => m.content).join('\n'))
}

/** Source ids may be numbers (SmileChat) or strings. */
export function readExternalId(value: unknown, field: string, problems: RowProblems): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' && value.trim() !== '') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  problems.add(field, `must be a non-empty string or a number (got ${describeValue(value)})`)
  return null
}

/** Top-level keys a reader did not use, kept in meta so nothing from the source is silently lost. */
export function otherKeys(record: Record<string, unknown>, used: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !used.includes(key)))
}
