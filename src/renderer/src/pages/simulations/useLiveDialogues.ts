import { useCallback, useEffect, useRef, useState } from 'react'
import type { DialogueStatus, EndReason, Message } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface LiveDialogue {
  id: string
  title: string
  language: Language | null
  /** Which sample of its role card (0-based). */
  sample: number
  /** Its session index in its case (follow-up runs), or null. */
  sessionIndex: number | null
  messages: Message[]
  status: DialogueStatus
  endReason: EndReason | null
}

/** Cards shown at once; the rest of the dialogues in flight are counted, not drawn. */
const MAX_LIVE = 24
/** A finished dialogue stays on screen this long, so its ending can be seen. */
const LINGER_MS = 4000

const mergeMessages = (a: Message[], b: Message[]) => {
  const byIndex = new Map<number, Message>()
  for (const message of [...a, ...b]) byIndex.set(message.index, message)
  return [...byIndex.values()].sort((x, y) => x.index - y.index)
}

/** The run's dialogues in flight, streaming their messages from 'dialogue.message' events. */
export function useLiveDialogues(runId: string): { dialogues: LiveDialogue[]; error: unknown } {
  const [dialogues, setDialogues] = useState<LiveDialogue[]>([])
  const [error, setError] = useState<unknown>(null)
  const known = useRef(new Set<string>())
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>())

  const update = useCallback((id: string, change: (entry: LiveDialogue) => LiveDialogue) => {
    setDialogues((list) => list.map((entry) => (entry.id === id ? change(entry) : entry)))
  }, [])

  /** Fills in the title and the messages written before this view opened. */
  const fetchDetail = useCallback(
    (id: string) => {
      api.getDialogue({ id }).then(
        (detail) =>
          update(id, (entry) => ({
            ...entry,
            title: detail.title,
            language: detail.language,
            sample: detail.sample,
            sessionIndex: detail.sessionIndex,
            messages: mergeMessages(detail.messages, entry.messages),
          })),
        (failure) => setError(failure),
      )
    },
    [update],
  )

  const add = useCallback(
    (id: string, status: DialogueStatus) => {
      if (known.current.has(id) || known.current.size >= MAX_LIVE) return false
      known.current.add(id)
      setDialogues((list) => [
        ...list,
        { id, title: '', language: null, sample: 0, sessionIndex: null, messages: [], status, endReason: null },
      ])
      fetchDetail(id)
      return true
    },
    [fetchDetail],
  )

  const scheduleRemoval = useCallback((id: string) => {
    clearTimeout(timers.current.get(id))
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id)
        known.current.delete(id)
        setDialogues((list) => list.filter((entry) => entry.id !== id))
      }, LINGER_MS),
    )
  }, [])

  useEffect(() => {
    let live = true
    api.listDialogues({ runId, status: 'running', limit: MAX_LIVE }).then(
      (page) => live && page.items.forEach((item) => add(item.id, 'running')),
      (failure) => live && setError(failure),
    )
    const pending = timers.current
    return () => {
      live = false
      for (const timer of pending.values()) clearTimeout(timer)
    }
  }, [runId, add])

  useWorkbenchEvent('dialogue.status', (event) => {
    if (event.runId !== runId) return
    if (event.status === 'running') {
      if (!add(event.dialogueId, 'running') && known.current.has(event.dialogueId)) {
        clearTimeout(timers.current.get(event.dialogueId))
        update(event.dialogueId, (entry) => ({ ...entry, status: 'running', endReason: null }))
      }
      return
    }
    if (!known.current.has(event.dialogueId)) return
    update(event.dialogueId, (entry) => ({ ...entry, status: event.status, endReason: event.endReason }))
    scheduleRemoval(event.dialogueId)
  })

  useWorkbenchEvent('dialogue.message', (event) => {
    if (event.runId !== runId) return
    if (!known.current.has(event.dialogueId)) {
      add(event.dialogueId, 'running')
      return
    }
    update(event.dialogueId, (entry) => ({ ...entry, messages: mergeMessages(entry.messages, [event.message]) }))
  })

  return { dialogues, error }
}
