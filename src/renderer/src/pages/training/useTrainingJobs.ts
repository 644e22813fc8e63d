import { useCallback, useEffect, useMemo, useState } from 'react'
import type { TrainingJobView } from '@shared/training'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface TrainingJobsState {
  /** Newest first; null until the first load. */
  jobs: TrainingJobView[] | null
  error: unknown
  reload: () => Promise<void>
  /** Put a fresher view (from an action, a refresh or an event) in place. */
  upsert: (job: TrainingJobView) => void
  remove: (id: string) => void
}

/** All training jobs, updated live from 'training.job'. */
export function useTrainingJobs(): TrainingJobsState {
  const [byId, setById] = useState<Map<string, TrainingJobView> | null>(null)
  const [error, setError] = useState<unknown>(null)
  // An event for a deleted job (sent while it stopped) must not bring it back.
  const [deleted] = useState(() => new Set<string>())

  const reload = useCallback(async () => {
    try {
      const list = await api.listTrainingJobs()
      setById(new Map(list.map((job) => [job.id, job])))
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [])
  useEffect(() => void reload(), [reload])

  const upsert = useCallback((job: TrainingJobView) => {
    if (deleted.has(job.id)) return
    setById((current) => new Map(current ?? []).set(job.id, job))
  }, [deleted])
  const remove = useCallback(
    (id: string) => {
      deleted.add(id)
      setById((current) => {
        if (!current?.has(id)) return current
        const next = new Map(current)
        next.delete(id)
        return next
      })
    },
    [deleted],
  )
  useWorkbenchEvent('training.job', upsert)

  const jobs = useMemo(() => (byId ? [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null), [byId])
  return { jobs, error, reload, upsert, remove }
}
