import { useEffect, useMemo, useState } from 'react'
import type { EvaluationSummary } from '@shared/evaluation'
import { api } from '../../../api/client'
import { useLiveList } from '../../../lib/useLiveList'

/**
 * The analyses a dataset's dialogues can be filtered by: completed ones that covered it (newest first), plus the one
 * already chosen (a link may name it before the list has it as completed).
 */
export function useScoreAnalyses(
  datasetId: string,
  chosen: string,
): { analyses: EvaluationSummary[] | null; error: unknown } {
  const { items, error } = useLiveList(api.listEvaluations, 'evaluation.progress')
  const analyses = useMemo(
    () =>
      items?.filter((e) => e.id === chosen || (e.status === 'completed' && e.datasetIds.includes(datasetId))) ?? null,
    [items, datasetId, chosen],
  )
  return { analyses, error }
}

/** The per-dialogue metrics an analysis stored, in its order; null while loading. */
export function useAnalysisMetrics(evaluationId: string): { metrics: string[] | null; error: unknown } {
  const [state, setState] = useState<{ id: string; metrics: string[] | null; error: unknown }>({
    id: '',
    metrics: null,
    error: null,
  })
  useEffect(() => {
    if (!evaluationId) return
    let live = true
    api.listEvaluationScores({ id: evaluationId, limit: 1 }).then(
      (page) => live && setState({ id: evaluationId, metrics: page.metrics, error: null }),
      (failure) => live && setState({ id: evaluationId, metrics: null, error: failure }),
    )
    return () => {
      live = false
    }
  }, [evaluationId])
  return state.id === evaluationId ? state : { metrics: null, error: null }
}
