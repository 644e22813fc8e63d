import type { Message } from '@shared/dialogue'
import type { DialogueRepo, NewMessage } from '../db/dialogueRepo'
import { log } from '../logger'
import { JobLostError, type OwnedJob } from '../ownedJobs'
import type { NewTurn } from './agents'

type Item = { dialogueId: string; index: number; message: NewMessage; stored: Message }

/**
 * Stores simulated messages in one transaction per event-loop turn instead of
 * one per message: under load this halves the cost of persistence. A message
 * is written before anything that depends on it can be (the next reply needs a
 * network round trip; status changes call `flush` first), so a crash loses at
 * most replies that are then simply asked for again. `onWritten` sees each
 * message with its database id.
 *
 * Each run's messages are written through its job's fenced write: a run another
 * process has taken over gets nothing more stored from here. A write that fails
 * otherwise (the database busy past its timeout) is never thrown from the timer:
 * the dialogue's next `append` or `flush` throws it, so the runner reports it on
 * that dialogue, and no later message is stored after the missing ones.
 */
export function messageWriter(dialogues: DialogueRepo, isOpen: () => boolean, onWritten: (message: Message) => void) {
  let pending: (Item & { job: OwnedJob })[] = []
  const failed = new Map<string, unknown>()
  const take = (dialogueId: string, rethrow = true) => {
    const error = failed.get(dialogueId)
    if (error === undefined) return
    failed.delete(dialogueId)
    if (rethrow) throw error
  }
  const write = () => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    if (!isOpen()) return
    const byJob = new Map<OwnedJob, Item[]>()
    for (const { job, ...item } of batch) byJob.set(job, [...(byJob.get(job) ?? []), item])
    for (const [job, items] of byJob) {
      let ids: number[]
      try {
        ids = job.write(() => dialogues.appendMessages(items))
      } catch (error) {
        if (error instanceof JobLostError) continue
        for (const item of items) if (!failed.has(item.dialogueId)) failed.set(item.dialogueId, error)
        continue
      }
      items.forEach((item, i) => {
        item.stored.id = ids[i]
        try {
          onWritten(item.stored)
        } catch (error) {
          log.error(`after storing a message of dialogue ${item.dialogueId}`, error)
        }
      })
    }
  }
  return {
    append(job: OwnedJob, dialogueId: string, index: number, message: NewTurn): Message {
      take(dialogueId)
      const stored: Message = {
        ...message,
        trace: message.trace ?? null,
        id: 0,
        dialogueId,
        index,
        createdAt: new Date().toISOString(),
      }
      if (pending.push({ job, dialogueId, index, message, stored }) === 1) setImmediate(write)
      return stored
    },
    /**
     * Stores what is pending; throws the error a write of `dialogueId`'s messages met, if any (unless `rethrow` is
     * false).
     */
    flush(dialogueId?: string, rethrow = true) {
      write()
      if (dialogueId !== undefined) take(dialogueId, rethrow)
    },
  }
}
