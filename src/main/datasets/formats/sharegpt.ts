import type { DialogueDetail } from '@shared/dialogue'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import { RowProblems, conversationResult, otherKeys, readExternalId, readMessages, type MessageShape } from './messages'
import type { RecordResult, SourceRecord } from './types'

/**
 * Classic ShareGPT: human/user = client, gpt/assistant = counselor; the system prompt is "system" or a first system
 * turn.
 */
const SHAPE: MessageShape = {
  list: 'conversations',
  role: 'from',
  content: 'value',
  roles: { system: 'system', human: 'client', user: 'client', gpt: 'counselor', assistant: 'counselor' },
}

export function readShareGptRecord(file: string, record: SourceRecord): RecordResult {
  const problems = new RowProblems(file, record.row)
  const value = record.value
  if (!isPlainObject(value)) {
    problems.add(null, `each dialogue must be an object with "conversations" (got ${describeValue(value)})`)
    return { ok: false, errors: problems.errors }
  }
  const { messages, system: systemTurn } = readMessages(value, SHAPE, problems)
  const externalId = readExternalId(value.id, 'id', problems)

  // Many ShareGPT files carry "system": "" on every record: empty means none.
  let system: string | null = null
  if (typeof value.system === 'string') system = value.system.trim() === '' ? null : value.system
  else if (value.system !== undefined && value.system !== null)
    problems.add('system', `must be a string (got ${describeValue(value.system)})`)
  if (system !== null && systemTurn !== null && system !== systemTurn) {
    problems.add('system', 'differs from the system turn in conversations[0]; keep only one system prompt')
  }

  return conversationResult(record, problems, SHAPE.list, messages, {
    externalId,
    systemPrompt: system ?? systemTurn,
    meta: otherKeys(value, ['conversations', 'system', 'id']),
  })
}

export function writeShareGptRecord(dialogue: DialogueDetail, id: string, fallbackSystemPrompt: string | null) {
  const systemPrompt = dialogue.systemPrompt ?? fallbackSystemPrompt
  const conversations = dialogue.messages.map((m) => ({
    from: m.speaker === 'client' ? 'human' : 'gpt',
    value: m.content,
  }))
  return systemPrompt ? { id, conversations, system: systemPrompt } : { id, conversations }
}
