import type { Dataset } from '@shared/dialogue'
import { api } from '../../api/client'
import { useLoaded } from '../../lib/useLoaded'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'

/** All datasets, newest first; refreshed on 'datasets.changed' and when a run's dataset is not listed yet. */
export function useDatasets(): { datasets: Dataset[] | null; error: unknown; reload: () => Promise<void> } {
  const { value: datasets, error, reload } = useLoaded(() => api.listDatasets(), [])
  useWorkbenchEvent('datasets.changed', () => void reload())
  // Starting a run creates its dataset without a 'datasets.changed' event.
  useWorkbenchEvent('run.progress', (run) => {
    if (datasets && !datasets.some((d) => d.id === run.datasetId)) void reload()
  })
  return { datasets, error, reload }
}
