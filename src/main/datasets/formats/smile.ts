import type { DialogueDetail } from '@shared/dialogue'
import { describeValue, isPlainObject } from '../../roleCards/validation'
import { RowProblems, conversationResult, otherKeys, readExternalId, readMessages, type MessageShape } from './messages'
import type { RecordResult, SourceRecord } from './types'

/** SmileChat: `{ id, messages: [{ role: client|counselor, content }] }`, one per line. */
const SHAPE: MessageShape = {
  list: 'messages',
  role: 'role',
  content: 'content',
  roles: { client: 'client', counselor: 'counselor' },
}

export function readSmileRecord(file: string, record: SourceRecord): RecordResult {
  const problems = new RowProblems(file, record.row)
  const value = record.value
  if (!isPlainObject(value)) {
    problems.add(null, `each dialogue must be an object with "id" and "messages" (got ${describeValue(value)})`)
    return { ok: false, errors: problems.errors }
  }
  const { messages } = readMessages(value, SHAPE, problems)
  const externalId = readExternalId(value.id, 'id', problems)
  return conversationResult(record, problems, SHAPE.list, messages, {
    externalId,
    systemPrompt: null,
    meta: otherKeys(value, ['messages', 'id']),
  })
}

export function writeSmileRecord(dialogue: DialogueDetail, id: string) {
  return { id, messages: dialogue.messages.map((m) => ({ role: m.speaker, content: m.content })) }
}
