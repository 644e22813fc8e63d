import { useCallback, useEffect, useRef, useState } from 'react'
import type { Dataset } from '@shared/dialogue'
import { api } from '../../api/client'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

/** All datasets, newest first; refreshed on 'datasets.changed' and when a run's dataset is not listed yet. */
export function useDatasets(): { datasets: Dataset[] | null; error: unknown; reload: () => Promise<void> } {
  const [datasets, setDatasets] = useState<Dataset[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef<Dataset[] | null>(null)
  latest.current = datasets

  const reload = useCallback(async () => {
    try {
      setDatasets(await api.listDatasets())
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [])
  useEffect(() => void reload(), [reload])
  useWorkbenchEvent('datasets.changed', () => void reload())
  // Starting a run creates its dataset without a 'datasets.changed' event.
  useWorkbenchEvent('run.progress', (run) => {
    if (latest.current && !latest.current.some((d) => d.id === run.datasetId)) void reload()
  })
  return { datasets, error, reload }
}
