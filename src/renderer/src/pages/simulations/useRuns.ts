import { useCallback, useEffect, useMemo, useState } from 'react'
import type { RunSummary } from '@shared/simulation'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

export interface RunsState {
  /** Newest first; null until the first load. */
  runs: RunSummary[] | null
  error: unknown
  reload: () => Promise<void>
  /** Put a fresher summary (from an action or getRun) in place. */
  upsert: (run: RunSummary) => void
}

/** All runs, updated live from 'run.progress'. */
export function useRuns(): RunsState {
  const [byId, setById] = useState<Map<string, RunSummary> | null>(null)
  const [error, setError] = useState<unknown>(null)

  const reload = useCallback(async () => {
    try {
      const list = await api.listRuns()
      setById(new Map(list.map((run) => [run.id, run])))
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [])
  useEffect(() => void reload(), [reload])

  const upsert = useCallback((run: RunSummary) => {
    setById((current) => {
      const next = new Map(current ?? [])
      next.set(run.id, run)
      return next
    })
  }, [])
  useWorkbenchEvent('run.progress', upsert)

  const runs = useMemo(() => (byId ? [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null), [byId])
  return { runs, error, reload, upsert }
}
