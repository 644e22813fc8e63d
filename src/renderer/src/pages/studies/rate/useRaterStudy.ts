import { useCallback, useEffect, useRef, useState } from 'react'
import type { RaterStudyView, RaterTaskView } from '@shared/study'
import { api } from '../../../api/client'
import type { SavedProgress } from './useAnswerSaver'

/** The rater's study (guidelines, items, tasks with progress), kept current from what each save returns. */
export function useRaterStudy(studyId: string, rater: string) {
  const [study, setStudy] = useState<RaterStudyView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const live = useRef(true)
  useEffect(() => {
    live.current = true
    return () => {
      live.current = false
    }
  }, [])

  const load = useCallback(async () => {
    setLoading(true)
    try {
      const next = await api.raterStudy({ studyId, rater })
      if (!live.current) return
      setStudy(next)
      setError(null)
    } catch (failure) {
      if (live.current) setError(failure)
    } finally {
      if (live.current) setLoading(false)
    }
  }, [studyId, rater])

  useEffect(() => {
    setStudy(null)
    void load()
  }, [load])

  const applyProgress = useCallback((progress: SavedProgress) => {
    setStudy(
      (current) =>
        current && {
          ...current,
          done: progress.done,
          total: progress.tasks,
          tasks: current.tasks.map((task) =>
            task.unitId === progress.unitId ? { ...task, answered: progress.answered, total: progress.total } : task,
          ),
        },
    )
  }, [])

  const applyComment = useCallback((unitId: string, text: string) => {
    setStudy(
      (current) =>
        current && {
          ...current,
          tasks: current.tasks.map((task) =>
            task.unitId === unitId ? { ...task, commented: text.trim() !== '' } : task,
          ),
        },
    )
  }, [])

  return { study, error, loading, reload: () => void load(), applyProgress, applyComment }
}

/** One dialogue (or pair) of the rater's: transcripts, their answers so far and their comment. */
export function useRaterTask(studyId: string, rater: string, unitId: string | null) {
  const [task, setTask] = useState<RaterTaskView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    setTask(null)
    setError(null)
    if (!unitId) return
    let current = true
    api.raterTask({ studyId, rater, unitId }).then(
      (next) => current && setTask(next),
      (failure) => current && setError(failure),
    )
    return () => {
      current = false
    }
  }, [studyId, rater, unitId, attempt])

  return { task, error, reload: () => setAttempt((n) => n + 1) }
}
