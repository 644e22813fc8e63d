import type { DialogueDetail } from '@shared/dialogue'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import { RowProblems, conversationResult, otherKeys, readExternalId, readMessages, type MessageShape } from './messages'
import type { RecordResult, SourceRecord } from './types'

/** The Interactive Agents release format (OpenAI chat fine-tuning): user = client, assistant = counselor. */
const SHAPE: MessageShape = {
  list: 'messages',
  role: 'role',
  content: 'content',
  roles: { system: 'system', user: 'client', assistant: 'counselor' },
}

export function readOpenAiRecord(file: string, record: SourceRecord): RecordResult {
  const problems = new RowProblems(file, record.row)
  const value = record.value
  if (!isPlainObject(value)) {
    problems.add(null, `each dialogue must be an object with "messages" (got ${describeValue(value)})`)
    return { ok: false, errors: problems.errors }
  }
  const { messages, system } = readMessages(value, SHAPE, problems)
  const externalId = readExternalId(value.id, 'id', problems)
  return conversationResult(record, problems, SHAPE.list, messages, {
    externalId,
    systemPrompt: system,
    meta: otherKeys(value, ['messages', 'id']),
  })
}

export function writeOpenAiRecord(dialogue: DialogueDetail, fallbackSystemPrompt: string | null) {
  const systemPrompt = dialogue.systemPrompt ?? fallbackSystemPrompt
  const messages = dialogue.messages.map((m) => ({
    role: m.speaker === 'client' ? 'user' : 'assistant',
    content: m.content,
  }))
  return { messages: systemPrompt ? [{ role: 'system', content: systemPrompt }, ...messages] : messages }
}
