import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnnotationState, VoteChoice } from '@shared/arena'
import { api } from '../../../api/client'
import { hasErrorCode } from '../../../lib/errors'

/** While every open dialogue is someone else's, ask again this often. */
const POLL_MS = 1500
/** While the annotator's next turn is generated, the server answers as soon as it is ready (up to this long). */
const WAIT_MS = 20_000

export interface Annotation {
  state: AnnotationState | null
  error: unknown
  submitting: boolean
  vote: (choice: VoteChoice) => Promise<void>
  reload: () => void
}

/**
 * The annotator's next turn. Votes are stored at once; while the next turn's
 * candidates are being generated the server holds the request until they are
 * ready, so the turn shows the moment it exists; while every open dialogue is
 * someone else's, it asks again every 1.5 s.
 */
export function useAnnotation(arenaId: string, annotator: string | null, active: boolean): Annotation {
  const [state, setState] = useState<AnnotationState | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [submitting, setSubmitting] = useState(false)
  const [polls, setPolls] = useState(0)
  const live = useRef(true)
  useEffect(() => {
    live.current = true
    return () => {
      live.current = false
    }
  }, [])

  const load = useCallback(
    async (waitMs = 0) => {
      if (!annotator) return
      try {
        const next = await api.nextAnnotation({ arenaId, annotator, waitMs })
        if (!live.current) return
        setState(next)
        setError(null)
      } catch (failure) {
        if (live.current) setError(failure)
      }
    },
    [arenaId, annotator],
  )

  useEffect(() => {
    setState(null)
    if (active) void load()
  }, [load, active])

  const waiting = active && state !== null && !state.done && (state.preparing || state.task === null)
  const preparing = waiting && state.preparing
  useEffect(() => {
    if (!waiting) return
    if (preparing) {
      void load(WAIT_MS).then(() => setPolls((n) => n + 1))
      return
    }
    const timer = setTimeout(() => {
      void load().then(() => setPolls((n) => n + 1))
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [waiting, preparing, load, polls])

  const vote = useCallback(
    async (choice: VoteChoice) => {
      const task = state?.task
      if (!annotator || !task) return
      setSubmitting(true)
      try {
        const next = await api.submitVote({ arenaId, annotator, dialogueId: task.dialogueId, turn: task.turn, choice })
        if (!live.current) return
        setState(next)
        setError(null)
      } catch (failure) {
        if (!live.current) return
        setError(failure)
        // The turn was decided meanwhile (another window, a cancelled dialogue): move on to what is open now.
        if (hasErrorCode(failure, 'conflict') || hasErrorCode(failure, 'not_found')) void load()
      } finally {
        if (live.current) setSubmitting(false)
      }
    },
    [arenaId, annotator, state, load],
  )

  return { state, error, submitting, vote, reload: () => void load() }
}
