import { useCallback, useEffect, useState } from 'react'
import type { EndpointView } from '@shared/endpoint'
import { api } from '../api/client'
import { useWorkbenchEvent } from './useWorkbenchEvent'

/** The saved model endpoints, kept current when they change anywhere; null until loaded. */
export function useEndpoints(): { endpoints: EndpointView[] | null; error: unknown; reload: () => Promise<void> } {
  const [endpoints, setEndpoints] = useState<EndpointView[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setEndpoints(await api.listEndpoints())
      setError(null)
    } catch (failure) {
      setError(failure)
    }
  }, [])
  useEffect(() => void reload(), [reload])
  useWorkbenchEvent('endpoints.changed', () => void reload())
  return { endpoints, error, reload }
}
