import type { Message } from '@shared/dialogue'
import type { DialogueRepo, NewMessage } from '../db/dialogueRepo'
import type { NewTurn } from './agents'

/**
 * Stores simulated messages in one transaction per event-loop turn instead of
 * one per message: under load this halves the cost of persistence. A message
 * is written before anything that depends on it can be (the next reply needs a
 * network round trip; status changes call `flush` first), so a crash loses at
 * most replies that are then simply asked for again. `onWritten` sees each
 * message with its database id.
 */
export function messageWriter(dialogues: DialogueRepo, isOpen: () => boolean, onWritten: (message: Message) => void) {
  let pending: { dialogueId: string; index: number; message: NewMessage; stored: Message }[] = []
  const flush = () => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    if (!isOpen()) return
    const ids = dialogues.appendMessages(batch)
    batch.forEach((item, i) => {
      item.stored.id = ids[i]
      onWritten(item.stored)
    })
  }
  return {
    append(dialogueId: string, index: number, message: NewTurn): Message {
      const stored: Message = { ...message, id: 0, dialogueId, index, createdAt: new Date().toISOString() }
      if (pending.push({ dialogueId, index, message, stored }) === 1) setImmediate(flush)
      return stored
    },
    flush,
  }
}
