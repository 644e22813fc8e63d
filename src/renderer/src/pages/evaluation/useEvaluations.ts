import { useCallback, useEffect, useMemo, useState } from 'react'
import type { EvaluationSummary } from '@shared/evaluation'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface EvaluationsState {
  /** Newest first; null until the first load. */
  evaluations: EvaluationSummary[] | null
  error: unknown
  reload: () => Promise<void>
  /** Put a fresher summary (from an action or getEvaluation) in place. */
  upsert: (evaluation: EvaluationSummary) => void
  remove: (id: string) => void
}

/** All evaluations, updated live from 'evaluation.progress'. */
export function useEvaluations(): EvaluationsState {
  const [byId, setById] = useState<Map<string, EvaluationSummary> | null>(null)
  const [error, setError] = useState<unknown>(null)

  const reload = useCallback(async () => {
    try {
      const list = await api.listEvaluations()
      setById(new Map(list.map((evaluation) => [evaluation.id, evaluation])))
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [])
  useEffect(() => void reload(), [reload])

  const upsert = useCallback((evaluation: EvaluationSummary) => {
    setById((current) => {
      const next = new Map(current ?? [])
      next.set(evaluation.id, evaluation)
      return next
    })
  }, [])
  const remove = useCallback((id: string) => {
    setById((current) => {
      if (!current?.has(id)) return current
      const next = new Map(current)
      next.delete(id)
      return next
    })
  }, [])
  // A progress event for a deleted evaluation (emitted while it stopped) must not bring it back.
  const [deleted] = useState(() => new Set<string>())
  const removeForGood = useCallback(
    (id: string) => {
      deleted.add(id)
      remove(id)
    },
    [deleted, remove],
  )
  useWorkbenchEvent('evaluation.progress', (evaluation) => {
    if (!deleted.has(evaluation.id)) upsert(evaluation)
  })

  const evaluations = useMemo(() => (byId ? [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null), [byId])
  return { evaluations, error, reload, upsert, remove: removeForGood }
}
