import { useCallback, useEffect, useRef, useState } from 'react'
import type { PairChoice } from '@shared/study'
import { api } from '../../../api/client'
import { hasErrorCode } from '../../../lib/errors'

export type AnswerValue = number | PairChoice | null

/** What the server said after an answer: the dialogue's answers and the rater's finished dialogues. */
export interface SavedProgress {
  unitId: string
  answered: number
  total: number
  done: number
  tasks: number
}

export interface SaveState {
  /** The latest value given (shown while it is being saved, and after a failure until it is saved). */
  value: AnswerValue | string
  status: 'saving' | 'saved' | 'failed'
  error: unknown
  /** Failed, and sent again by itself (the server or the network was away); else it waits for "Retry now". */
  retrying?: boolean
}

export interface AnswerSaver {
  /** Saved or pending answers and comments of this session, by slot (see slotId). */
  states: Record<string, SaveState>
  saveAnswer: (unitId: string, key: string, value: AnswerValue) => void
  saveComment: (unitId: string, text: string) => void
  /** Sends every failed answer again now. */
  retryFailed: () => void
  /** Answers and comments not saved yet (being saved, or failed and waiting to be sent again). */
  unsaved: number
  failed: number
}

/** Slot of one answer (item or aspect key) or of a dialogue's comment (key null). */
export const slotId = (unitId: string, key: string | null) => `${unitId}\u0000${key ?? ''}`

/** Errors that sending again may cure (the server or the network was away); the others wait for "Retry". */
const transient = (error: unknown) =>
  !['invalid_input', 'not_found', 'unauthorized', 'conflict'].some((code) =>
    hasErrorCode(error, code as 'invalid_input'),
  )

const RETRY_MS = [1000, 2000, 4000, 8000, 15000, 30000]

interface Wanted {
  unitId: string
  key: string | null
  value: AnswerValue | string
  version: number
  attempts: number
}

/**
 * Saves each answer (and comment) the moment it is given. A slot holds only the newest value: a change while the
 * previous one is on its way is sent right after it. A failed save keeps its value shown and is sent again (after
 * 1, 2, 4 … 30 s while the server or network is away; at once on retryFailed), so no answer is lost while the page
 * stays open; the page warns before it is closed with answers unsaved.
 */
export function useAnswerSaver(
  studyId: string,
  rater: string | null,
  onProgress: (progress: SavedProgress) => void,
  onCommented: (unitId: string, text: string) => void,
): AnswerSaver {
  const [states, setStates] = useState<Record<string, SaveState>>({})
  const wanted = useRef(new Map<string, Wanted>())
  const inFlight = useRef(new Set<string>())
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>())
  const latest = useRef({ studyId, rater, onProgress, onCommented })
  latest.current = { studyId, rater, onProgress, onCommented }

  useEffect(() => {
    const pending = timers.current
    return () => pending.forEach((timer) => clearTimeout(timer))
  }, [])

  const setState = (id: string, state: SaveState) => setStates((all) => ({ ...all, [id]: state }))

  const send = useCallback(async (id: string): Promise<void> => {
    const want = wanted.current.get(id)
    const { studyId, rater } = latest.current
    if (!want || !rater || inFlight.current.has(id)) return
    clearTimeout(timers.current.get(id))
    timers.current.delete(id)
    inFlight.current.add(id)
    const { version, value, unitId, key } = want
    setState(id, { value, status: 'saving', error: null })
    try {
      if (key === null) {
        await api.saveStudyComment({ studyId, rater, unitId, text: String(value) })
        latest.current.onCommented(unitId, String(value))
      } else {
        const progress = await api.saveStudyAnswer({ studyId, rater, unitId, key, value: value as AnswerValue })
        latest.current.onProgress({ unitId, ...progress })
      }
      inFlight.current.delete(id)
      const now = wanted.current.get(id)
      if (now && now.version !== version) return void send(id)
      wanted.current.delete(id)
      setState(id, { value, status: 'saved', error: null })
    } catch (error) {
      inFlight.current.delete(id)
      const now = wanted.current.get(id)
      if (!now) return
      if (now.version !== version) return void send(id)
      setState(id, { value, status: 'failed', error, retrying: transient(error) })
      if (transient(error)) {
        const delay = RETRY_MS[Math.min(now.attempts, RETRY_MS.length - 1)]
        now.attempts += 1
        timers.current.set(
          id,
          setTimeout(() => void send(id), delay),
        )
      }
    }
  }, [])

  const put = useCallback(
    (unitId: string, key: string | null, value: AnswerValue | string) => {
      const id = slotId(unitId, key)
      const version = (wanted.current.get(id)?.version ?? 0) + 1
      wanted.current.set(id, { unitId, key, value, version, attempts: 0 })
      // Shown at once; the status says whether it has reached the server.
      setState(id, { value, status: 'saving', error: null })
      void send(id)
    },
    [send],
  )

  const saveAnswer = useCallback((unitId: string, key: string, value: AnswerValue) => put(unitId, key, value), [put])
  const saveComment = useCallback((unitId: string, text: string) => put(unitId, null, text), [put])
  const retryFailed = useCallback(() => {
    for (const id of wanted.current.keys()) if (!inFlight.current.has(id)) void send(id)
  }, [send])

  const values = Object.values(states)
  const unsaved = values.filter((state) => state.status !== 'saved').length
  const failed = values.filter((state) => state.status === 'failed').length

  useEffect(() => {
    if (unsaved === 0) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unsaved])

  return { states, saveAnswer, saveComment, retryFailed, unsaved, failed }
}
