import type { DatasetFormat } from '@shared/dialogue'
import { isPlainObject } from '../../roleCards/validation'
import { isCaseRecord } from './sessions'
import type { SourceRecord } from './types'

/** Records looked at before giving up; a file whose first records say nothing is not worth guessing about. */
const RECORDS_TO_TRY = 20

/**
 * Tells the format from the first records' keys: a header or messages with "speaker" → jsonl; AI_client + dialogue
 * → magnet; sessions (and no messages) → sessions; conversations → sharegpt; messages with role client/counselor
 * → smile, with user/assistant/system → openai.
 */
export function detectFormat(records: SourceRecord[]): DatasetFormat | null {
  for (const { value } of records.slice(0, RECORDS_TO_TRY)) {
    const format = formatOfRecord(value)
    if (format) return format
  }
  return null
}

function formatOfRecord(value: unknown): DatasetFormat | null {
  if (!isPlainObject(value)) return null
  if (isCaseRecord(value)) return 'sessions'
  if (typeof value.format === 'string' && !('messages' in value)) return 'jsonl'
  if ('AI_client' in value && 'dialogue' in value) return 'magnet'
  if ('conversations' in value) return 'sharegpt'
  if (!Array.isArray(value.messages)) return null
  for (const message of value.messages.slice(0, RECORDS_TO_TRY)) {
    if (!isPlainObject(message)) continue
    if ('speaker' in message) return 'jsonl'
    if (message.role === 'client' || message.role === 'counselor') return 'smile'
    if (message.role === 'user' || message.role === 'assistant' || message.role === 'system') return 'openai'
  }
  return null
}

export function describeKeys(records: SourceRecord[]): string {
  const first = records.find((record) => isPlainObject(record.value))
  if (!first) return 'no record is a JSON object'
  const keys = Object.keys(first.value as object)
  return keys.length
    ? `the first record has the keys ${keys.slice(0, 10).join(', ')}`
    : 'the first record is an empty object'
}
